/// The eigenvalues and eigenvectors of a symmetric matrix (`numpy.linalg.eigh`), reading its
/// lower triangle: `values` ascending, and column `j` of `vectors` the unit eigenvector of
/// `values[j]`, so that `a @ vectors == vectors * values`.
///
/// Runs on LAPACKE (`?syevd`, divide and conquer) where it was found, else on NDArrays' cyclic
/// Jacobi solver, which is slower (O(n³) per sweep) but accurate to a few ulp. Eigenvectors are
/// unique only up to sign (and, for repeated eigenvalues, rotation), so the two may differ there.
/// Throws for a matrix that is not square, has non-finite elements, or does not converge.
public func eigh<S: NDFloatingPoint>(_ a: NDArray<S>) throws(NDArrayError) -> (
    values: NDArray<S>, vectors: NDArray<S>
) {
    guard a.rank == 2 else {
        throw .invalidRank(operation: "eigh", expected: "a square 2-D array", found: a.rank)
    }
    guard a.shape[0] == a.shape[1] else {
        throw .shapeMismatch(operation: "eigh", expected: "a square matrix", found: describe(a.shape))
    }
    try requireFinite(a, "eigh")
    let n = a.shape[0]
    let vectors = a.copy()
    let values = NDArray<S>(uninitializedShape: [n])
    if n == 0 { return (values, vectors) }
    let info: Int32
    if let lapack = LinearAlgebraLibrary.functions, n < Int(Int32.max) {
        let (size, v, w) = (Int32(n), vectors.mutableBase, values.mutableBase)
        let (layout, job, lower) = (Int32(101), CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")))
        info =
            S.self == Double.self
            ? lapack.dsyevd(layout, job, lower, size, v.cast(to: Double.self), size, w.cast(to: Double.self))
            : lapack.ssyevd(layout, job, lower, size, v.cast(to: Float.self), size, w.cast(to: Float.self))
    } else if S.self == Double.self {
        info = referenceEigh(
            n, vectors.mutableBase.cast(to: Double.self), values.mutableBase.cast(to: Double.self))
    } else {
        info = referenceEigh(
            n, vectors.mutableBase.cast(to: Float.self), values.mutableBase.cast(to: Float.self))
    }
    guard info == 0 else {
        throw .notConverged(operation: "eigh", detail: "LAPACK info \(info) for a \(n)×\(n) matrix")
    }
    return (values, vectors)
}

/// Throws unless every element of `a` is finite: LAPACK's answer to NaN is undefined. The scan
/// runs on the concrete element type (a generic loop here, called from another module, would go
/// through a witness table per element).
func requireFinite<S: NDFloatingPoint>(_ a: NDArray<S>, _ operation: String) throws(NDArrayError) {
    func first<T: BinaryFloatingPoint>(_ type: T.Type) -> Int? {
        a.withUnsafeBufferPointer { buffer in
            let values = UnsafeBufferPointer(
                start: buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: T.self) },
                count: buffer.count)
            return values.firstIndex { !$0.isFinite }
        }
    }
    let bad = S.self == Double.self ? first(Double.self) : S.self == Float.self ? first(Float.self) : nil
    if let bad {
        throw .invalidArgument(
            operation: operation, expected: "finite elements",
            found: "\(a.withUnsafeBufferPointer { $0[bad] }) at flat index \(bad)")
    }
}
