/// The matrix product `a @ b` (`numpy.matmul`) of 1-D and 2-D arrays: `(m, k) @ (k, n)` is
/// `(m, n)`; a 1-D left operand is a row and a 1-D right operand a column, and the dimension they
/// add is dropped from the result, so `(k,) @ (k,)` is a rank-0 array (the dot product).
///
/// Runs on OpenBLAS (`cblas_?gemm`) where it was found, else on NDArrays' blocked reference
/// product (see `LinearAlgebraLibrary`). Throws when an operand has rank 0 or the inner
/// dimensions differ.
public func matmul<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    guard a.rank >= 1, b.rank >= 1 else {
        throw .invalidRank(
            operation: "matmul", expected: "operands of rank 1 or 2", found: a.rank == 0 ? 0 : b.rank)
    }
    let (m, k) = a.rank == 2 ? (a.shape[0], a.shape[1]) : (1, a.shape[0])
    let (inner, n) = b.rank == 2 ? (b.shape[0], b.shape[1]) : (b.shape[0], 1)
    guard k == inner else {
        throw .shapeMismatch(
            operation: "matmul",
            expected: "inner dimensions that agree, (m, k) @ (k, n)",
            found: "\(describe(a.shape)) @ \(describe(b.shape))")
    }
    var shape: [Int] = []
    if a.rank == 2 { shape.append(m) }
    if b.rank == 2 { shape.append(n) }
    let result = NDArray<S>(uninitializedShape: shape)
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            gemm(m: m, n: n, k: k, a.baseAddress!, b.baseAddress!, result.mutableBase)
        }
    }
    return result
}

/// The dot product of 1-D arrays, or the matrix product of 2-D ones (`numpy.dot`); the same as
/// `matmul` for these ranks.
public func dot<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try matmul(a, b)
}

/// c (m×n) = a (m×k) · b (k×n), all row-major and contiguous.
func gemm<S: NDFloatingPoint>(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        c.update(repeating: S.zero, count: m * n)
        return
    }
    let blas =
        m < Int(Int32.max) && n < Int(Int32.max) && k < Int(Int32.max)
        ? LinearAlgebraLibrary.functions : nil
    let (rowMajor, noTranspose) = (Int32(101), Int32(111))
    let (mi, ni, ki) = (
        Int32(truncatingIfNeeded: m), Int32(truncatingIfNeeded: n), Int32(truncatingIfNeeded: k)
    )
    if S.self == Double.self {
        let (a, b, c) = (a.cast(to: Double.self), b.cast(to: Double.self), c.cast(to: Double.self))
        if let blas {
            blas.dgemm(rowMajor, noTranspose, noTranspose, mi, ni, ki, 1, a, ki, b, ni, 0, c, ni)
        } else {
            referenceGemm(m: m, n: n, k: k, a, b, c)
        }
    } else {
        let (a, b, c) = (a.cast(to: Float.self), b.cast(to: Float.self), c.cast(to: Float.self))
        if let blas {
            blas.sgemm(rowMajor, noTranspose, noTranspose, mi, ni, ki, 1, a, ki, b, ni, 0, c, ni)
        } else {
            referenceGemm(m: m, n: n, k: k, a, b, c)
        }
    }
}

extension UnsafePointer {
    /// The same address seen as another element type of the same layout (`Double` for a generic
    /// `S` known to be `Double`).
    func cast<T>(to type: T.Type) -> UnsafePointer<T> {
        UnsafeRawPointer(self).assumingMemoryBound(to: T.self)
    }
}

extension UnsafeMutablePointer {
    /// The same address seen as another element type of the same layout.
    func cast<T>(to type: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(self).assumingMemoryBound(to: T.self)
    }
}
