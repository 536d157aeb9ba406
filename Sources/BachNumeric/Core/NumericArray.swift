import Bach
import GPUArrays
import NDArrays

/// The array API that `NDArray` (CPU), `GPUArray` (hand-written GPU code, one kernel per call),
/// `FusedValue` (hand-written GPU code, one fused kernel) and `LazyArray` (through Bach) share, so
/// that a program is written once and run by all four.
///
/// A conforming type provides the operations of the shared vocabulary (`apply`); NumPy's names with
/// their `out:` forms, as the seed's workloads use them (`try A.multiply(vol, vol, out: &rsig)`),
/// follow from those, so an operation added to the vocabulary is available to every array type.
/// Only `LazyArray` and `FusedValue` record instead of computing; their functions never throw here
/// (errors surface when the graph is evaluated or the kernel is built).
public protocol NumericArray {
    associatedtype Scalar: ArrayFloatingPoint

    /// The number of elements.
    var count: Int { get }

    /// A new 1-D array of `count` elements, unset, in the same place as `self` (the host, the same
    /// GPU context, the same kernel or the same Bach runtime).
    func emptyLike(count: Int) throws -> Self

    /// `op(a)` written into `out`.
    static func apply(_ op: UnaryOperation, _ a: Self, out: inout Self) throws
    /// `op(a, b)` written into `out`, for arithmetic operations.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Self, out: inout Self) throws
    /// `op(a, b)` of an array and a scalar written into `out`.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Scalar, out: inout Self) throws
    /// `op(a, b)` of a scalar and an array written into `out`.
    static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: Self, out: inout Self) throws
}

extension NumericArray {
    /// `negative(a)` written into `out`.
    public static func negative(_ a: Self, out: inout Self) throws { try apply(.negative, a, out: &out) }
    /// `abs(a)` written into `out`.
    public static func abs(_ a: Self, out: inout Self) throws { try apply(.abs, a, out: &out) }
    /// `sqrt(a)` written into `out`.
    public static func sqrt(_ a: Self, out: inout Self) throws { try apply(.sqrt, a, out: &out) }
    /// `floor(a)` written into `out`.
    public static func floor(_ a: Self, out: inout Self) throws { try apply(.floor, a, out: &out) }
    /// `ceil(a)` written into `out`.
    public static func ceil(_ a: Self, out: inout Self) throws { try apply(.ceil, a, out: &out) }
    /// `exp(a)` written into `out`.
    public static func exp(_ a: Self, out: inout Self) throws { try apply(.exp, a, out: &out) }
    /// `log(a)` written into `out`.
    public static func log(_ a: Self, out: inout Self) throws { try apply(.log, a, out: &out) }
    /// `log2(a)` written into `out`.
    public static func log2(_ a: Self, out: inout Self) throws { try apply(.log2, a, out: &out) }
    /// `log10(a)` written into `out`.
    public static func log10(_ a: Self, out: inout Self) throws { try apply(.log10, a, out: &out) }
    /// `sin(a)` written into `out`.
    public static func sin(_ a: Self, out: inout Self) throws { try apply(.sin, a, out: &out) }
    /// `cos(a)` written into `out`.
    public static func cos(_ a: Self, out: inout Self) throws { try apply(.cos, a, out: &out) }
    /// `tan(a)` written into `out`.
    public static func tan(_ a: Self, out: inout Self) throws { try apply(.tan, a, out: &out) }
    /// `arcsin(a)` written into `out`.
    public static func arcsin(_ a: Self, out: inout Self) throws { try apply(.arcsin, a, out: &out) }
    /// `arccos(a)` written into `out`.
    public static func arccos(_ a: Self, out: inout Self) throws { try apply(.arccos, a, out: &out) }
    /// `arctan(a)` written into `out`.
    public static func arctan(_ a: Self, out: inout Self) throws { try apply(.arctan, a, out: &out) }
    /// `erf(a)` written into `out`.
    public static func erf(_ a: Self, out: inout Self) throws { try apply(.erf, a, out: &out) }
    /// `add(a, b)` written into `out`.
    public static func add(_ a: Self, _ b: Self, out: inout Self) throws { try apply(.add, a, b, out: &out) }
    /// `add(a, b)` of an array and a scalar written into `out`.
    public static func add(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.add, a, b, out: &out)
    }
    /// `add(a, b)` of a scalar and an array written into `out`.
    public static func add(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.add, a, b, out: &out)
    }
    /// `subtract(a, b)` written into `out`.
    public static func subtract(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.subtract, a, b, out: &out)
    }
    /// `subtract(a, b)` of an array and a scalar written into `out`.
    public static func subtract(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.subtract, a, b, out: &out)
    }
    /// `subtract(a, b)` of a scalar and an array written into `out`.
    public static func subtract(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.subtract, a, b, out: &out)
    }
    /// `multiply(a, b)` written into `out`.
    public static func multiply(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.multiply, a, b, out: &out)
    }
    /// `multiply(a, b)` of an array and a scalar written into `out`.
    public static func multiply(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.multiply, a, b, out: &out)
    }
    /// `multiply(a, b)` of a scalar and an array written into `out`.
    public static func multiply(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.multiply, a, b, out: &out)
    }
    /// `divide(a, b)` written into `out`.
    public static func divide(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.divide, a, b, out: &out)
    }
    /// `divide(a, b)` of an array and a scalar written into `out`.
    public static func divide(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.divide, a, b, out: &out)
    }
    /// `divide(a, b)` of a scalar and an array written into `out`.
    public static func divide(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.divide, a, b, out: &out)
    }
    /// `power(a, b)` written into `out`.
    public static func power(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.power, a, b, out: &out)
    }
    /// `power(a, b)` of an array and a scalar written into `out`.
    public static func power(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.power, a, b, out: &out)
    }
    /// `power(a, b)` of a scalar and an array written into `out`.
    public static func power(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.power, a, b, out: &out)
    }
    /// `minimum(a, b)` written into `out`.
    public static func minimum(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.minimum, a, b, out: &out)
    }
    /// `minimum(a, b)` of an array and a scalar written into `out`.
    public static func minimum(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.minimum, a, b, out: &out)
    }
    /// `minimum(a, b)` of a scalar and an array written into `out`.
    public static func minimum(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.minimum, a, b, out: &out)
    }
    /// `maximum(a, b)` written into `out`.
    public static func maximum(_ a: Self, _ b: Self, out: inout Self) throws {
        try apply(.maximum, a, b, out: &out)
    }
    /// `maximum(a, b)` of an array and a scalar written into `out`.
    public static func maximum(_ a: Self, _ b: Scalar, out: inout Self) throws {
        try apply(.maximum, a, b, out: &out)
    }
    /// `maximum(a, b)` of a scalar and an array written into `out`.
    public static func maximum(_ a: Scalar, _ b: Self, out: inout Self) throws {
        try apply(.maximum, a, b, out: &out)
    }
}

