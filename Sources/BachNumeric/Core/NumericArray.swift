import BachRuntime
import GPUArrays
import NDArrays

/// The array API that `NDArray` (CPU), `GPUArray` (hand-written GPU code, one kernel per call),
/// `FusedValue` (hand-written GPU code, one fused kernel) and `LazyArray` (through Bach) share, so
/// that a program is written once and run by all four.
///
/// A conforming type provides the operations of the shared vocabulary (`apply`, `compare`,
/// `select`); NumPy's names, their `out:` forms as the seed's workloads use them
/// (`try A.multiply(vol, vol, out: &rsig)`), and NumPy's operators follow from those, so an
/// operation added to the vocabulary is available to every array type:
///
/// ```swift
/// func haversine<A: NumericArray>(lat: A, lon: A) throws -> A where A.Scalar == Double {
///     let dlat = try A.sin((lat - 0.70984286) / 2.0)
///     let dlon = try A.sin((lon - 1.23892197) / 2.0)
///     let a = dlat * dlat + (try A.cos(lat)) * 0.7596 * dlon * dlon
///     return try A.arcsin(A.sqrt(a)) * 2.0 * 3959.0
/// }
/// ```
///
/// Only `LazyArray` and `FusedValue` record instead of computing; their functions never throw here
/// (errors surface when the graph is evaluated or the kernel is built). Operators cannot throw:
/// they stop the program with the error's message where the named function would throw (a shape
/// mismatch, a device failure); call the named functions to handle errors.
public protocol NumericArray {
    associatedtype Scalar: ArrayFloatingPoint
    /// The library's array of `Bool` (what comparisons give and `where` takes).
    associatedtype Mask

    /// The number of elements.
    var count: Int { get }

    /// A new 1-D array of `count` elements, unset, in the same place as `self` (the host, the same
    /// GPU context, the same kernel or the same Bach runtime).
    func emptyLike(count: Int) throws -> Self

    /// `op(a)`.
    static func apply(_ op: UnaryOperation, _ a: Self) throws -> Self
    /// `op(a, b)`, for arithmetic operations.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Self) throws -> Self
    /// `op(a, b)` of an array and a scalar.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Scalar) throws -> Self
    /// `op(a, b)` of a scalar and an array.
    static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: Self) throws -> Self
    /// `op(a)` written into `out`.
    static func apply(_ op: UnaryOperation, _ a: Self, out: inout Self) throws
    /// `op(a, b)` written into `out`, for arithmetic operations.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Self, out: inout Self) throws
    /// `op(a, b)` of an array and a scalar written into `out`.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Scalar, out: inout Self) throws
    /// `op(a, b)` of a scalar and an array written into `out`.
    static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: Self, out: inout Self) throws
    /// The comparison `op` of `a` and `b`.
    static func compare(_ op: BinaryOperation, _ a: Self, _ b: Self) throws -> Mask
    /// The comparison `op` of an array and a scalar.
    static func compare(_ op: BinaryOperation, _ a: Self, _ b: Scalar) throws -> Mask
    /// `condition ? a : b` elementwise (NumPy's `where`).
    static func select(_ condition: Mask, _ a: Self, _ b: Self) throws -> Self
    /// `condition ? a : b` with a scalar for the false case.
    static func select(_ condition: Mask, _ a: Self, _ b: Scalar) throws -> Self
}

