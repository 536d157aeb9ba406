import NDArrays

// Elementwise comparisons, yielding `Series<Bool>` without missing values, as pandas' float and
// object columns do: a comparison with a missing value is false, except `!=`, which is true.
// Series are compared with the plain operators against scalars; against another series with
// `<`, `<=`, `>`, `>=` and the pointwise `.==` and `.!=` (`==` itself is `Equatable`'s).

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence

extension Series {
    /// `self[i] op other[i]`, false where either is missing (true for `.notEqual`); throws when
    /// the lengths differ.
    public func compare(_ op: BinaryOperation, _ other: Series) throws(FrameError) -> Series<Bool> {
        guard other.count == count else {
            throw .lengthMismatch(operation: "compare(\(op))", expected: count, found: other.count)
        }
        let present = Series<Double>.bothPresent(validity, other.validity)
        return Series<Bool>(
            unchecked: name, Self.adjusted(op, Scalar._compare(op, values, other.values), present), nil)
    }

    /// `self[i] op value`, false where `self[i]` is missing (true for `.notEqual`).
    public func compare(_ op: BinaryOperation, _ value: Scalar) -> Series<Bool> {
        let result = Scalar._compare(op, values, Scalar._values([value]))
        return Series<Bool>(unchecked: name, Self.adjusted(op, result, validity), nil)
    }

    /// Makes rows that are not present false (true for `!=`).
    private static func adjusted(_ op: BinaryOperation, _ result: NDArray<Bool>, _ present: NDArray<Bool>?)
        -> NDArray<Bool>
    {
        guard let present else { return result }
        return trapping { () throws(NDArrayError) -> NDArray<Bool> in
            op == .notEqual ? try logicalOr(result, logicalNot(present)) : try logicalAnd(result, present)
        }
    }

    /// Values less than `b`.
    public static func < (a: Series, b: Scalar) -> Series<Bool> { a.compare(.less, b) }
    /// Values at most `b`.
    public static func <= (a: Series, b: Scalar) -> Series<Bool> { a.compare(.lessEqual, b) }
    /// Values greater than `b`.
    public static func > (a: Series, b: Scalar) -> Series<Bool> { a.compare(.greater, b) }
    /// Values at least `b`.
    public static func >= (a: Series, b: Scalar) -> Series<Bool> { a.compare(.greaterEqual, b) }
    /// Values equal to `b`.
    public static func == (a: Series, b: Scalar) -> Series<Bool> { a.compare(.equal, b) }
    /// Values other than `b` (missing values included).
    public static func != (a: Series, b: Scalar) -> Series<Bool> { a.compare(.notEqual, b) }

    /// `compare(.less, b)`; traps when the lengths differ.
    public static func < (a: Series, b: Series) -> Series<Bool> { trapping { try a.compare(.less, b) } }
    /// `compare(.lessEqual, b)`; traps when the lengths differ.
    public static func <= (a: Series, b: Series) -> Series<Bool> { trapping { try a.compare(.lessEqual, b) } }
    /// `compare(.greater, b)`; traps when the lengths differ.
    public static func > (a: Series, b: Series) -> Series<Bool> { trapping { try a.compare(.greater, b) } }
    /// `compare(.greaterEqual, b)`; traps when the lengths differ.
    public static func >= (a: Series, b: Series) -> Series<Bool> {
        trapping { try a.compare(.greaterEqual, b) }
    }
    /// `compare(.equal, b)`, pointwise; traps when the lengths differ.
    public static func .== (a: Series, b: Series) -> Series<Bool> { trapping { try a.compare(.equal, b) } }
    /// `compare(.notEqual, b)`, pointwise; traps when the lengths differ.
    public static func .!= (a: Series, b: Series) -> Series<Bool> { trapping { try a.compare(.notEqual, b) } }
}

extension Series where Scalar == Bool {
    /// Rows where both are true; a missing operand gives a missing result. Throws when the
    /// lengths differ.
    public func and(_ other: Series) throws(FrameError) -> Series {
        try logical(other, "and") { a, b throws(NDArrayError) in try logicalAnd(a, b) }
    }

    /// Rows where either is true; a missing operand gives a missing result. Throws when the
    /// lengths differ.
    public func or(_ other: Series) throws(FrameError) -> Series {
        try logical(other, "or") { a, b throws(NDArrayError) in try logicalOr(a, b) }
    }

    private func logical(
        _ other: Series, _ operation: String,
        _ op: (NDArray<Bool>, NDArray<Bool>) throws(NDArrayError) -> NDArray<Bool>
    ) throws(FrameError) -> Series {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
        let values = trapping { () throws(NDArrayError) -> NDArray<Bool> in try op(self.values, other.values)
        }
        return Series(unchecked: name, values, Series<Double>.bothPresent(validity, other.validity))
    }

    /// `and` (pandas' `&`); traps when the lengths differ.
    public static func & (a: Series, b: Series) -> Series { trapping { try a.and(b) } }
    /// `or` (pandas' `|`); traps when the lengths differ.
    public static func | (a: Series, b: Series) -> Series { trapping { try a.or(b) } }
    /// Negation (pandas' `~`); missing values stay missing.
    public static prefix func ! (a: Series) -> Series {
        Series(unchecked: a.name, logicalNot(a.values), a.validity)
    }
}
