import GPUArrays
import NDArrays

/// An elementwise operation of the shared vocabulary as BachNumeric annotates it: a unary or
/// binary operation, or NumPy's `where`. It is the whole description of an elementwise call (the
/// CPU side applies the NDArrays ufunc of that name, the GPU side the GPUArrays kernel) and the
/// step a fused group is made of.
public enum ElementwiseOperation: Hashable, Sendable, CustomStringConvertible {
    case unary(UnaryOperation)
    case binary(BinaryOperation)
    /// `where(condition, a, b)`.
    case select

    /// Every operation: the vocabulary's unary and binary operations, and `where`.
    public static var all: [ElementwiseOperation] {
        UnaryOperation.allCases.map(ElementwiseOperation.unary)
            + BinaryOperation.allCases.map(ElementwiseOperation.binary)
            + [.select]
    }

    /// NumPy's name.
    public var name: String {
        switch self {
        case .unary(let op): op.rawValue
        case .binary(let op): op.rawValue
        case .select: "where"
        }
    }

    public var description: String { name }

    /// The number of operands.
    public var arity: Int {
        switch self {
        case .unary: 1
        case .binary: 2
        case .select: 3
        }
    }

    /// The instruction computing the operation of `operands`.
    func instruction(_ operands: [ElementwiseProgram.Value]) -> ElementwiseProgram.Instruction {
        switch self {
        case .unary(let op): .unary(op, operands[0])
        case .binary(let op): .binary(op, operands[0], operands[1])
        case .select: .select(operands[0], operands[1], operands[2])
        }
    }

    /// The NDArrays ufunc of the operation.
    func host(_ operands: [AnyNDArray]) throws -> AnyNDArray {
        switch self {
        case .unary(let op): try NDArrays.apply(op, operands[0])
        case .binary(let op): try NDArrays.apply(op, operands[0], operands[1])
        case .select: try NDArrays.select(operands[0], operands[1], operands[2])
        }
    }

    /// The NDArrays ufunc of the operation written into `out`.
    func host(_ operands: [AnyNDArray], out: inout AnyNDArray) throws {
        switch self {
        case .unary(let op): try NDArrays.apply(op, operands[0], out: &out)
        case .binary(let op): try NDArrays.apply(op, operands[0], operands[1], out: &out)
        case .select: try NDArrays.select(operands[0], operands[1], operands[2], out: &out)
        }
    }
}