extension NumericArray {
    /// `negative(a)`.
    public static func negative(_ a: Self) throws -> Self { try apply(.negative, a) }
    /// `negative(a)` written into `out`.
    public static func negative(_ a: Self, out: inout Self) throws { try apply(.negative, a, out: &out) }
    /// `abs(a)`.
    public static func abs(_ a: Self) throws -> Self { try apply(.abs, a) }
    /// `abs(a)` written into `out`.
    public static func abs(_ a: Self, out: inout Self) throws { try apply(.abs, a, out: &out) }
    /// `sqrt(a)`.
    public static func sqrt(_ a: Self) throws -> Self { try apply(.sqrt, a) }
    /// `sqrt(a)` written into `out`.
    public static func sqrt(_ a: Self, out: inout Self) throws { try apply(.sqrt, a, out: &out) }
    /// `floor(a)`.
    public static func floor(_ a: Self) throws -> Self { try apply(.floor, a) }
    /// `floor(a)` written into `out`.
    public static func floor(_ a: Self, out: inout Self) throws { try apply(.floor, a, out: &out) }
    /// `ceil(a)`.
    public static func ceil(_ a: Self) throws -> Self { try apply(.ceil, a) }
    /// `ceil(a)` written into `out`.
    public static func ceil(_ a: Self, out: inout Self) throws { try apply(.ceil, a, out: &out) }
    /// `exp(a)`.
    public static func exp(_ a: Self) throws -> Self { try apply(.exp, a) }
    /// `exp(a)` written into `out`.
    public static func exp(_ a: Self, out: inout Self) throws { try apply(.exp, a, out: &out) }
    /// `log(a)`.
    public static func log(_ a: Self) throws -> Self { try apply(.log, a) }
    /// `log(a)` written into `out`.
    public static func log(_ a: Self, out: inout Self) throws { try apply(.log, a, out: &out) }
    /// `log2(a)`.
    public static func log2(_ a: Self) throws -> Self { try apply(.log2, a) }
    /// `log2(a)` written into `out`.
    public static func log2(_ a: Self, out: inout Self) throws { try apply(.log2, a, out: &out) }
    /// `log10(a)`.
    public static func log10(_ a: Self) throws -> Self { try apply(.log10, a) }
    /// `log10(a)` written into `out`.
    public static func log10(_ a: Self, out: inout Self) throws { try apply(.log10, a, out: &out) }
    /// `sin(a)`.
    public static func sin(_ a: Self) throws -> Self { try apply(.sin, a) }
    /// `sin(a)` written into `out`.
    public static func sin(_ a: Self, out: inout Self) throws { try apply(.sin, a, out: &out) }
    /// `cos(a)`.
    public static func cos(_ a: Self) throws -> Self { try apply(.cos, a) }
    /// `cos(a)` written into `out`.
    public static func cos(_ a: Self, out: inout Self) throws { try apply(.cos, a, out: &out) }
    /// `tan(a)`.
    public static func tan(_ a: Self) throws -> Self { try apply(.tan, a) }
    /// `tan(a)` written into `out`.
    public static func tan(_ a: Self, out: inout Self) throws { try apply(.tan, a, out: &out) }
    /// `arcsin(a)`.
    public static func arcsin(_ a: Self) throws -> Self { try apply(.arcsin, a) }
    /// `arcsin(a)` written into `out`.
    public static func arcsin(_ a: Self, out: inout Self) throws { try apply(.arcsin, a, out: &out) }
    /// `arccos(a)`.
    public static func arccos(_ a: Self) throws -> Self { try apply(.arccos, a) }
    /// `arccos(a)` written into `out`.
    public static func arccos(_ a: Self, out: inout Self) throws { try apply(.arccos, a, out: &out) }
    /// `arctan(a)`.
    public static func arctan(_ a: Self) throws -> Self { try apply(.arctan, a) }
    /// `arctan(a)` written into `out`.
    public static func arctan(_ a: Self, out: inout Self) throws { try apply(.arctan, a, out: &out) }
    /// `erf(a)`.
    public static func erf(_ a: Self) throws -> Self { try apply(.erf, a) }
    /// `erf(a)` written into `out`.
    public static func erf(_ a: Self, out: inout Self) throws { try apply(.erf, a, out: &out) }
    /// `add(a, b)`.
    public static func add(_ a: Self, _ b: Self) throws -> Self { try apply(.add, a, b) }
    /// `add(a, b)` of an array and a scalar.
    public static func add(_ a: Self, _ b: Scalar) throws -> Self { try apply(.add, a, b) }
    /// `add(a, b)` of a scalar and an array.
    public static func add(_ a: Scalar, _ b: Self) throws -> Self { try apply(.add, a, b) }
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
    /// `subtract(a, b)`.
    public static func subtract(_ a: Self, _ b: Self) throws -> Self { try apply(.subtract, a, b) }
    /// `subtract(a, b)` of an array and a scalar.
    public static func subtract(_ a: Self, _ b: Scalar) throws -> Self { try apply(.subtract, a, b) }
    /// `subtract(a, b)` of a scalar and an array.
    public static func subtract(_ a: Scalar, _ b: Self) throws -> Self { try apply(.subtract, a, b) }
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
    /// `multiply(a, b)`.
    public static func multiply(_ a: Self, _ b: Self) throws -> Self { try apply(.multiply, a, b) }
    /// `multiply(a, b)` of an array and a scalar.
    public static func multiply(_ a: Self, _ b: Scalar) throws -> Self { try apply(.multiply, a, b) }
    /// `multiply(a, b)` of a scalar and an array.
    public static func multiply(_ a: Scalar, _ b: Self) throws -> Self { try apply(.multiply, a, b) }
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
    /// `divide(a, b)`.
    public static func divide(_ a: Self, _ b: Self) throws -> Self { try apply(.divide, a, b) }
    /// `divide(a, b)` of an array and a scalar.
    public static func divide(_ a: Self, _ b: Scalar) throws -> Self { try apply(.divide, a, b) }
    /// `divide(a, b)` of a scalar and an array.
    public static func divide(_ a: Scalar, _ b: Self) throws -> Self { try apply(.divide, a, b) }
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
    /// `power(a, b)`.
    public static func power(_ a: Self, _ b: Self) throws -> Self { try apply(.power, a, b) }
    /// `power(a, b)` of an array and a scalar.
    public static func power(_ a: Self, _ b: Scalar) throws -> Self { try apply(.power, a, b) }
    /// `power(a, b)` of a scalar and an array.
    public static func power(_ a: Scalar, _ b: Self) throws -> Self { try apply(.power, a, b) }
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
    /// `minimum(a, b)`.
    public static func minimum(_ a: Self, _ b: Self) throws -> Self { try apply(.minimum, a, b) }
    /// `minimum(a, b)` of an array and a scalar.
    public static func minimum(_ a: Self, _ b: Scalar) throws -> Self { try apply(.minimum, a, b) }
    /// `minimum(a, b)` of a scalar and an array.
    public static func minimum(_ a: Scalar, _ b: Self) throws -> Self { try apply(.minimum, a, b) }
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
    /// `maximum(a, b)`.
    public static func maximum(_ a: Self, _ b: Self) throws -> Self { try apply(.maximum, a, b) }
    /// `maximum(a, b)` of an array and a scalar.
    public static func maximum(_ a: Self, _ b: Scalar) throws -> Self { try apply(.maximum, a, b) }
    /// `maximum(a, b)` of a scalar and an array.
    public static func maximum(_ a: Scalar, _ b: Self) throws -> Self { try apply(.maximum, a, b) }
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
    /// `where(condition, a, b)`.
    public static func `where`(_ condition: Mask, _ a: Self, _ b: Self) throws -> Self {
        try select(condition, a, b)
    }
    /// `where(condition, a, b)` with a scalar for the false case.
    public static func `where`(_ condition: Mask, _ a: Self, _ b: Scalar) throws -> Self {
        try select(condition, a, b)
    }

