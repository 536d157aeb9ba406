import NDArrays

// Elementwise arithmetic on numeric series, computed by NDArrays' kernels on the whole column.
// A missing operand gives a missing result (for `Double`, NaN propagates by itself). Named methods
// throw on operands of different lengths; the operators trap with the same message.
//
// The left operand is consumed: when it is a temporary of the expression (the `a * 2` in
// `a * 2 + b`), its buffer is the only reference and the result is written into it, as NDArrays'
// `out:` forms do, so `(a * 2 + b - c * 2000) / 100_000` allocates two arrays instead of five.

/// The arithmetic the operators apply.
enum ArithmeticOperation {
    case add, subtract, multiply
}

extension Series where Scalar: FrameNumeric {
    /// Applies `operation` with `operand` (a column of the same length, or a rank-0 array of
    /// one value) to the values, in their own buffer when nothing else holds it; `reversed` puts
    /// the operand on the left.
    mutating func apply(_ operation: ArithmeticOperation, _ operand: NDArray<Scalar>, reversed: Bool = false)
    {
        var buffer = NDArray<Scalar>.empty([0])
        swap(&buffer, &values)
        trapping { () throws(NDArrayError) in
            switch (operation, reversed) {
            case (.add, _): try NDArrays.add(buffer, operand, out: &buffer)
            case (.multiply, _): try NDArrays.multiply(buffer, operand, out: &buffer)
            case (.subtract, false): try NDArrays.subtract(buffer, operand, out: &buffer)
            case (.subtract, true): try NDArrays.subtract(operand, buffer, out: &buffer)
            }
        }
        values = buffer
    }

    /// `self op other` for another series of the same length: missing values propagated, the
    /// name kept when both share it (pandas' rule).
    consuming func combined(_ operation: ArithmeticOperation, _ other: Series) -> Series {
        let name = name == other.name ? name : ""
        let validity = Self.bothPresent(validity, other.validity)
        var result = self
        result.apply(operation, other.values)
        result.name = name
        result.validity = validity
        return result
    }

    /// `self op value` for every value (or `value op self` when `reversed`).
    consuming func combined(_ operation: ArithmeticOperation, _ value: Scalar, reversed: Bool = false)
        -> Series
    {
        var result = self
        result.apply(operation, NDArray(scalar: value), reversed: reversed)
        return result
    }

    /// The rows where both masks say present (nil when neither has a missing value).
    static func bothPresent(_ a: NDArray<Bool>?, _ b: NDArray<Bool>?) -> NDArray<Bool>? {
        switch (a, b) {
        case (let a?, let b?): trapping { try logicalAnd(a, b) }
        case (let a?, nil): a
        case (nil, let b?): b
        case (nil, nil): nil
        }
    }

    /// `self + other` elementwise; throws when the lengths differ.
    public func adding(_ other: Series) throws(FrameError) -> Series {
        try checkLength(other, "add")
        return combined(.add, other)
    }

    /// `self - other` elementwise; throws when the lengths differ.
    public func subtracting(_ other: Series) throws(FrameError) -> Series {
        try checkLength(other, "subtract")
        return combined(.subtract, other)
    }

    /// `self * other` elementwise; throws when the lengths differ.
    public func multiplying(_ other: Series) throws(FrameError) -> Series {
        try checkLength(other, "multiply")
        return combined(.multiply, other)
    }

    /// `adding`; traps when the lengths differ.
    public static func + (a: consuming Series, b: Series) -> Series {
        requireEqualLengths(a.count, b.count, "add")
        return a.combined(.add, b)
    }
    /// Adds `b` to every value.
    public static func + (a: consuming Series, b: Scalar) -> Series { a.combined(.add, b) }
    /// Adds every value to `a`.
    public static func + (a: Scalar, b: consuming Series) -> Series { b.combined(.add, a) }
    /// `subtracting`; traps when the lengths differ.
    public static func - (a: consuming Series, b: Series) -> Series {
        requireEqualLengths(a.count, b.count, "subtract")
        return a.combined(.subtract, b)
    }
    /// Subtracts `b` from every value.
    public static func - (a: consuming Series, b: Scalar) -> Series { a.combined(.subtract, b) }
    /// Subtracts every value from `a`.
    public static func - (a: Scalar, b: consuming Series) -> Series {
        b.combined(.subtract, a, reversed: true)
    }
    /// `multiplying`; traps when the lengths differ.
    public static func * (a: consuming Series, b: Series) -> Series {
        requireEqualLengths(a.count, b.count, "multiply")
        return a.combined(.multiply, b)
    }
    /// Multiplies every value by `b`.
    public static func * (a: consuming Series, b: Scalar) -> Series { a.combined(.multiply, b) }
    /// Multiplies `a` by every value.
    public static func * (a: Scalar, b: consuming Series) -> Series { b.combined(.multiply, a) }
    /// Negates every value.
    public static prefix func - (a: Series) -> Series {
        Series(unchecked: a.name, NDArrays.negative(a.values), a.validity)
    }

