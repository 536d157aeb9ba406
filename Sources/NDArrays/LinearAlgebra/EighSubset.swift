/// Some of the eigenpairs of a symmetric matrix, chosen by their rank among the eigenvalues in
/// ascending order (`scipy.linalg.eigh(a, subset_by_index=[lo, hi - 1])`), reading its lower
/// triangle: `values` ascending, column `j` of `vectors` the unit eigenvector of `values[j]`.
///
/// The largest `k` eigenpairs of an n×n matrix are `subsetByIndex: (n - k)..<n`. Finding a few
/// eigenpairs costs the reduction to tridiagonal form (4n³/3) plus O(n) per pair, instead of the
/// O(n³) back-transformation of every eigenvector that `eigh` pays.
///
/// ```swift
/// let g = try gram(x)                                    // 512 × 512
/// let top = try eigh(g, subsetByIndex: 510..<512)        // the two largest eigenpairs
/// ```
///
/// Runs on LAPACKE (`?syevr`, relatively robust representations) where it was found, else on
/// NDArrays' Jacobi solver, which finds every eigenpair and keeps the ones asked for. Eigenvectors
/// are unique only up to sign. Throws for a matrix that is not square, has non-finite elements,
/// or does not converge, and for a range outside `0..<n`.
/// - Complexity: O(n³).
public func eigh<S: NDFloatingPoint>(_ a: NDArray<S>, subsetByIndex range: Range<Int>) throws(NDArrayError)
    -> (values: NDArray<S>, vectors: NDArray<S>)
{
    guard a.rank == 2 else {
        throw .invalidRank(operation: "eigh", expected: "a square 2-D array", found: a.rank)
    }
    let n = a.shape[0]
    guard a.shape[1] == n else {
        throw .shapeMismatch(operation: "eigh", expected: "a square matrix", found: describe(a.shape))
    }
    guard range.lowerBound >= 0, range.upperBound <= n else {
        throw .invalidArgument(
            operation: "eigh", expected: "an index range within 0..<\(n)", found: "\(range)")
    }
    try requireFinite(a, "eigh")
    let count = range.count
    if count == 0 { return (NDArray<S>.zeros([0]), NDArray<S>.zeros([n, 0])) }
    guard let lapack = LinearAlgebraLibrary.functions, n < Int(Int32.max) else {
        let (values, vectors) = try eigh(a)
        return (try values.slice(range).copy(), selectColumns(vectors, range))
    }
    // LAPACK is column-major: the buffer read as column-major is aᵀ, whose upper triangle is a's
    // lower triangle. Passing it so spares LAPACKE a transposed copy of the matrix in and out.
    let work = a.copy()
    let values = NDArray<S>(uninitializedShape: [n])
    let columns = NDArray<S>(uninitializedShape: [count, n])  // column-major n × count: one vector per row
    var found: Int32 = 0
    var support = [Int32](repeating: 0, count: 2 * count)
    let (size, low, high) = (Int32(n), Int32(range.lowerBound + 1), Int32(range.upperBound))
    let info = support.withUnsafeMutableBufferPointer { support in
        if S.self == Double.self {
            return lapack.dsyevr(
                CBLAS.columnMajor, LAPACKFlag.vectors, LAPACKFlag.byIndex, LAPACKFlag.upper, size,
                work.mutableBase.cast(to: Double.self), size, 0, 0, low, high, 0, &found,
                values.mutableBase.cast(to: Double.self), columns.mutableBase.cast(to: Double.self), size,
                support.baseAddress)
        }
        return lapack.ssyevr(
            CBLAS.columnMajor, LAPACKFlag.vectors, LAPACKFlag.byIndex, LAPACKFlag.upper, size,
            work.mutableBase.cast(to: Float.self), size, 0, 0, low, high, 0, &found,
            values.mutableBase.cast(to: Float.self), columns.mutableBase.cast(to: Float.self), size,
            support.baseAddress)
    }
    guard info == 0, Int(found) == count else {
        throw .notConverged(
            operation: "eigh",
            detail: "LAPACK info \(info), \(found) of \(count) eigenpairs for a \(n)×\(n) matrix")
    }
    let vectors = columns.transposed()
    return (try values.slice(0..<count).copy(), vectors)
}

/// Columns `range` of a 2-D array, as a new array.
func selectColumns<S: NDScalar>(_ a: NDArray<S>, _ range: Range<Int>) -> NDArray<S> {
    let (rows, columns) = (a.shape[0], a.shape[1])
    let result = NDArray<S>(uninitializedShape: [rows, range.count])
    let out = result.mutableBase
    a.withUnsafeBufferPointer { source in
        for r in 0..<rows {
            for (j, column) in range.enumerated() { out[r * range.count + j] = source[r * columns + column] }
        }
    }
    return result
}