extension NDArray: NumericArray where Scalar: ArrayFloatingPoint {
    public func emptyLike(count: Int) throws -> NDArray { NDArray.empty([count]) }

    public static func apply(_ op: UnaryOperation, _ a: NDArray, out: inout NDArray) throws {
        try NDArrays.apply(op, a, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: NDArray, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.apply(op, a, b, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: NDArray, _ b: Scalar, out: inout NDArray) throws {
        try NDArrays.apply(op, a, NDArray(scalar: b), out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.apply(op, NDArray(scalar: a), b, out: &out)
    }
}

extension GPUArray: NumericArray where Scalar: ArrayFloatingPoint {
    public func emptyLike(count: Int) throws -> GPUArray { try GPUArray(empty: [count], in: context) }

    public static func apply(_ op: UnaryOperation, _ a: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.apply(op, a, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: GPUArray, _ b: GPUArray, out: inout GPUArray) throws
    {
        try GPUArrays.apply(op, a, b, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: GPUArray, _ b: Scalar, out: inout GPUArray) throws {
        try GPUArrays.apply(op, a, b, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.apply(op, a, b, out: &out)
    }
}

extension FusedValue: NumericArray where Scalar: ArrayFloatingPoint {
    /// Values of a fused kernel have as many elements as the kernel's launch; the count is not
    /// known while the kernel is being written.
    public var count: Int { 0 }

    public func emptyLike(count: Int) throws -> FusedValue { empty() }

    public static func apply(_ op: UnaryOperation, _ a: FusedValue, out: inout FusedValue) throws {
        out = GPUArrays.apply(op, a)
    }
    public static func apply(_ op: BinaryOperation, _ a: FusedValue, _ b: FusedValue, out: inout FusedValue)
        throws
    {
        out = GPUArrays.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: FusedValue, _ b: Scalar, out: inout FusedValue)
        throws
    {
        out = GPUArrays.apply(op, a, a.constant(b))
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: FusedValue, out: inout FusedValue)
        throws
    {
        out = GPUArrays.apply(op, b.constant(a), b)
    }
}

extension LazyArray: NumericArray where S: ArrayFloatingPoint {
    public typealias Scalar = S

    public func emptyLike(count: Int) throws -> LazyArray { runtime.empty([count]) }

    public static func apply(_ op: UnaryOperation, _ a: LazyArray, out: inout LazyArray) {
        BachNumeric.apply(op, a, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: LazyArray, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.apply(op, a, b, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: LazyArray, _ b: S, out: inout LazyArray) {
        BachNumeric.apply(op, a, b, out: &out)
    }
    public static func apply(_ op: BinaryOperation, _ a: S, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.apply(op, a, b, out: &out)
    }
}
