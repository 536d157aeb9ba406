/// The Gram matrix `aᵀ · a` of the columns of a 2-D array (`a.T @ a` in NumPy), symmetric, with
/// both triangles filled.
///
/// Runs on OpenBLAS's symmetric rank-k update (`?syrk`), which computes one triangle and so does
/// half the work of `matmul(a.transposed(), a)` without copying `a`; else on NDArrays' reference
/// product. For a tall matrix it is the one pass over the data that PCA by covariance and
/// truncated SVD by the normal equations need.
///
/// ```swift
/// let x = NDArray<Double>.normal([10_000, 64], seed: 1)
/// let g = try gram(x)          // 64 × 64
/// ```
///
/// Throws for an array that is not 2-D.
/// - Complexity: O(rows · columns²).
public func gram<S: NDFloatingPoint>(_ a: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    guard a.rank == 2 else {
        throw .invalidRank(operation: "gram", expected: "a 2-D array", found: a.rank)
    }
    let (rows, n) = (a.shape[0], a.shape[1])
    let result = NDArray<S>(uninitializedShape: [n, n])
    let c = result.mutableBase
    if n == 0 { return result }
    if let blas = LinearAlgebraLibrary.functions, rows > 0, rows < Int(Int32.max), n < Int(Int32.max) {
        let (ni, ki) = (Int32(n), Int32(rows))
        withExtendedLifetime(a.storage) {
            if S.self == Double.self {
                let c = c.cast(to: Double.self)
                blas.dsyrk(
                    CBLAS.rowMajor, CBLAS.lower, CBLAS.transpose, ni, ki, 1, a.base.cast(to: Double.self), ni,
                    0, c, ni)
                mirrorLowerTriangle(c, n)
            } else {
                let c = c.cast(to: Float.self)
                blas.ssyrk(
                    CBLAS.rowMajor, CBLAS.lower, CBLAS.transpose, ni, ki, 1, a.base.cast(to: Float.self), ni,
                    0, c, ni)
                mirrorLowerTriangle(c, n)
            }
        }
        return result
    }
    let transposed = a.transposed()
    withExtendedLifetime((a.storage, transposed.storage)) {
        gemm(m: n, n: n, k: rows, transposed.base, a.base, c)
    }
    return result
}

/// Copies the lower triangle of an n×n row-major matrix onto its upper triangle.
private func mirrorLowerTriangle<T>(_ c: UnsafeMutablePointer<T>, _ n: Int) {
    for i in 0..<n {
        for j in (i + 1)..<n { c[i * n + j] = c[j * n + i] }
    }
}
