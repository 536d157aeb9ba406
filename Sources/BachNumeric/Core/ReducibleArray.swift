import GPUArrays
import NDArrays

/// A `NumericArray` with NumPy's reductions, for generic workloads that reduce: `NDArray`,
/// `GPUArray` and `LazyArray` (a fused kernel computes elementwise only).
///
/// A full reduction gives the library's scalar, `Reduced`: the value itself for `NDArray`, a 0-d
/// array that stays on the device for `GPUArray`, a `LazyScalar` for `LazyArray` (which a later
/// call can use as an operand, or `value()` reads).
///
/// ```swift
/// func zScores<A: ReducibleArray>(_ x: A) throws -> A where A.Scalar == Double {
///     let centred = x - (try A.mean(x, axis: 0))
///     return centred / (try A.sqrt(A.mean(centred * centred, axis: 0)))
/// }
/// ```
public protocol ReducibleArray: NumericArray {
    /// What a full reduction gives.
    associatedtype Reduced

    /// The sum of all elements (`numpy.sum`).
    static func sum(_ a: Self) throws -> Reduced
    /// The mean of all elements (`numpy.mean`).
    static func mean(_ a: Self) throws -> Reduced
    /// The smallest element (`numpy.min`); an empty array is an error.
    static func min(_ a: Self) throws -> Reduced
    /// The largest element (`numpy.max`); an empty array is an error.
    static func max(_ a: Self) throws -> Reduced
    /// The variance of all elements with `ddof` delta degrees of freedom (`numpy.var`).
    static func variance(_ a: Self, ddof: Int) throws -> Reduced
    /// The standard deviation of all elements (`numpy.std`).
    static func std(_ a: Self, ddof: Int) throws -> Reduced
    /// Sums along `axis` of a matrix (`numpy.sum(a, axis=…)`).
    static func sum(_ a: Self, axis: Int) throws -> Self
    /// Means along `axis` of a matrix.
    static func mean(_ a: Self, axis: Int) throws -> Self
    /// Minima along `axis` of a matrix.
    static func min(_ a: Self, axis: Int) throws -> Self
    /// Maxima along `axis` of a matrix.
    static func max(_ a: Self, axis: Int) throws -> Self
}

extension NDArray: ReducibleArray where Scalar: ArrayFloatingPoint {
    public static func sum(_ a: NDArray) throws -> Scalar { NDArrays.sum(a) }
    public static func mean(_ a: NDArray) throws -> Scalar { NDArrays.mean(a) }
    public static func min(_ a: NDArray) throws -> Scalar { try NDArrays.min(a) }
    public static func max(_ a: NDArray) throws -> Scalar { try NDArrays.max(a) }
    public static func variance(_ a: NDArray, ddof: Int) throws -> Scalar { NDArrays.variance(a, ddof: ddof) }
    public static func std(_ a: NDArray, ddof: Int) throws -> Scalar { NDArrays.std(a, ddof: ddof) }
    public static func sum(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.sum(a, axis: axis) }
    public static func mean(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.mean(a, axis: axis) }
    public static func min(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.min(a, axis: axis) }
    public static func max(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.max(a, axis: axis) }
}

extension GPUArray: ReducibleArray where Scalar: ArrayFloatingPoint {
    public static func sum(_ a: GPUArray) throws -> GPUArray { try GPUArrays.sum(a) }
    public static func mean(_ a: GPUArray) throws -> GPUArray { try GPUArrays.mean(a) }
    public static func min(_ a: GPUArray) throws -> GPUArray { try GPUArrays.min(a) }
    public static func max(_ a: GPUArray) throws -> GPUArray { try GPUArrays.max(a) }
    public static func variance(_ a: GPUArray, ddof: Int) throws -> GPUArray {
        try GPUArrays.variance(a, ddof: ddof)
    }
    public static func std(_ a: GPUArray, ddof: Int) throws -> GPUArray { try GPUArrays.std(a, ddof: ddof) }
    public static func sum(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.sum(a, axis: axis) }
    public static func mean(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.mean(a, axis: axis) }
    public static func min(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.min(a, axis: axis) }
    public static func max(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.max(a, axis: axis) }
}

extension LazyArray: ReducibleArray where S: ArrayFloatingPoint {
    public static func sum(_ a: LazyArray) throws -> LazyScalar<S> { BachNumeric.sum(a) }
    public static func mean(_ a: LazyArray) throws -> LazyScalar<S> { BachNumeric.mean(a) }
    public static func min(_ a: LazyArray) throws -> LazyScalar<S> { BachNumeric.min(a) }
    public static func max(_ a: LazyArray) throws -> LazyScalar<S> { BachNumeric.max(a) }
    public static func variance(_ a: LazyArray, ddof: Int) throws -> LazyScalar<S> {
        BachNumeric.variance(a, ddof: ddof)
    }
    public static func std(_ a: LazyArray, ddof: Int) throws -> LazyScalar<S> {
        BachNumeric.std(a, ddof: ddof)
    }
    public static func sum(_ a: LazyArray, axis: Int) throws -> LazyArray { BachNumeric.sum(a, axis: axis) }
    public static func mean(_ a: LazyArray, axis: Int) throws -> LazyArray { BachNumeric.mean(a, axis: axis) }
    public static func min(_ a: LazyArray, axis: Int) throws -> LazyArray { BachNumeric.min(a, axis: axis) }
    public static func max(_ a: LazyArray, axis: Int) throws -> LazyArray { BachNumeric.max(a, axis: axis) }
}
