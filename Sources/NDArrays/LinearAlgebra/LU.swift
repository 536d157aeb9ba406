/// The LU decomposition with partial pivoting `a = (p · l) · u` of an m×n matrix, returned as
/// `scipy.linalg.lu(a, permute_l=True)` does: with `k = min(m, n)`, `permutedL` is the m×k unit
/// lower-trapezoidal factor with its rows permuted, and `u` the k×n upper-trapezoidal factor.
///
/// `permutedL` spans the same columns as `a` (when `a` has full column rank) at a fraction of the
/// cost of QR, which is why randomized SVD uses it to renormalise between power iterations.
/// Runs on LAPACKE (`?getrf`) where it was found, else on NDArrays' own elimination, which picks
/// the same pivots (the first largest magnitude in each column). A singular matrix is factored
/// all the same (`u` then has a zero on its diagonal). Throws for an array that is not 2-D or has
/// non-finite elements.
///
/// ```swift
/// let (pl, u) = try lu(try NDArray<Double>(rows: [[1, 2], [3, 4]]))   // pl · u == a
/// ```
/// - Complexity: O(m·n·k).
public func lu<S: NDFloatingPoint>(_ a: NDArray<S>) throws(NDArrayError) -> (
    permutedL: NDArray<S>, u: NDArray<S>
) {
    guard a.rank == 2 else {
        throw .invalidRank(operation: "lu", expected: "a 2-D array", found: a.rank)
    }
    try requireFinite(a, "lu")
    let (m, n) = (a.shape[0], a.shape[1])
    let k = Swift.min(m, n)
    let factors = a.copy()
    var pivots = [Int32](repeating: 0, count: Swift.max(k, 1))
    if k == 0 { return (NDArray<S>.zeros([m, 0]), NDArray<S>.zeros([0, n])) }
    let f = factors.mutableBase
    if let lapack = LinearAlgebraLibrary.functions, m < Int(Int32.max), n < Int(Int32.max) {
        let info = pivots.withUnsafeMutableBufferPointer { pivots in
            S.self == Double.self
                ? lapack.dgetrf(
                    CBLAS.rowMajor, Int32(m), Int32(n), f.cast(to: Double.self), Int32(n), pivots.baseAddress)
                : lapack.sgetrf(
                    CBLAS.rowMajor, Int32(m), Int32(n), f.cast(to: Float.self), Int32(n), pivots.baseAddress)
        }
        guard info >= 0 else {
            throw .invalidArgument(operation: "lu", expected: "valid arguments", found: "LAPACK info \(info)")
        }
    } else {
        referenceLU(m, n, f, &pivots)
    }
    let l = NDArray<S>.zeros([m, k])
    let u = NDArray<S>.zeros([k, n])
    let (lBase, uBase) = (l.mutableBase, u.mutableBase)
    for i in 0..<m {
        for j in 0..<Swift.min(i, k) { lBase[i * k + j] = f[i * n + j] }
        if i < k {
            lBase[i * k + i] = 1
            for j in i..<n { uBase[i * n + j] = f[i * n + j] }
        }
    }
    // a = P_0 · … · P_{k−1} · l · u, where P_i swaps rows i and pivots[i] − 1: apply them to l.
    for i in stride(from: k - 1, through: 0, by: -1) {
        let other = Int(pivots[i]) - 1
        if other != i { swapRows(lBase, i, other, columns: k) }
    }
    return (l, u)
}

/// Gaussian elimination with partial pivoting of the m×n row-major matrix `a` in place, in
/// LAPACK's `?getrf` layout: L below the diagonal (unit diagonal implicit), U on and above it,
/// `pivots[i]` the 1-based row swapped with row i at step i.
func referenceLU<T: BinaryFloatingPoint>(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<T>, _ pivots: inout [Int32]
) {
    for j in 0..<Swift.min(m, n) {
        var best = j
        for i in (j + 1)..<Swift.max(j + 1, m) where Swift.abs(a[i * n + j]) > Swift.abs(a[best * n + j]) {
            best = i
        }
        pivots[j] = Int32(best + 1)
        if best != j { swapRows(a, j, best, columns: n) }
        let pivot = a[j * n + j]
        if pivot == 0 { continue }
        for i in (j + 1)..<Swift.max(j + 1, m) {
            let factor = a[i * n + j] / pivot
            a[i * n + j] = factor
            for c in (j + 1)..<n { a[i * n + c] -= factor * a[j * n + c] }
        }
    }
}

/// Swaps rows `i` and `j` of a row-major matrix with `columns` columns.
private func swapRows<T>(_ a: UnsafeMutablePointer<T>, _ i: Int, _ j: Int, columns: Int) {
    for c in 0..<columns {
        (a[i * columns + c], a[j * columns + c]) = (a[j * columns + c], a[i * columns + c])
    }
}
