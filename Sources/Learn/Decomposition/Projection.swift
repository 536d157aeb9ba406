import NDArrays

/// `x · vtᵀ`: the rows of `x` projected on the rows of `vt` (a few components), with the column
/// sums of `x` gathered in the same pass when asked.
///
/// For a handful of components this is one streaming pass over X, split by rows across cores,
/// which a general `gemm` does poorly (with 2 output columns OpenBLAS runs at a third of memory
/// bandwidth). Each output row depends only on its input row and is summed in a fixed order, so
/// a row slice of X projects to exactly the rows X does; column sums are combined part by part
/// in a fixed order. More than `maximumComponents` components go through `gemm`.
enum Projection {
    /// The most components projected by the streaming loop.
    static let maximumComponents = 8
    /// Row parts of the pass (fixed, so that column sums do not depend on the thread count).
    static let parts = 16

    static func project(_ x: NDArray<Double>, _ vt: NDArray<Double>, columnSums: Bool = false)
        throws(LearnError)
        -> (projected: NDArray<Double>, sums: NDArray<Double>?)
    {
        let (n, d, k) = (x.shape[0], x.shape[1], vt.shape[0])
        guard k <= maximumComponents else {
            let sums = columnSums ? try product(NDArray<Double>.ones([1, n]), x).reshapedVector : nil
            return (try product(x, vt, transposeB: true), sums)
        }
        var projected = NDArray<Double>.empty([n, k])
        var partSums = [Double](repeating: 0, count: columnSums ? parts * d : 0)
        x.withUnsafeBufferPointer { x in
            vt.withUnsafeBufferPointer { v in
                projected.withUnsafeMutableBufferPointer { out in
                    partSums.withUnsafeMutableBufferPointer { sums in
                        let target = columnSums ? sums.baseAddress : nil  // an empty array's address is not writable
                        let shared = Shared((x.baseAddress!, v.baseAddress!, out.baseAddress!, target))
                        Concurrency.forEachPart(n, parts: parts, grain: 1 << 12) { part, rows in
                            let (x, v, out, sums) = shared.value
                            projectRows(rows, x, v, out, sums.map { $0 + part * d }, d: d, k: k)
                        }
                    }
                }
            }
        }
        guard columnSums else { return (projected, nil) }
        var sums = [Double](repeating: 0, count: d)
        for part in 0..<parts {
            for j in 0..<d { sums[j] += partSums[part * d + j] }
        }
        return (projected, NDArray(sums))
    }

    /// Rows `rows` of the projection, adding each row of `x` into `sums` when given.
    private static func projectRows(
        _ rows: Range<Int>, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>,
        _ out: UnsafeMutablePointer<Double>,
        _ sums: UnsafeMutablePointer<Double>?, d: Int, k: Int
    ) {
        let wide = d - d % 8
        let components = UnsafeRawPointer(v)
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: k) { partial in
            for i in rows {
                let row = UnsafeRawPointer(x + i * d)
                for c in 0..<k { partial[c] = SIMD8() }
                for j in stride(from: 0, to: wide, by: 8) {
                    let values = row.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self)
                    if let sums {
                        let raw = UnsafeMutableRawPointer(sums + j)
                        raw.storeBytes(
                            of: raw.loadUnaligned(as: SIMD8<Double>.self) + values, as: SIMD8<Double>.self)
                    }
                    for c in 0..<k {
                        partial[c] +=
                            values
                            * components.loadUnaligned(
                                fromByteOffset: (c * d + j) * 8, as: SIMD8<Double>.self)
                    }
                }
                for c in 0..<k {
                    var total = partial[c].sum()
                    for t in wide..<d { total += x[i * d + t] * v[c * d + t] }
                    out[i * k + c] = total
                }
                if let sums {
                    for t in wide..<d { sums[t] += x[i * d + t] }
                }
            }
        }
    }
}
