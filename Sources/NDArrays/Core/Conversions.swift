// Conversions between element types through `ScalarValue` (see `NDArray.astype`).

extension NDFloatingPoint {
    public var _value: ScalarValue { .floating(Double(self)) }

    public init(_ value: ScalarValue) {
        switch value {
        case .floating(let x): self.init(x)
        case .integer(let x): self.init(Double(x))
        case .boolean(let x): self = x ? 1 : 0
        }
    }
}

extension NDNumeric where Self: FixedWidthInteger & SignedInteger & SIMDScalar {
    public var _value: ScalarValue { .integer(Int64(self)) }

    public init(_ value: ScalarValue) {
        switch value {
        case .floating(let x):
            let truncated = x.rounded(.towardZero)
            guard let exact = Self(exactly: truncated) else {
                fatalError("astype: \(x) has no \(Self.dtype) value (expected a finite number in range)")
            }
            self = exact
        case .integer(let x): self.init(truncatingIfNeeded: x)
        case .boolean(let x): self = x ? 1 : 0
        }
    }
}

extension Bool {
    public var _value: ScalarValue { .boolean(self) }

    public init(_ value: ScalarValue) {
        switch value {
        case .floating(let x): self = x != 0
        case .integer(let x): self = x != 0
        case .boolean(let x): self = x
        }
    }
}
