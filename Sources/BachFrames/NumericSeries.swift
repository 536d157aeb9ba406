import BachNumeric
import Frames
import GPUFrames
import NDArrays

/// The series API that Frames' `Series` (CPU), GPUFrames' `GPUSeries` (hand-written GPU code, one
/// kernel per call, as cuDF) and `LazySeries` (through Bach) share, so that a program is written
/// once and run by all three: the role `NumericArray` plays for arrays, with the seed's annotated
/// pandas functions (`pd.multiply(a, 2.0)`, `pd.mask(a, cond, 0.0)`, `pd.pandasum(a)`).
///
/// The requirements are static functions, not operators: an operator requirement would compete
/// with each type's own operators, and the throwing one (the device can fail) would win for
/// literal operands, making every `series * 2` need `try`. Functions throw where any of the three
/// can fail. `Total` is what `sum` gives: a number on the host for Frames and GPUFrames (cuDF reads
/// sums back), a `LazyScalar` for lazy series (read it with `value()`).
///
/// ```swift
/// func scaledTotal<T: NumericSeries>(_ a: T, _ b: T) throws -> T.Total where T.Scalar == Double {
///     let c = try T.add(T.multiply(a, 2.0), b)
///     return try T.sum(T.mask(c, T.greaterThan(a, 10.0), 0.0))
/// }
/// ```
public protocol NumericSeries {
    associatedtype Scalar
    /// The boolean series comparisons yield.
    associatedtype Condition
    /// What `sum` yields.
    associatedtype Total

    /// `op` of `a` and `b` row by row (an arithmetic operation of the vocabulary).
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Self) throws -> Self
    /// `op` of every value of `a` and `b`.
    static func apply(_ op: BinaryOperation, _ a: Self, _ b: Scalar) throws -> Self
    /// The comparison `op` of every value of `a` with `b` (false where a value is missing, except
    /// for `notEqual`).
    static func compare(_ op: BinaryOperation, _ a: Self, _ b: Scalar) throws -> Condition
    /// `a` with the rows where `condition` holds replaced by `other` (missing when nil): pandas'
    /// `mask`.
    static func mask(_ a: Self, _ condition: Condition, _ other: Scalar?) throws -> Self
    /// The sum of the values present (pandas' `sum`, the seed's `pandasum`).
    static func sum(_ a: Self) throws -> Total
}

extension NumericSeries {
    /// `a + b` row by row.
    public static func add(_ a: Self, _ b: Self) throws -> Self { try apply(.add, a, b) }
    /// `a - b` row by row.
    public static func subtract(_ a: Self, _ b: Self) throws -> Self { try apply(.subtract, a, b) }
    /// `a * b` row by row.
    public static func multiply(_ a: Self, _ b: Self) throws -> Self { try apply(.multiply, a, b) }
    /// Every value of `a` plus `b`.
    public static func add(_ a: Self, _ b: Scalar) throws -> Self { try apply(.add, a, b) }
    /// Every value of `a` minus `b`.
    public static func subtract(_ a: Self, _ b: Scalar) throws -> Self { try apply(.subtract, a, b) }
    /// Every value of `a` times `b`.
    public static func multiply(_ a: Self, _ b: Scalar) throws -> Self { try apply(.multiply, a, b) }
    /// Every value of `a` divided by `b`.
    public static func divide(_ a: Self, _ b: Scalar) throws -> Self { try apply(.divide, a, b) }
    /// The values of `a` greater than `b` (the seed's `greater_than`).
    public static func greaterThan(_ a: Self, _ b: Scalar) throws -> Condition { try compare(.greater, a, b) }
    /// The values of `a` less than `b` (the seed's `less_than`).
    public static func lessThan(_ a: Self, _ b: Scalar) throws -> Condition { try compare(.less, a, b) }
}

extension Series: NumericSeries where Scalar == Double {
    public typealias Condition = Series<Bool>
    public typealias Total = Double

    public static func apply(_ op: BinaryOperation, _ a: Series, _ b: Series) throws -> Series {
        switch op {
        case .add: try a.adding(b)
        case .subtract: try a.subtracting(b)
        case .multiply: try a.multiplying(b)
        case .divide: try a.dividing(b)
        default: throw unsupported(op)
        }
    }

    public static func apply(_ op: BinaryOperation, _ a: Series, _ b: Double) throws -> Series {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        default: throw unsupported(op)
        }
    }

    public static func compare(_ op: BinaryOperation, _ a: Series, _ b: Double) throws -> Series<Bool> {
        guard op.isComparison else { throw unsupported(op) }
        return a.compare(op, b)
    }

    public static func mask(_ a: Series, _ condition: Series<Bool>, _ other: Double?) throws -> Series {
        try a.mask(condition, other)
    }

    public static func sum(_ a: Series) -> Double { a.sum() }
}

extension GPUSeries: NumericSeries where Scalar == Double {
    public typealias Condition = GPUSeries<Bool>
    public typealias Total = Double

    public static func apply(_ op: BinaryOperation, _ a: GPUSeries, _ b: GPUSeries) throws -> GPUSeries {
        switch op {
        case .add: try a + b
        case .subtract: try a - b
        case .multiply: try a * b
        case .divide: try a / b
        default: throw unsupported(op)
        }
    }

    public static func apply(_ op: BinaryOperation, _ a: GPUSeries, _ b: Double) throws -> GPUSeries {
        switch op {
        case .add: try a + b
        case .subtract: try a - b
        case .multiply: try a * b
        case .divide: try a / b
        default: throw unsupported(op)
        }
    }

    public static func compare(_ op: BinaryOperation, _ a: GPUSeries, _ b: Double) throws -> GPUSeries<Bool> {
        try a.compare(op, b)
    }

    public static func mask(_ a: GPUSeries, _ condition: GPUSeries<Bool>, _ other: Double?) throws
        -> GPUSeries
    {
        try a.mask(condition, other)
    }

    public static func sum(_ a: GPUSeries) throws -> Double { try a.sum() }
}

extension LazySeries: NumericSeries where S == Double {
    public typealias Scalar = Double
    public typealias Condition = LazySeries<Bool>
    public typealias Total = LazyScalar<Double>

    public static func apply(_ op: BinaryOperation, _ a: LazySeries, _ b: LazySeries) throws -> LazySeries {
        guard op.isArithmetic else { throw unsupported(op) }
        return try a.combined(op, b)
    }

    public static func apply(_ op: BinaryOperation, _ a: LazySeries, _ b: Double) throws -> LazySeries {
        guard op.isArithmetic else { throw unsupported(op) }
        return a.combined(op, b)
    }

    public static func compare(_ op: BinaryOperation, _ a: LazySeries, _ b: Double) throws -> LazySeries<Bool>
    {
        guard op.isComparison else { throw unsupported(op) }
        return a.compare(op, b)
    }

    public static func mask(_ a: LazySeries, _ condition: LazySeries<Bool>, _ other: Double?) throws
        -> LazySeries
    {
        try a.mask(condition, other)
    }

    public static func sum(_ a: LazySeries) -> LazyScalar<Double> { a.sum() }
}

/// The error for an operation a `NumericSeries` function does not take.
private func unsupported(_ op: BinaryOperation) -> FrameError {
    .invalidArgument(operation: "\(op)", expected: "an operation this function takes", found: "\(op)")
}
