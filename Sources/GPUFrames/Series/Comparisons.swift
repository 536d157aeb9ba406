import GPUArrays

// Elementwise comparisons on the device, yielding `GPUSeries<Bool>` without missing values, as
// Frames' do: a comparison with a missing value is false, except `!=`, which is true (for floating
// point, IEEE 754 comparisons of NaN give exactly that). Logical operations of boolean series
// propagate missing values.

extension GPUSeries where Scalar: GPUNumeric {
    /// `self[i] op value`, false where `self[i]` is missing (true for `.notEqual`); throws unless
    /// `op` is a comparison.
    public func compare(_ op: BinaryOperation, _ value: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try checkComparison(op)
        let result = try onGPU { () throws(GPUArrayError) in
            try GPUArrays.apply(op, values, value, as: Bool.self)
        }
        return GPUSeries<Bool>(unchecked: name, try adjusted(op, result, validity), nil)
    }

    /// `self[i] op other[i]`, false where either is missing (true for `.notEqual`); throws when the
    /// lengths differ or `op` is not a comparison.
    public func compare(_ op: BinaryOperation, _ other: GPUSeries) throws(GPUFrameError) -> GPUSeries<Bool> {
        try checkComparison(op)
        try checkLength(other, "compare(\(op))")
        let result = try onGPU { () throws(GPUArrayError) in
            try GPUArrays.apply(op, values, other.values, as: Bool.self)
        }
        let present = try bothPresent(validity, other.validity)
        return GPUSeries<Bool>(unchecked: name, try adjusted(op, result, present), nil)
    }

    private func checkComparison(_ op: BinaryOperation) throws(GPUFrameError) {
        guard op.isComparison else {
            throw .invalidArgument(operation: "compare", expected: "a comparison", found: "\(op)")
        }
    }

    /// Makes rows that are not present false (true for `!=`).
    private func adjusted(_ op: BinaryOperation, _ result: GPUArray<Bool>, _ present: GPUArray<Bool>?)
        throws(GPUFrameError) -> GPUArray<Bool>
    {
        guard let present else { return result }
        return try onGPU { () throws(GPUArrayError) in
            op == .notEqual
                ? try GPUArrays.logicalOr(result, GPUArrays.logicalNot(present))
                : try GPUArrays.logicalAnd(result, present)
        }
    }

    /// Values less than `b`.
    public static func < (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.less, b)
    }
    /// Values at most `b`.
    public static func <= (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.lessEqual, b)
    }
    /// Values greater than `b`.
    public static func > (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.greater, b)
    }
    /// Values at least `b`.
    public static func >= (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.greaterEqual, b)
    }
    /// Values equal to `b`.
    public static func == (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.equal, b)
    }
    /// Values other than `b` (missing values included).
    public static func != (a: GPUSeries, b: Scalar) throws(GPUFrameError) -> GPUSeries<Bool> {
        try a.compare(.notEqual, b)
    }
}

extension GPUSeries where Scalar == Bool {
    /// Rows where both are true; a missing operand gives a missing result.
    public func and(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try logical(.logicalAnd, other)
    }

    /// Rows where either is true; a missing operand gives a missing result.
    public func or(_ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try logical(.logicalOr, other)
    }

    /// Negation; missing values stay missing.
    public func not() throws(GPUFrameError) -> GPUSeries {
        GPUSeries(
            unchecked: name, try onGPU { () throws(GPUArrayError) in try GPUArrays.logicalNot(values) },
            validity)
    }

    private func logical(_ op: BinaryOperation, _ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try checkLength(other, op.rawValue)
        let values = try onGPU { () throws(GPUArrayError) in
            try GPUArrays.apply(op, self.values, other.values, as: Bool.self)
        }
        return GPUSeries(unchecked: name, values, try bothPresent(validity, other.validity))
    }

    /// `and` (pandas' `&`).
    public static func & (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries { try a.and(b) }
    /// `or` (pandas' `|`).
    public static func | (a: GPUSeries, b: GPUSeries) throws(GPUFrameError) -> GPUSeries { try a.or(b) }
}
