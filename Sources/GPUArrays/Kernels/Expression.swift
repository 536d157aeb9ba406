/// The elementwise expression IR: one description from which both the CUDA C of a kernel and its
/// host body are generated, and in which a chain of elementwise calls can be fused into one kernel.
///
/// Leaves are array operands (`input`) and scalar kernel parameters (`parameter`), so that
/// `x * 2.0` and `x * 3.0` share one compiled kernel.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    case input(Int)
    case parameter(Int)
    case unary(UnaryOperation, Expression)
    case binary(BinaryOperation, Expression, Expression)
    /// `condition ? a : b`.
    case select(Expression, Expression, Expression)

    public var description: String {
        switch self {
        case .input(let index): "in\(index)"
        case .parameter(let index): "p\(index)"
        case .unary(let op, let a): "\(op.rawValue)(\(a))"
        case .binary(let op, let a, let b): "\(op.rawValue)(\(a), \(b))"
        case .select(let c, let a, let b): "where(\(c), \(a), \(b))"
        }
    }
}

/// Unary operations of the IR.
public enum UnaryOperation: String, Sendable, Hashable, CaseIterable {
    case negative, abs, sqrt, floor, ceil
    case exp, log, log2, log10, sin, cos, tan, arcsin, arccos, arctan, erf
    case logicalNot

    /// Whether the operation needs a floating-point operand.
    var needsFloatingPoint: Bool { !(self == .negative || self == .abs || self == .logicalNot) }
}

/// Binary operations of the IR.
public enum BinaryOperation: String, Sendable, Hashable, CaseIterable {
    case add, subtract, multiply, divide, power, minimum, maximum
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case logicalAnd, logicalOr, logicalXor

    /// Whether the result is `Bool` whatever the operands.
    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
        default: false
        }
    }

    var isLogical: Bool { self == .logicalAnd || self == .logicalOr || self == .logicalXor }
}

/// How a kernel reads an array operand for output element `i` of an output with `C` columns.
public enum Indexing: Hashable, Sendable {
    /// The operand has the output's shape: element `i`.
    case elementwise
    /// One value for every element: element 0.
    case scalar
    /// One row repeated down the output: element `i % C`.
    case row
    /// One column repeated across the output: element `i / C`.
    case column

    /// How an operand of matrix shape `operand` is read for an output of matrix shape `output`,
    /// shapes having already been checked to broadcast.
    static func of(_ operand: (rows: Int, columns: Int), for output: (rows: Int, columns: Int)) -> Indexing {
        switch (operand.rows == output.rows, operand.columns == output.columns) {
        case (true, true): .elementwise
        case (false, true): .row
        case (true, false): .column
        case (false, false): .scalar
        }
    }
}

/// An array operand of a kernel: its element type and how it is indexed.
public struct Operand: Hashable, Sendable {
    public let type: GPUDType
    public let indexing: Indexing

    public init(type: GPUDType, indexing: Indexing) {
        self.type = type
        self.indexing = indexing
    }
}

extension Expression {
    /// The element type the expression yields, given its operands' and parameters' types.
    func type(inputs: [Operand], parameters: [GPUDType]) -> GPUDType {
        switch self {
        case .input(let index): inputs[index].type
        case .parameter(let index): parameters[index]
        case .unary(let op, let a): op == .logicalNot ? .bool : a.type(inputs: inputs, parameters: parameters)
        case .binary(let op, let a, _):
            op.isComparison || op.isLogical ? .bool : a.type(inputs: inputs, parameters: parameters)
        case .select(_, let a, _): a.type(inputs: inputs, parameters: parameters)
        }
    }
}