    func checkLength<Other: FrameScalar>(_ other: Series<Other>, _ operation: String) throws(FrameError) {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
    }
}

/// Traps, with `FrameError.lengthMismatch`'s message, unless the lengths agree (for operators,
/// which cannot throw).
func requireEqualLengths(_ expected: Int, _ found: Int, _ operation: String) {
    trapping { () throws(FrameError) in
        guard expected == found else {
            throw .lengthMismatch(operation: operation, expected: expected, found: found)
        }
    }
}

extension Series where Scalar == Double {
    /// Divides the values by `operand` (or `operand` by them when `reversed`), in their own
    /// buffer when nothing else holds it (see `apply`).
    mutating func divide(by operand: NDArray<Double>, reversed: Bool = false) {
        var buffer = NDArray<Double>.empty([0])
        swap(&buffer, &values)
        trapping { () throws(NDArrayError) in
            if reversed {
                try NDArrays.divide(operand, buffer, out: &buffer)
            } else {
                try NDArrays.divide(buffer, operand, out: &buffer)
            }
        }
        values = buffer
    }

    /// `self / other` elementwise (IEEE: x / 0 is ±inf, 0 / 0 NaN); throws when the lengths differ.
    public func dividing(_ other: Series) throws(FrameError) -> Series {
        try checkLength(other, "divide")
        var result = self
        result.divide(by: other.values)
        result.name = name == other.name ? name : ""
        return result
    }

    /// `dividing`; traps when the lengths differ.
    public static func / (a: consuming Series, b: Series) -> Series {
        requireEqualLengths(a.count, b.count, "divide")
        let name = a.name == b.name ? a.name : ""
        var result = a
        result.divide(by: b.values)
        result.name = name
        return result
    }
    /// Divides every value by `b`.
    public static func / (a: consuming Series, b: Double) -> Series {
        var result = a
        result.divide(by: NDArray(scalar: b))
        return result
    }
    /// Divides `a` by every value.
    public static func / (a: Double, b: consuming Series) -> Series {
        var result = b
        result.divide(by: NDArray(scalar: a), reversed: true)
        return result
    }
}

extension Series where Scalar == Int64 {
    /// True division, as pandas divides integers: the values as doubles, divided; throws when the
    /// lengths differ.
    public func dividing(_ other: Series) throws(FrameError) -> Series<Double> {
        try toDouble().dividing(other.toDouble())
    }

    /// `dividing`; traps when the lengths differ.
    public static func / (a: Series, b: Series) -> Series<Double> { trapping { try a.dividing(b) } }
    /// Every value divided by `b`, as doubles.
    public static func / (a: Series, b: Int64) -> Series<Double> { a.toDouble() / Double(b) }
    /// `a` divided by every value, as doubles.
    public static func / (a: Int64, b: Series) -> Series<Double> { Double(a) / b.toDouble() }
}

extension Series where Scalar: FrameArrayScalar {
    /// The values as doubles (`true` is 1), missing values as NaN (pandas' `astype(float)`).
    public func toDouble() -> Series<Double> {
        guard let integers = values as? NDArray<Int64> else {
            return Series<Double>(unchecked: name, values.astype(Double.self), validity)
        }
        // Integers, the common case, in one loop: `astype` converts element by element through
        // `ScalarValue`, which takes about as long as reading the column from a file.
        var doubles = NDArray<Double>.empty([integers.count])
        doubles.withUnsafeMutableBufferPointer { out in
            integers.withUnsafeBufferPointer { input in
                for i in 0..<input.count { out[i] = Double(input[i]) }
            }
        }
        return Series<Double>(unchecked: name, doubles, validity)
    }
}
