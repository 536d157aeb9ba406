import NDArrays

/// How the fuzzer judges the runtime's results against a reference: the CPU library's on the
/// simulated device (which runs the same vector math), GPUArrays' op-at-a-time kernels on CUDA
/// (whose transcendental functions differ from the CPU's by a few ulp).
///
/// Elementwise results must be bitwise equal (every NaN equal to every NaN): fusing and batching
/// change where values are computed, never how. Exact reductions (min, max, argmin, argmax) must be
/// equal. Summing
/// reductions add in another order when split into batches: a sum must lie within 2n·ε·Σ|x| of
/// the CPU's (a mean within that over n), a variance (or squared standard deviation) within
/// 2n·ε·Σ(x−mean)² + 1e-12·(var + mean²), as long as no term exceeds 1e290 (past that, partial sums
/// may overflow in one order and not in another, and only the class of the value, NaN, infinite or
/// finite, is compared).
struct Comparison {
    /// Why `actual` does not match `expected`, or nil.
    func mismatch(_ expected: Outcome, _ actual: Outcome) -> String? {
        if let error = expected.error {
            return actual.error == nil ? "the reference failed (\(error)) but Bach did not" : nil
        }
        if let error = actual.error { return "Bach failed: \(error)" }
        for (index, (x, y)) in zip(expected.arrays, actual.arrays).enumerated() {
            guard x.shape == y.shape else { return "v\(index): shape \(y.shape), expected \(x.shape)" }
            let (a, b) = (x.scalars, y.scalars)
            if let at = a.indices.first(where: { !same(a[$0], b[$0]) }) {
                return "v\(index)[\(at)] = \(b[at]), expected \(a[at])"
            }
        }
        for (index, (x, y)) in zip(expected.scalars, actual.scalars).enumerated() where !close(x, y) {
            return "s\(index) = \(x.name)(…) = \(y.value), expected \(x.value)"
        }
        return nil
    }

    /// Whether `a` and `b` are the same double bit for bit, every NaN being the same.
    static func same(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return a.bitPattern == b.bitPattern
    }

    /// Whether a reduction's result `b` agrees with the reference's `a`: the same (`tolerance`
    /// nil), or within `tolerance` (their squares, for a standard deviation: `squared`), or of one
    /// class (NaN, infinite, finite) where the terms were too large to bound the error.
    static func agree(_ a: Double, _ b: Double, tolerance: Double?, squared: Bool = false) -> Bool {
        guard let tolerance else { return same(a, b) }
        if a.isNaN || b.isNaN || a.isInfinite || b.isInfinite || tolerance.isInfinite {
            return a.isNaN == b.isNaN && a.isInfinite == b.isInfinite
                && (!a.isInfinite || tolerance.isInfinite || a == b)
        }
        if squared { return Swift.abs(a * a - b * b) <= tolerance }
        return Swift.abs(a - b) <= tolerance
    }

    private func same(_ a: Double, _ b: Double) -> Bool { Self.same(a, b) }

    private func close(_ expected: Outcome.Scalar, _ actual: Outcome.Scalar) -> Bool {
        Self.agree(
            expected.value, actual.value, tolerance: expected.tolerance, squared: expected.name == "std")
    }
}
