/// The reduced QR decomposition `a = q · r` (`numpy.linalg.qr` with `mode="reduced"`) of an m×n
/// matrix: with `k = min(m, n)`, `q` is m×k with orthonormal columns and `r` is k×n upper
/// triangular.
///
/// Orthonormalising a block of vectors is what randomized range finders (Halko et al.) do between
/// power iterations. Runs on LAPACKE (`?geqrf` then `?orgqr`, Householder reflections) where it
/// was found, else on NDArrays' Householder QR, which follows LAPACK's sign conventions (the
/// diagonal of `r` may be negative). Throws for an array that is not 2-D or has non-finite
/// elements.
///
/// ```swift
/// let (q, r) = try qr(NDArray<Double>.normal([1000, 12], seed: 3))   // q: 1000 × 12
/// ```
/// - Complexity: O(m·n·k).
public func qr<S: NDFloatingPoint>(_ a: NDArray<S>) throws(NDArrayError) -> (q: NDArray<S>, r: NDArray<S>) {
    guard a.rank == 2 else {
        throw .invalidRank(operation: "qr", expected: "a 2-D array", found: a.rank)
    }
    try requireFinite(a, "qr")
    let (m, n) = (a.shape[0], a.shape[1])
    let k = Swift.min(m, n)
    let factors = a.copy()
    let tau = NDArray<S>(uninitializedShape: [Swift.max(k, 1)])
    if k == 0 { return (NDArray<S>.zeros([m, 0]), NDArray<S>.zeros([0, n])) }
    let (f, t) = (factors.mutableBase, tau.mutableBase)
    if let lapack = LinearAlgebraLibrary.functions, m < Int(Int32.max), n < Int(Int32.max) {
        let info =
            S.self == Double.self
            ? lapack.dgeqrf(
                CBLAS.rowMajor, Int32(m), Int32(n), f.cast(to: Double.self), Int32(n), t.cast(to: Double.self)
            )
            : lapack.sgeqrf(
                CBLAS.rowMajor, Int32(m), Int32(n), f.cast(to: Float.self), Int32(n), t.cast(to: Float.self))
        guard info == 0 else { throw .notConverged(operation: "qr", detail: "LAPACK info \(info)") }
    } else {
        referenceHouseholder(m, n, f, t)
    }
    let r = NDArray<S>.zeros([k, n])
    for i in 0..<k {
        for j in i..<n { r.mutableBase[i * n + j] = f[i * n + j] }
    }
    let q = selectColumns(factors, 0..<k)
    let qBase = q.mutableBase
    if let lapack = LinearAlgebraLibrary.functions, m < Int(Int32.max) {
        let (mi, ki) = (Int32(m), Int32(k))
        let info =
            S.self == Double.self
            ? lapack.dorgqr(
                CBLAS.rowMajor, mi, ki, ki, qBase.cast(to: Double.self), ki, t.cast(to: Double.self))
            : lapack.sorgqr(
                CBLAS.rowMajor, mi, ki, ki, qBase.cast(to: Float.self), ki, t.cast(to: Float.self))
        guard info == 0 else { throw .notConverged(operation: "qr", detail: "LAPACK info \(info)") }
    } else {
        referenceFormQ(m, k, qBase, t)
    }
    return (q, r)
}
