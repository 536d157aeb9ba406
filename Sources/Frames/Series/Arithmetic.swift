import NDArrays

// Elementwise arithmetic on numeric series, computed by NDArrays' kernels on the whole column.
// A missing operand gives a missing result (for `Double`, NaN propagates by itself). Named methods
// throw on operands of different lengths; the operators trap with the same message.

extension Series where Scalar: FrameNumeric {
    /// `op` applied to the values of `self` and `other` (same length), with missing values
    /// propagated; the result keeps the name the operands share (pandas' rule).
    func combined(
        _ other: Series, _ operation: String,
        _ op: (NDArray<Scalar>, NDArray<Scalar>) throws(NDArrayError) -> NDArray<Scalar>
    ) throws(FrameError) -> Series {
        try checkLength(other, operation)
        let values = trapping { () throws(NDArrayError) -> NDArray<Scalar> in
            try op(self.values, other.values)
        }
        return Series(
            unchecked: name == other.name ? name : "", values, Self.bothPresent(validity, other.validity))
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
        try combined(other, "add") { a, b throws(NDArrayError) in try NDArrays.add(a, b) }
    }

    /// `self - other` elementwise; throws when the lengths differ.
    public func subtracting(_ other: Series) throws(FrameError) -> Series {
        try combined(other, "subtract") { a, b throws(NDArrayError) in try NDArrays.subtract(a, b) }
    }

    /// `self * other` elementwise; throws when the lengths differ.
    public func multiplying(_ other: Series) throws(FrameError) -> Series {
        try combined(other, "multiply") { a, b throws(NDArrayError) in try NDArrays.multiply(a, b) }
    }

    /// The series with `transform` applied to its values (missing rows stay missing).
    func mapped(_ transform: (NDArray<Scalar>) -> NDArray<Scalar>) -> Series {
        Series(unchecked: name, transform(values), validity)
    }

    /// `add`; traps when the lengths differ.
    public static func + (a: Series, b: Series) -> Series { trapping { try a.adding(b) } }
    /// Adds `b` to every value.
    public static func + (a: Series, b: Scalar) -> Series { a.mapped { NDArrays.add($0, b) } }
    /// Adds every value to `a`.
    public static func + (a: Scalar, b: Series) -> Series { b.mapped { NDArrays.add(a, $0) } }
    /// `subtracting`; traps when the lengths differ.
    public static func - (a: Series, b: Series) -> Series { trapping { try a.subtracting(b) } }
    /// Subtracts `b` from every value.
    public static func - (a: Series, b: Scalar) -> Series { a.mapped { NDArrays.subtract($0, b) } }
    /// Subtracts every value from `a`.
    public static func - (a: Scalar, b: Series) -> Series { b.mapped { NDArrays.subtract(a, $0) } }
    /// `multiplying`; traps when the lengths differ.
    public static func * (a: Series, b: Series) -> Series { trapping { try a.multiplying(b) } }
    /// Multiplies every value by `b`.
    public static func * (a: Series, b: Scalar) -> Series { a.mapped { NDArrays.multiply($0, b) } }
    /// Multiplies `a` by every value.
    public static func * (a: Scalar, b: Series) -> Series { b.mapped { NDArrays.multiply(a, $0) } }
    /// Negates every value.
    public static prefix func - (a: Series) -> Series { a.mapped { NDArrays.negative($0) } }

    func checkLength<Other: FrameScalar>(_ other: Series<Other>, _ operation: String) throws(FrameError) {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
    }
}

extension Series where Scalar == Double {
    /// `self / other` elementwise (IEEE: x / 0 is ±inf, 0 / 0 NaN); throws when the lengths differ.
    public func dividing(_ other: Series) throws(FrameError) -> Series {
        try combined(other, "divide") { a, b throws(NDArrayError) in try NDArrays.divide(a, b) }
    }

    /// `dividing`; traps when the lengths differ.
    public static func / (a: Series, b: Series) -> Series { trapping { try a.dividing(b) } }
    /// Divides every value by `b`.
    public static func / (a: Series, b: Double) -> Series { a.mapped { NDArrays.divide($0, b) } }
    /// Divides `a` by every value.
    public static func / (a: Double, b: Series) -> Series { b.mapped { NDArrays.divide(a, $0) } }
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
        Series<Double>(unchecked: name, values.astype(Double.self), validity)
    }
}
