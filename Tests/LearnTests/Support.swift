import NDArrays

/// Whether `a` has the given shape and every element agrees with `b` within an absolute and
/// relative tolerance (`numpy.allclose`).
func allClose(_ a: NDArray<Double>, _ b: [[Double]], tolerance: Double = 1e-12) -> Bool {
    a.shape == [b.count, b.first?.count ?? 0] && allClose(a.scalars, b.flatMap { $0 }, tolerance: tolerance)
}

/// `allClose` for 1-D arrays.
func allClose(_ a: NDArray<Double>, _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.shape == [b.count] && allClose(a.scalars, b, tolerance: tolerance)
}

/// `allClose` for two arrays.
func allClose(_ a: NDArray<Double>, _ b: NDArray<Double>, tolerance: Double = 1e-12) -> Bool {
    a.shape == b.shape && allClose(a.scalars, b.scalars, tolerance: tolerance)
}

/// Whether two lists agree element by element within an absolute and relative tolerance.
func allClose(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { x, y in
            Swift.abs(x - y) <= tolerance * (1 + Swift.max(Swift.abs(x), Swift.abs(y)))
        }
}

/// A 2-D array from rows written in a test.
func matrix(_ rows: [[Double]]) -> NDArray<Double> {
    try! NDArray(rows: rows)
}

/// The rows of `a` in consecutive slices of `size`, transformed one slice at a time and joined:
/// what a runtime that splits work by rows computes.
func bySlices<S: NDScalar>(
    _ a: NDArray<Double>, size: Int, _ body: (NDArray<Double>) throws -> NDArray<S>
) throws -> NDArray<S> {
    let parts = try stride(from: 0, to: a.shape[0], by: size).map { start in
        try body(a[start..<Swift.min(a.shape[0], start + size)])
    }
    return try concatenate(parts)
}
