import BachRuntime
import BachNumeric
import Frames
import NDArrays

// Lazy comparisons yielding `LazySeries<Bool>` without missing values, as Frames' do: a comparison
// with a missing value is false, except `!=`, which is true (for `Double`, IEEE 754 comparisons of
// NaN give exactly that; elsewhere the validity flags adjust the result, in the same fused pass).
// Logical operations of boolean series propagate missing values.

extension LazySeries where S: SeriesNumeric {
    /// `self[i] op value`, false where `self[i]` is missing (true for `.notEqual`); `op` must be a
    /// comparison (others fail when the graph is evaluated).
    public func compare(_ op: BinaryOperation, _ value: S) -> LazySeries<Bool> {
        LazySeries<Bool>(unchecked: name, adjusted(op, BachNumeric.apply(op, values, value), validity), nil)
    }

    /// `self[i] op other[i]`, false where either is missing (true for `.notEqual`); throws when the
    /// lengths differ.
    public func compare(_ op: BinaryOperation, _ other: LazySeries) throws(FrameError) -> LazySeries<Bool> {
        try checkOperand(other, "compare(\(op))")
        let present = bothPresent(validity, other.validity)
        return LazySeries<Bool>(
            unchecked: name, adjusted(op, BachNumeric.apply(op, values, other.values), present), nil)
    }

    /// Makes rows that are not present false (true for `!=`).
    private func adjusted(_ op: BinaryOperation, _ result: LazyArray<Bool>, _ present: LazyArray<Bool>?)
        -> LazyArray<Bool>
    {
        guard let present else { return result }
        return op == .notEqual ? logicalOr(result, logicalNot(present)) : logicalAnd(result, present)
    }

    /// Values less than `b`.
    public static func < (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.less, b) }
    /// Values at most `b`.
    public static func <= (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.lessEqual, b) }
    /// Values greater than `b`.
    public static func > (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.greater, b) }
    /// Values at least `b`.
    public static func >= (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.greaterEqual, b) }
    /// Values equal to `b`.
    public static func == (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.equal, b) }
    /// Values other than `b` (missing values included).
    public static func != (a: LazySeries, b: S) -> LazySeries<Bool> { a.compare(.notEqual, b) }

    /// `compare(.less, b)`; traps when the lengths differ.
    public static func < (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.less, b) }
    }
    /// `compare(.lessEqual, b)`; traps when the lengths differ.
    public static func <= (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.lessEqual, b) }
    }
    /// `compare(.greater, b)`; traps when the lengths differ.
    public static func > (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.greater, b) }
    }
    /// `compare(.greaterEqual, b)`; traps when the lengths differ.
    public static func >= (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.greaterEqual, b) }
    }
    /// `compare(.equal, b)`, pointwise; traps when the lengths differ.
    public static func .== (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.equal, b) }
    }
    /// `compare(.notEqual, b)`, pointwise; traps when the lengths differ.
    public static func .!= (a: LazySeries, b: LazySeries) -> LazySeries<Bool> {
        trapping { try a.compare(.notEqual, b) }
    }
}

extension LazySeries where S == Bool {
    /// Rows where both are true; a missing operand gives a missing result. Throws when the lengths
    /// differ.
    public func and(_ other: LazySeries) throws(FrameError) -> LazySeries {
        try checkOperand(other, "and")
        return LazySeries(
            unchecked: name, logicalAnd(values, other.values), bothPresent(validity, other.validity))
    }

    /// Rows where either is true; a missing operand gives a missing result. Throws when the lengths
    /// differ.
    public func or(_ other: LazySeries) throws(FrameError) -> LazySeries {
        try checkOperand(other, "or")
        return LazySeries(
            unchecked: name, logicalOr(values, other.values), bothPresent(validity, other.validity))
    }

    /// `and` (pandas' `&`); traps when the lengths differ.
    public static func & (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.and(b) } }
    /// `or` (pandas' `|`); traps when the lengths differ.
    public static func | (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.or(b) } }
    /// Negation (pandas' `~`); missing values stay missing.
    public static prefix func ! (a: LazySeries) -> LazySeries {
        LazySeries(unchecked: a.name, logicalNot(a.values), a.validity)
    }
}