    /// `add(a, b)`; stops the program with the error where `add` would throw.
    public static func + (a: Self, b: Self) -> Self { stopping { try apply(.add, a, b) } }
    /// `add(a, b)` of an array and a scalar.
    public static func + (a: Self, b: Scalar) -> Self { stopping { try apply(.add, a, b) } }
    /// `add(a, b)` of a scalar and an array.
    public static func + (a: Scalar, b: Self) -> Self { stopping { try apply(.add, a, b) } }
    /// `subtract(a, b)`; stops the program with the error where `subtract` would throw.
    public static func - (a: Self, b: Self) -> Self { stopping { try apply(.subtract, a, b) } }
    /// `subtract(a, b)` of an array and a scalar.
    public static func - (a: Self, b: Scalar) -> Self { stopping { try apply(.subtract, a, b) } }
    /// `subtract(a, b)` of a scalar and an array.
    public static func - (a: Scalar, b: Self) -> Self { stopping { try apply(.subtract, a, b) } }
    /// `multiply(a, b)`; stops the program with the error where `multiply` would throw.
    public static func * (a: Self, b: Self) -> Self { stopping { try apply(.multiply, a, b) } }
    /// `multiply(a, b)` of an array and a scalar.
    public static func * (a: Self, b: Scalar) -> Self { stopping { try apply(.multiply, a, b) } }
    /// `multiply(a, b)` of a scalar and an array.
    public static func * (a: Scalar, b: Self) -> Self { stopping { try apply(.multiply, a, b) } }
    /// `divide(a, b)`; stops the program with the error where `divide` would throw.
    public static func / (a: Self, b: Self) -> Self { stopping { try apply(.divide, a, b) } }
    /// `divide(a, b)` of an array and a scalar.
    public static func / (a: Self, b: Scalar) -> Self { stopping { try apply(.divide, a, b) } }
    /// `divide(a, b)` of a scalar and an array.
    public static func / (a: Scalar, b: Self) -> Self { stopping { try apply(.divide, a, b) } }
    /// `negative(a)`.
    public static prefix func - (a: Self) -> Self { stopping { try apply(.negative, a) } }
    /// `less(a, b)`.
    public static func .< (a: Self, b: Self) -> Mask { stopping { try compare(.less, a, b) } }
    /// `less(a, b)` of an array and a scalar.
    public static func .< (a: Self, b: Scalar) -> Mask { stopping { try compare(.less, a, b) } }
    /// `lessEqual(a, b)`.
    public static func .<= (a: Self, b: Self) -> Mask { stopping { try compare(.lessEqual, a, b) } }
    /// `lessEqual(a, b)` of an array and a scalar.
    public static func .<= (a: Self, b: Scalar) -> Mask { stopping { try compare(.lessEqual, a, b) } }
    /// `greater(a, b)`.
    public static func .> (a: Self, b: Self) -> Mask { stopping { try compare(.greater, a, b) } }
    /// `greater(a, b)` of an array and a scalar.
    public static func .> (a: Self, b: Scalar) -> Mask { stopping { try compare(.greater, a, b) } }
    /// `greaterEqual(a, b)`.
    public static func .>= (a: Self, b: Self) -> Mask { stopping { try compare(.greaterEqual, a, b) } }
    /// `greaterEqual(a, b)` of an array and a scalar.
    public static func .>= (a: Self, b: Scalar) -> Mask { stopping { try compare(.greaterEqual, a, b) } }
    /// `equal(a, b)`.
    public static func .== (a: Self, b: Self) -> Mask { stopping { try compare(.equal, a, b) } }
    /// `equal(a, b)` of an array and a scalar.
    public static func .== (a: Self, b: Scalar) -> Mask { stopping { try compare(.equal, a, b) } }
    /// `notEqual(a, b)`.
    public static func .!= (a: Self, b: Self) -> Mask { stopping { try compare(.notEqual, a, b) } }
    /// `notEqual(a, b)` of an array and a scalar.
    public static func .!= (a: Self, b: Scalar) -> Mask { stopping { try compare(.notEqual, a, b) } }
}

