/// An elementwise computation in single-assignment form: instructions over array inputs and scalar
/// parameters, with any of their values as outputs. It is the one description from which GPUArrays
/// generates a kernel's CUDA C and its host body, and which NDArrays evaluates chunk by chunk: a
/// chain of calls fused into one pass over memory.
///
/// ```swift
/// var program = ElementwiseProgram(inputs: [.float64], parameters: [.float64])
/// let e = try program.append(.unary(.exp, .input(0)))
/// let y = try program.append(.binary(.multiply, e, .parameter(0)))
/// program.output(y)          // y[i] = exp(x[i]) * p
/// ```
public struct ElementwiseProgram: Hashable, Sendable, CustomStringConvertible {
    /// A value an instruction reads: an array input, a scalar parameter, or an earlier result.
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case input(Int)
        case parameter(Int)
        case result(Int)

        public var description: String {
            switch self {
            case .input(let index): "in\(index)"
            case .parameter(let index): "p\(index)"
            case .result(let index): "t\(index)"
            }
        }
    }

    /// One step.
    public enum Instruction: Hashable, Sendable, CustomStringConvertible {
        case unary(UnaryOperation, Value)
        case binary(BinaryOperation, Value, Value)
        /// `condition ? a : b` (NumPy's `where`).
        case select(Value, Value, Value)

        /// The values the instruction reads.
        public var operands: [Value] {
            switch self {
            case .unary(_, let a): [a]
            case .binary(_, let a, let b): [a, b]
            case .select(let c, let a, let b): [c, a, b]
            }
        }

        public var description: String {
            switch self {
            case .unary(let op, let a): "\(op)(\(a))"
            case .binary(let op, let a, let b): "\(op)(\(a), \(b))"
            case .select(let c, let a, let b): "where(\(c), \(a), \(b))"
            }
        }
    }

    /// The element types of the array inputs.
    public let inputs: [DType]
    /// The element types of the scalar parameters.
    public private(set) var parameters: [DType]
    /// The instructions, each reading only inputs, parameters and earlier results.
    public private(set) var instructions: [Instruction] = []
    /// The element type of each instruction's result.
    public private(set) var resultTypes: [DType] = []
    /// The values written out, in order.
    public private(set) var outputs: [Value] = []

    /// An empty program over inputs and parameters of the given types.
    public init(inputs: [DType], parameters: [DType] = []) {
        self.inputs = inputs
        self.parameters = parameters
    }

    /// Adds a scalar parameter of `type` and returns it.
    public mutating func addParameter(_ type: DType) -> Value {
        parameters.append(type)
        return .parameter(parameters.count - 1)
    }

    /// The element type of `value`.
    public func type(of value: Value) -> DType {
        switch value {
        case .input(let index): inputs[index]
        case .parameter(let index): parameters[index]
        case .result(let index): resultTypes[index]
        }
    }

    /// Appends `instruction` and returns its result. Throws when an operand does not exist yet or
    /// the operand types do not suit the operation.
    @discardableResult
    public mutating func append(_ instruction: Instruction) throws(ElementwiseProgramError) -> Value {
        for operand in instruction.operands {
            let valid =
                switch operand {
                case .input(let index): inputs.indices.contains(index)
                case .parameter(let index): parameters.indices.contains(index)
                case .result(let index): resultTypes.indices.contains(index)
                }
            guard valid else { throw .unknownValue("\(operand) in \(instruction)") }
        }
        let resultType: DType
        switch instruction {
        case .unary(let op, let a):
            let type = self.type(of: a)
            guard op.domain.contains(type) else { throw .typeMismatch(operation: "\(op)", found: [type]) }
            resultType = type
        case .binary(let op, let a, let b):
            let (x, y) = (type(of: a), type(of: b))
            guard x == y, op.domain.contains(x) else {
                throw .typeMismatch(operation: "\(op)", found: [x, y])
            }
            resultType = op.resultType(x)
        case .select(let c, let a, let b):
            let (condition, x, y) = (type(of: c), type(of: a), type(of: b))
            guard condition == .bool, x == y else {
                throw .typeMismatch(operation: "where", found: [condition, x, y])
            }
            resultType = x
        }
        instructions.append(instruction)
        resultTypes.append(resultType)
        return .result(instructions.count - 1)
    }

    /// Marks `value` as the next output.
    public mutating func output(_ value: Value) {
        outputs.append(value)
    }

    /// The element types of the outputs.
    public var outputTypes: [DType] { outputs.map(type(of:)) }

    /// The program without the instructions no output depends on (same inputs, parameters and
    /// outputs; results renumbered).
    public var pruned: ElementwiseProgram {
        var live = [Bool](repeating: false, count: instructions.count)
        for case .result(let index) in outputs { live[index] = true }
        for index in instructions.indices.reversed() where live[index] {
            for case .result(let source) in instructions[index].operands { live[source] = true }
        }
        if !live.contains(false) { return self }
        var renumbered = [Int?](repeating: nil, count: instructions.count)
        var result = ElementwiseProgram(inputs: inputs, parameters: parameters)
        func map(_ value: Value) -> Value {
            if case .result(let index) = value { return .result(renumbered[index]!) }
            return value
        }
        for (index, instruction) in instructions.enumerated() where live[index] {
            let rewritten: Instruction =
                switch instruction {
                case .unary(let op, let a): .unary(op, map(a))
                case .binary(let op, let a, let b): .binary(op, map(a), map(b))
                case .select(let c, let a, let b): .select(map(c), map(a), map(b))
                }
            result.instructions.append(rewritten)
            result.resultTypes.append(resultTypes[index])
            renumbered[index] = result.instructions.count - 1
        }
        result.outputs = outputs.map(map)
        return result
    }

    /// For each instruction, the index of the last instruction reading its result (`Int.max` when
    /// an output reads it; nil when nothing does): what an evaluator needs to reuse scratch space.
    public var lastUses: [Int?] {
        var last = [Int?](repeating: nil, count: instructions.count)
        for (index, instruction) in instructions.enumerated() {
            for case .result(let source) in instruction.operands { last[source] = index }
        }
        for case .result(let source) in outputs { last[source] = Int.max }
        return last
    }

    public var description: String {
        let head =
            "("
            + (inputs.enumerated().map { "in\($0.offset): \($0.element)" }
            + parameters.enumerated().map { "p\($0.offset): \($0.element)" }).joined(separator: ", ") + ")"
        let body = instructions.enumerated().map { "t\($0.offset) = \($0.element)" }.joined(separator: "; ")
        return "\(head) { \(body) } -> (\(outputs.map(\.description).joined(separator: ", ")))"
    }
}

/// Why an instruction cannot be added to an `ElementwiseProgram`.
public enum ElementwiseProgramError: Error, Equatable, CustomStringConvertible {
    /// An operand refers to an input, parameter or result that does not exist.
    case unknownValue(String)
    /// The operands' types do not suit the operation.
    case typeMismatch(operation: String, found: [DType])

    public var description: String {
        switch self {
        case .unknownValue(let what): "expected operands defined earlier, found \(what)"
        case .typeMismatch(let operation, let found):
            "\(operation): expected operands of one type the operation accepts, found "
                + found.map(\.rawValue).joined(separator: " and ")
        }
    }
}
