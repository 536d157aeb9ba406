import BachRuntime
import BachNumeric
import Frames
import NDArrays

// Lazy elementwise arithmetic, each call one BachNumeric elementwise call on the values (and a
// `logicalAnd` of the validity flags where both operands have them), so that a chain of calls fuses
// into one pass. A missing operand gives a missing result. Named methods throw on operands of
// different lengths; the operators trap with the same message (as Frames' do).

extension LazySeries where S: SeriesNumeric {
    /// `self op other` row by row, the name kept when both share it (pandas' rule).
    func combined(_ op: BinaryOperation, _ other: LazySeries) throws(FrameError) -> LazySeries {
        try checkOperand(other, op.rawValue)
        return LazySeries(
            unchecked: name == other.name ? name : "", BachNumeric.apply(op, values, other.values),
            bothPresent(validity, other.validity))
    }

    /// `self op value` for every row, or `value op self` when `reversed`.
    func combined(_ op: BinaryOperation, _ value: S, reversed: Bool = false) -> LazySeries {
        let result: LazyArray<S> =
            reversed ? BachNumeric.apply(op, value, values) : BachNumeric.apply(op, values, value)
        return LazySeries(unchecked: name, result, validity)
    }

    /// `self + other` row by row; throws when the lengths differ.
    public func adding(_ other: LazySeries) throws(FrameError) -> LazySeries { try combined(.add, other) }
    /// `self - other` row by row; throws when the lengths differ.
    public func subtracting(_ other: LazySeries) throws(FrameError) -> LazySeries {
        try combined(.subtract, other)
    }
    /// `self * other` row by row; throws when the lengths differ.
    public func multiplying(_ other: LazySeries) throws(FrameError) -> LazySeries {
        try combined(.multiply, other)
    }

    /// `adding`; traps when the lengths differ.
    public static func + (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.adding(b) } }
    /// Adds `b` to every value.
    public static func + (a: LazySeries, b: S) -> LazySeries { a.combined(.add, b) }
    /// Adds every value to `a`.
    public static func + (a: S, b: LazySeries) -> LazySeries { b.combined(.add, a, reversed: true) }
    /// `subtracting`; traps when the lengths differ.
    public static func - (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.subtracting(b) } }
    /// Subtracts `b` from every value.
    public static func - (a: LazySeries, b: S) -> LazySeries { a.combined(.subtract, b) }
    /// Subtracts every value from `a`.
    public static func - (a: S, b: LazySeries) -> LazySeries { b.combined(.subtract, a, reversed: true) }
    /// `multiplying`; traps when the lengths differ.
    public static func * (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.multiplying(b) } }
    /// Multiplies every value by `b`.
    public static func * (a: LazySeries, b: S) -> LazySeries { a.combined(.multiply, b) }
    /// Multiplies `a` by every value.
    public static func * (a: S, b: LazySeries) -> LazySeries { b.combined(.multiply, a, reversed: true) }
    /// Negates every value.
    public static prefix func - (a: LazySeries) -> LazySeries {
        LazySeries(unchecked: a.name, BachNumeric.negative(a.values), a.validity)
    }
}

extension LazySeries where S == Double {
    /// `self / other` row by row (IEEE: x / 0 is ±inf, 0 / 0 NaN); throws when the lengths differ.
    public func dividing(_ other: LazySeries) throws(FrameError) -> LazySeries {
        try combined(.divide, other)
    }

    /// `dividing`; traps when the lengths differ.
    public static func / (a: LazySeries, b: LazySeries) -> LazySeries { trapping { try a.dividing(b) } }
    /// Divides every value by `b`.
    public static func / (a: LazySeries, b: Double) -> LazySeries { a.combined(.divide, b) }
    /// Divides `a` by every value.
    public static func / (a: Double, b: LazySeries) -> LazySeries { b.combined(.divide, a, reversed: true) }
}

/// The rows where both flags say present (nil when neither series has flags).
func bothPresent(_ a: LazyArray<Bool>?, _ b: LazyArray<Bool>?) -> LazyArray<Bool>? {
    switch (a, b) {
    case (let a?, let b?): logicalAnd(a, b)
    case (let a?, nil): a
    case (nil, let b?): b
    case (nil, nil): nil
    }
}