/// Runs `body`, stopping the program with the error's message if it throws (for operators, which
/// cannot throw; `fatalError` keeps the message in release builds).
func stopping<R>(_ body: () throws -> R) -> R {
    do {
        return try body()
    } catch {
        fatalError("\(error)")
    }
}

extension NDArray: NumericArray where Scalar: ArrayFloatingPoint {
    public typealias Mask = NDArray<Bool>

    public func emptyLike(count: Int) throws -> NDArray { NDArray.empty([count]) }

    public static func apply(_ op: UnaryOperation, _ a: NDArray) throws -> NDArray {
        try NDArrays.apply(op, a)
    }
    public static func apply(_ op: BinaryOperation, _ a: NDArray, _ b: NDArray) throws -> NDArray {
        try NDArrays.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: NDArray, _ b: Scalar) throws -> NDArray {
        try NDArrays.apply(op, a, NDArray(scalar: b))
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: NDArray) throws -> NDArray {
        try NDArrays.apply(op, NDArray(scalar: a), b)
    }
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
    public static func compare(_ op: BinaryOperation, _ a: NDArray, _ b: NDArray) throws -> NDArray<Bool> {
        try NDArrays.apply(op, a, b)
    }
    public static func compare(_ op: BinaryOperation, _ a: NDArray, _ b: Scalar) throws -> NDArray<Bool> {
        try NDArrays.apply(op, a, NDArray(scalar: b))
    }
    public static func select(_ condition: NDArray<Bool>, _ a: NDArray, _ b: NDArray) throws -> NDArray {
        try NDArrays.where(condition, a, b)
    }
    public static func select(_ condition: NDArray<Bool>, _ a: NDArray, _ b: Scalar) throws -> NDArray {
        try NDArrays.where(condition, a, b)
    }
}

extension GPUArray: NumericArray where Scalar: ArrayFloatingPoint {
    public typealias Mask = GPUArray<Bool>

    public func emptyLike(count: Int) throws -> GPUArray { try GPUArray(empty: [count], in: context) }

