/// The reduced singular value decomposition `a = u · diag(s) · vt` (`numpy.linalg.svd` with
/// `full_matrices=False`) of an m×n matrix: with `r = min(m, n)`, `u` is m×r with orthonormal
/// columns, `s` the r singular values in descending order, `vt` r×n with orthonormal rows.
///
/// Runs on LAPACKE (`?gesdd`) where it was found, else on NDArrays' one-sided Jacobi SVD (accurate,
/// slower). Singular vectors are unique only up to sign, so the two may differ there. Throws for
/// an array that is not 2-D, has non-finite elements, or does not converge.
public func svd<S: NDFloatingPoint>(_ a: NDArray<S>) throws(NDArrayError) -> (
    u: NDArray<S>, s: NDArray<S>, vt: NDArray<S>
) {
    guard a.rank == 2 else {
        throw .invalidRank(operation: "svd", expected: "a 2-D array", found: a.rank)
    }
    try requireFinite(a, "svd")
    let (m, n) = (a.shape[0], a.shape[1])
    let r = Swift.min(m, n)
    let u = NDArray<S>.zeros([m, r])
    let s = NDArray<S>(uninitializedShape: [r])
    let vt = NDArray<S>.zeros([r, n])
    if r == 0 { return (u, s, vt) }
    let work = a.copy()
    let info = withExtendedLifetime(work) {
        decompose(m, n, work.mutableBase, u.mutableBase, s.mutableBase, vt.mutableBase)
    }
    guard info == 0 else {
        throw .notConverged(operation: "svd", detail: "LAPACK info \(info) for a \(m)×\(n) matrix")
    }
    return (u, s, vt)
}

/// Runs `?gesdd` or the reference SVD on `a` (m×n, overwritten); returns LAPACK's info.
private func decompose<S: NDFloatingPoint>(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<S>, _ u: UnsafeMutablePointer<S>,
    _ s: UnsafeMutablePointer<S>, _ vt: UnsafeMutablePointer<S>
) -> Int32 {
    let r = Swift.min(m, n)
    if let lapack = LinearAlgebraLibrary.functions, m < Int(Int32.max), n < Int(Int32.max) {
        let (mi, ni, ri) = (Int32(m), Int32(n), Int32(r))
        let (layout, job) = (Int32(101), CChar(UInt8(ascii: "S")))
        if S.self == Double.self {
            return lapack.dgesdd(
                layout, job, mi, ni, a.cast(to: Double.self), ni, s.cast(to: Double.self),
                u.cast(to: Double.self), ri, vt.cast(to: Double.self), ni)
        }
        return lapack.sgesdd(
            layout, job, mi, ni, a.cast(to: Float.self), ni, s.cast(to: Float.self),
            u.cast(to: Float.self), ri, vt.cast(to: Float.self), ni)
    }
    if S.self == Double.self {
        return referenceSVD(
            m, n, a.cast(to: Double.self), u.cast(to: Double.self), s.cast(to: Double.self),
            vt.cast(to: Double.self))
    }
    return referenceSVD(
        m, n, a.cast(to: Float.self), u.cast(to: Float.self), s.cast(to: Float.self),
        vt.cast(to: Float.self))
}
