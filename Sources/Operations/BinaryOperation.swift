/// The binary elementwise operations, with NumPy's names (see `UnaryOperation` for why there is one
/// list). Comparisons and logical operations yield `bool`; the others yield the operands' type.
public enum BinaryOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case add, subtract, multiply, divide, power, minimum, maximum
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case logicalAnd, logicalOr, logicalXor

    /// The element types the operands may have (both the same).
    public var domain: Domain {
        switch self {
        case .divide, .power: .floatingPoint
        case .logicalAnd, .logicalOr, .logicalXor: .boolean
        default: .numeric
        }
    }

    /// Whether the operation compares its operands.
    public var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
        default: false
        }
    }

    /// Whether the operation combines `bool` operands.
    public var isLogical: Bool { domain == .boolean }

    /// Whether the operation is arithmetic (its result has the operands' type).
    public var isArithmetic: Bool { !isComparison && !isLogical }

    /// The result's element type for operands of `type`.
    public func resultType(_ type: DType) -> DType {
        isArithmetic ? type : .bool
    }

    public var description: String { rawValue }
}