    public static func apply(_ op: UnaryOperation, _ a: GPUArray) throws -> GPUArray {
        try GPUArrays.apply(op, a)
    }
    public static func apply(_ op: BinaryOperation, _ a: GPUArray, _ b: GPUArray) throws -> GPUArray {
        try GPUArrays.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: GPUArray, _ b: Scalar) throws -> GPUArray {
        try GPUArrays.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: GPUArray) throws -> GPUArray {
        try GPUArrays.apply(op, a, b)
    }
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
    public static func compare(_ op: BinaryOperation, _ a: GPUArray, _ b: GPUArray) throws -> GPUArray<Bool> {
        try GPUArrays.apply(op, a, b)
    }
    public static func compare(_ op: BinaryOperation, _ a: GPUArray, _ b: Scalar) throws -> GPUArray<Bool> {
        try GPUArrays.apply(op, a, b)
    }
    public static func select(_ condition: GPUArray<Bool>, _ a: GPUArray, _ b: GPUArray) throws -> GPUArray {
        try GPUArrays.where(condition, a, b)
    }
    public static func select(_ condition: GPUArray<Bool>, _ a: GPUArray, _ b: Scalar) throws -> GPUArray {
        try GPUArrays.where(condition, a, b)
    }
}

extension FusedValue: NumericArray where Scalar: ArrayFloatingPoint {
    public typealias Mask = FusedValue<Bool>

    /// Values of a fused kernel have as many elements as the kernel's launch; the count is not
    /// known while the kernel is being written.
    public var count: Int { 0 }

    public func emptyLike(count: Int) throws -> FusedValue { empty() }

    public static func apply(_ op: UnaryOperation, _ a: FusedValue) throws -> FusedValue {
        GPUArrays.apply(op, a)
    }
    public static func apply(_ op: BinaryOperation, _ a: FusedValue, _ b: FusedValue) throws -> FusedValue {
        GPUArrays.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: FusedValue, _ b: Scalar) throws -> FusedValue {
        GPUArrays.apply(op, a, a.constant(b))
    }
    public static func apply(_ op: BinaryOperation, _ a: Scalar, _ b: FusedValue) throws -> FusedValue {
        GPUArrays.apply(op, b.constant(a), b)
    }
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
    public static func compare(_ op: BinaryOperation, _ a: FusedValue, _ b: FusedValue) throws -> FusedValue<
        Bool
    > {
        GPUArrays.apply(op, a, b)
    }
    public static func compare(_ op: BinaryOperation, _ a: FusedValue, _ b: Scalar) throws -> FusedValue<Bool>
    {
        GPUArrays.apply(op, a, a.constant(b))
    }
    public static func select(_ condition: FusedValue<Bool>, _ a: FusedValue, _ b: FusedValue) throws
        -> FusedValue
    {
        GPUArrays.where(condition, a, b)
    }
    public static func select(_ condition: FusedValue<Bool>, _ a: FusedValue, _ b: Scalar) throws
        -> FusedValue
    {
        GPUArrays.where(condition, a, a.constant(b))
    }
}

extension LazyArray: NumericArray where S: ArrayFloatingPoint {
    public typealias Scalar = S
    public typealias Mask = LazyArray<Bool>

    public func emptyLike(count: Int) throws -> LazyArray { runtime.empty([count]) }

    public static func apply(_ op: UnaryOperation, _ a: LazyArray) -> LazyArray { BachNumeric.apply(op, a) }
    public static func apply(_ op: BinaryOperation, _ a: LazyArray, _ b: LazyArray) -> LazyArray {
        BachNumeric.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: LazyArray, _ b: S) -> LazyArray {
        BachNumeric.apply(op, a, b)
    }
    public static func apply(_ op: BinaryOperation, _ a: S, _ b: LazyArray) -> LazyArray {
        BachNumeric.apply(op, a, b)
    }
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
    public static func compare(_ op: BinaryOperation, _ a: LazyArray, _ b: LazyArray) -> LazyArray<Bool> {
        BachNumeric.apply(op, a, b)
    }
    public static func compare(_ op: BinaryOperation, _ a: LazyArray, _ b: S) -> LazyArray<Bool> {
        BachNumeric.apply(op, a, b)
    }
    public static func select(_ condition: LazyArray<Bool>, _ a: LazyArray, _ b: LazyArray) -> LazyArray {
        BachNumeric.where(condition, a, b)
    }
    public static func select(_ condition: LazyArray<Bool>, _ a: LazyArray, _ b: S) -> LazyArray {
        BachNumeric.where(condition, a, b)
    }
}
