/// An element type of `NDArray`: `Double`, `Float`, `Int64`, `Int32` or `Bool`.
///
/// The underscored requirements are the per-type kernel entry points. They exist so that a generic
/// call from another module reaches a loop compiled for the concrete type (one dynamic dispatch per
/// chunk, never per element); they are not meant to be called directly.
public protocol NDScalar: Sendable, Hashable, CustomStringConvertible {
    /// The NumPy name of this element type.
    static var dtype: DType { get }
    /// The value `zeros` fills with.
    static var zero: Self { get }
    /// The element as a value of any element type, for conversions.
    var _value: ScalarValue { get }
    /// Converts from any element type (see `NDArray.astype`).
    init(_ value: ScalarValue)
    /// out[i] = cond[i] ? a[i] : b[i] over broadcast operands.
    static func _select(
        _ cond: Operand<Bool>, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Self>, _ n: Int)
}

/// A numeric element type: `Double`, `Float`, `Int64` or `Int32`.
///
/// Integer arithmetic wraps on overflow, as NumPy's does, instead of trapping.
public protocol NDNumeric: NDScalar, Comparable, Numeric {
    /// The value `ones` fills with.
    static var one: Self { get }
    /// Converts an integer, used by `arange` and friends.
    init(_ value: Int)
    /// out[i] = op(a[i], b[i]) over broadcast operands.
    static func _binary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Self>, _ n: Int)
    /// out[i] = op(a[i], b[i]) over broadcast operands.
    static func _compare(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Bool>, _ n: Int)
    /// out[i] = op(a[i]) over contiguous elements; a and out may be the same memory.
    static func _unary(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int)
    /// The sum of n contiguous elements, summed pairwise in fixed-size blocks.
    static func _sum(_ a: UnsafePointer<Self>, _ n: Int) -> Self
    /// out[j] += a[j] for j in 0..<n: one step of a reduction along axis 0.
    static func _accumulate(_ a: UnsafePointer<Self>, into out: UnsafeMutablePointer<Self>, _ n: Int)
    /// out[r] = the sum of row r, for `rows` contiguous rows of `columns` elements (each row summed
    /// as `_sum` sums it).
    static func _sumRows(
        _ a: UnsafePointer<Self>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Self>)
    /// The first index of the smallest (or largest) of n > 0 elements and its value; NaN wins.
    static func _extremum(_ a: UnsafePointer<Self>, _ n: Int, largest: Bool) -> (
        index: Int, value: Self
    )
    /// The value as a `Double`, for means and variances of integers.
    var _double: Double { get }
}

/// A floating-point element type: `Double` or `Float`.
public protocol NDFloatingPoint: NDNumeric, BinaryFloatingPoint {
    /// Rounds a `Double`, used by `linspace` and random numbers.
    init(_ value: Double)
    /// out[i] = f(a[i]) over contiguous elements; a and out may be the same memory.
    static func _math(
        _ f: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int)
    /// out[i] = op(a[i], b[i]) over broadcast operands.
    static func _floatBinary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Self>, _ n: Int)
}

/// A run of elements an elementwise kernel reads: `stride` is 1 for consecutive elements and 0 for
/// one value broadcast along the run.
public struct Operand<Scalar>: @unchecked Sendable {
    /// The first element.
    public let base: UnsafePointer<Scalar>
    /// 1 (consecutive) or 0 (broadcast).
    public let stride: Int

    @inline(__always)
    init(_ base: UnsafePointer<Scalar>, stride: Int) {
        self.base = base
        self.stride = stride
    }
}
