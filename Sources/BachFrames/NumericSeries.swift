import BachNumeric
import Frames
import GPUFrames

/// The series API that Frames' `Series` (CPU), GPUFrames' `GPUSeries` (hand-written GPU code, one
/// kernel per call, as cuDF) and `LazySeries` (through Bach) share, so that a program is written
/// once and run by all three: the role `NumericArray` plays for arrays.
///
/// Operators throw where any of the three can fail (the device); `try` once covers an expression.
/// `Total` is what `sum()` gives: a number on the host for Frames and GPUFrames (cuDF reads sums
/// back), a `LazyScalar` for the lazy series (read it with `value()`).
///
/// ```swift
/// func scaledTotal<T: NumericSeries>(_ a: T, _ b: T) throws -> T.Total where T.Scalar == Double {
///     try (a * 2 + b).mask(a > 10, 0).sum()
/// }
/// ```
public protocol NumericSeries {
    associatedtype Scalar
    /// The boolean series comparisons yield.
    associatedtype Condition
    /// What `sum()` yields.
    associatedtype Total

    /// Row-by-row sum.
    static func + (a: Self, b: Self) throws -> Self
    /// Row-by-row difference.
    static func - (a: Self, b: Self) throws -> Self
    /// Row-by-row product.
    static func * (a: Self, b: Self) throws -> Self
    /// `b` added to every value.
    static func + (a: Self, b: Scalar) throws -> Self
    /// `b` subtracted from every value.
    static func - (a: Self, b: Scalar) throws -> Self
    /// Every value times `b`.
    static func * (a: Self, b: Scalar) throws -> Self
    /// Every value divided by `b`.
    static func / (a: Self, b: Scalar) throws -> Self
    /// Values less than `b`.
    static func < (a: Self, b: Scalar) throws -> Condition
    /// Values greater than `b`.
    static func > (a: Self, b: Scalar) throws -> Condition
    /// The rows where `condition` holds replaced by `other` (missing when nil), pandas' `mask`.
    func mask(_ condition: Condition, _ other: Scalar?) throws -> Self
    /// The rows where `condition` does not hold replaced by `other`, pandas' `where`.
    func `where`(_ condition: Condition, _ other: Scalar?) throws -> Self
    /// The sum of the values present.
    func sum() throws -> Total
}

extension Series: NumericSeries where Scalar == Double {
    public typealias Condition = Series<Bool>
    public typealias Total = Double
}

extension GPUSeries: NumericSeries where Scalar == Double {
    public typealias Condition = GPUSeries<Bool>
    public typealias Total = Double
}

extension LazySeries: NumericSeries where S == Double {
    public typealias Scalar = Double
    public typealias Condition = LazySeries<Bool>
    public typealias Total = LazyScalar<Double>
}
