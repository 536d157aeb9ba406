/// The BLAS general matrix product `c ← alpha · op(a) · op(b) + beta · c` (`?gemm`), where `op(x)`
/// is `x` or its transpose, written into an existing array.
///
/// `matmul` allocates its result and needs its operands in the orientation of the product; this
/// form reads either operand transposed without copying it and reuses `c`'s buffer, which is what a
/// loop over blocks of a large product wants (pairwise distances, Gram matrices by blocks).
/// Operands may be row slices of larger arrays (`x[i0..<i1]`), which are views.
///
/// ```swift
/// var distances = NDArray<Float>.zeros([256, 1024])
/// try gemm(x[0..<256], y[0..<1024], transposeB: true, alpha: -2, into: &distances)  // −2 x yᵀ
/// ```
///
/// Runs on OpenBLAS where it was found, else on NDArrays' reference product. Throws when an
/// operand is not 2-D or the shapes do not fit `(m, k) · (k, n) → (m, n)`.
/// - Complexity: O(m·n·k).
public func gemm<S: NDFloatingPoint>(
    _ a: NDArray<S>, _ b: NDArray<S>, transposeA: Bool = false, transposeB: Bool = false,
    alpha: S = 1, beta: S = 0, into c: inout NDArray<S>
) throws(NDArrayError) {
    guard a.rank == 2, b.rank == 2, c.rank == 2 else {
        throw .invalidRank(
            operation: "gemm", expected: "2-D operands",
            found: a.rank != 2 ? a.rank : b.rank != 2 ? b.rank : c.rank)
    }
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (inner, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == inner, c.shape == [m, n] else {
        throw .shapeMismatch(
            operation: "gemm", expected: "op(a) (m, k), op(b) (k, n) and c (m, n)",
            found: "op(a) (\(m), \(k)), op(b) (\(inner), \(n)), c \(describe(c.shape))")
    }
    if beta == 0 {
        _ = c.makeUniqueForOverwrite()
    } else {
        c.makeUnique()
    }
    if m == 0 || n == 0 { return }
    let out = c.mutableBase
    let fits = [m, n, k, a.shape[1], b.shape[1]].allSatisfy { $0 < Int(Int32.max) }
    if let blas = LinearAlgebraLibrary.functions, fits, k > 0 {
        let (ta, tb) = (CBLAS.operation(transposeA), CBLAS.operation(transposeB))
        let (mi, ni, ki) = (Int32(m), Int32(n), Int32(k))
        let (lda, ldb) = (Int32(a.shape[1]), Int32(b.shape[1]))
        withExtendedLifetime((a.storage, b.storage)) {
            if S.self == Double.self {
                blas.dgemm(
                    CBLAS.rowMajor, ta, tb, mi, ni, ki, Double(alpha), a.base.cast(to: Double.self), lda,
                    b.base.cast(to: Double.self), ldb, Double(beta), out.cast(to: Double.self), ni)
            } else {
                blas.sgemm(
                    CBLAS.rowMajor, ta, tb, mi, ni, ki, Float(alpha), a.base.cast(to: Float.self), lda,
                    b.base.cast(to: Float.self), ldb, Float(beta), out.cast(to: Float.self), ni)
            }
        }
        return
    }
    let left = transposeA ? a.transposed() : a
    let right = transposeB ? b.transposed() : b
    let product = NDArray<S>(uninitializedShape: [m, n])
    withExtendedLifetime((left.storage, right.storage)) {
        gemm(m: m, n: n, k: k, left.base, right.base, product.mutableBase)
    }
    let p = product.mutableBase
    for i in 0..<(m * n) {
        out[i] = beta == 0 ? alpha * p[i] : alpha * p[i] + beta * out[i]
    }
}
