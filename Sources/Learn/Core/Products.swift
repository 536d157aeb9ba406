import NDArrays

/// `op(a) · op(b)` as a new array, where `op` transposes when asked (`gemm` without a target).
func product(
    _ a: NDArray<Double>, _ b: NDArray<Double>, transposeA: Bool = false, transposeB: Bool = false
) throws(LearnError) -> NDArray<Double> {
    let m = transposeA ? a.shape[1] : a.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    var c = NDArray<Double>.empty([m, n])
    try linearAlgebra { () throws(NDArrayError) in
        try gemm(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)
    }
    return c
}

/// The first `count` columns of a 2-D array, as a new array.
func leadingColumns(_ a: NDArray<Double>, _ count: Int) -> NDArray<Double> {
    let (rows, columns) = (a.shape[0], a.shape[1])
    var result = NDArray<Double>.empty([rows, count])
    a.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { target in
            for r in 0..<rows {
                for j in 0..<count { target[r * count + j] = source[r * columns + j] }
            }
        }
    }
    return result
}

/// Runs an NDArrays call whose arguments are known to fit (shapes built a few lines above), trapping
/// with the error's message should that ever be wrong: for internal invariants, never for input.
@inline(__always)
func must<R>(_ body: () throws(NDArrayError) -> R) -> R {
    do {
        return try body()
    } catch {
        preconditionFailure("Learn: internal invariant broken: \(error)")
    }
}

extension NDArray where Scalar == Double {
    /// A 1-D array as a 1×n matrix.
    var reshapedRow: NDArray { must { () throws(NDArrayError) in try reshaped([1, -1]) } }
    /// A 1-D array as an n×1 matrix.
    var reshapedColumn: NDArray { must { () throws(NDArrayError) in try reshaped([-1, 1]) } }
    /// A matrix as a 1-D array of its elements.
    var reshapedVector: NDArray { must { () throws(NDArrayError) in try reshaped([-1]) } }
    /// Elements `start...` of a 1-D array (a view).
    func slicedFrom(_ start: Int) -> NDArray { must { () throws(NDArrayError) in try slice(start..<count) } }
    /// Each element, or `floor` where it is smaller.
    func clippedBelow(_ floor: Double) -> NDArray { maximum(self, floor) }
}
