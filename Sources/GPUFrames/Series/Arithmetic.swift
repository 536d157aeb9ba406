import GPUArrays

// Elementwise arithmetic on the device, one kernel per call as cuDF runs it. A missing operand
// gives a missing result (for floating point, NaN propagates by itself). Operands must have equal
// lengths; the name is kept when both share it (pandas' rule).

extension GPUSeries where Scalar: GPUNumeric {
    /// `self op other` row by row.
    func combined(_ op: BinaryOperation, _ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try checkLength(other, op.rawValue)
        let values = try onGPU { () throws(GPUArrayError) in
            try GPUArrays.apply(op, self.values, other.values, as: Scalar.self)
        }
        return GPUSeries(
            unchecked: name == other.name ? name : "", values, try bothPresent(validity, other.validity))
    }

    /// `self op value` for every row, or `value op self` when `reversed`.
    func combined(_ op: BinaryOperation, _ value: Scalar, reversed: Bool = false) throws(GPUFrameError)
        -> GPUSeries
    {
        let values = try onGPU { () throws(GPUArrayError) in
            reversed
                ? try GPUArrays.apply(op, value, self.values, as: Scalar.self)
                : try GPUArrays.apply(op, self.values, value, as: Scalar.self)
        }
        return GPUSeries(unchecked: name, values, validity)
    }

    /// `self + other` row by row; throws when the lengths differ.
    public func adding(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries { try combined(.add, other) }
    /// `self - other` row by row; throws when the lengths differ.
    public func subtracting(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try combined(.subtract, other)
    }
    /// `self * other` row by row; throws when the lengths differ.
    public func multiplying(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try combined(.multiply, other)
    }

    /// `adding`.
    public static func + (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries { try a.adding(b) }
    /// Adds `b` to every value.
    public static func + (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries {
        try a.combined(.add, b)
    }
    /// Adds every value to `a`.
    public static func + (a: Scalar, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try b.combined(.add, a, reversed: true)
    }
    /// `subtracting`.
    public static func - (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try a.subtracting(b)
    }
    /// Subtracts `b` from every value.
    public static func - (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries {
        try a.combined(.subtract, b)
    }
    /// Subtracts every value from `a`.
    public static func - (a: Scalar, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try b.combined(.subtract, a, reversed: true)
    }
    /// `multiplying`.
    public static func * (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try a.multiplying(b)
    }
    /// Multiplies every value by `b`.
    public static func * (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries {
        try a.combined(.multiply, b)
    }
    /// Multiplies `a` by every value.
    public static func * (a: Scalar, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try b.combined(.multiply, a, reversed: true)
    }
    /// Negates every value.
    public static prefix func - (a: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        GPUSeries(
            unchecked: a.name, try onGPU { () throws(GPUArrayError) in try GPUArrays.negative(a.values) },
            a.validity)
    }
}

extension GPUSeries where Scalar: GPUFloatingPoint {
    /// `self / other` row by row (IEEE: x / 0 is ±inf, 0 / 0 NaN); throws when the lengths differ.
    public func dividing(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try combined(.divide, other)
    }

    /// `dividing`.
    public static func / (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries { try a.dividing(b) }
    /// Divides every value by `b`.
    public static func / (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries {
        try a.combined(.divide, b)
    }
    /// Divides `a` by every value.
    public static func / (a: Scalar, b: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try b.combined(.divide, a, reversed: true)
    }
}

extension GPUSeries {
    /// Throws unless `other` has this series' length.
    func checkLength<Other: GPUSeriesScalar>(_ other: GPUSeries<Other>, _ operation: String)
        throws(GPUFrameError)
    {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
    }
}

/// The rows where both masks say present (nil when neither has a missing value).
func bothPresent(_ a: GPUArray<Bool>?, _ b: GPUArray<Bool>?) throws(GPUFrameError) -> GPUArray<Bool>? {
    switch (a, b) {
    case (let a?, let b?): try onGPU { () throws(GPUArrayError) in try GPUArrays.logicalAnd(a, b) }
    case (let a?, nil): a
    case (nil, let b?): b
    case (nil, nil): nil
    }
}
