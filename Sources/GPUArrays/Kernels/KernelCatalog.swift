import Devices

/// Every kernel shape the library's functions generate: each elementwise operation for each element
/// type it accepts, with every combination of operands (arrays read elementwise, as rows, as
/// columns or as one scalar, and scalar parameters) that broadcasting can produce, and every
/// reduction in every mode. Tests compile them all with each compiler the project meets (clang with
/// CUDA stubs, the CUDA double, NVIDIA's NVRTC), so that no generated source reaches a GPU untried.
enum KernelCatalog {
    /// The kernels, without duplicates.
    static var all: [any Kernel] {
        var kernels: [String: any Kernel] = [:]
        func add(_ kernel: any Kernel) { kernels[kernel.name] = kernel }
        for type in [DType.float64, .float32, .int64, .int32] {
            for op in UnaryOperation.allCases where op.domain.contains(type) {
                elementwise(.unary(op, .input(0)), [type], add)
            }
            for op in BinaryOperation.allCases where op.domain.contains(type) {
                elementwise(.binary(op, .input(0), .input(1)), [type, type], add)
            }
            elementwise(.select(.input(0), .input(1), .input(2)), [.bool, type, type], arrays: [0], add)
            for op in [ReductionKernel.Operation.sum, .min, .max] {
                for mode in [ReductionKernel.Mode.partials, .final, .rows, .columns] {
                    add(ReductionKernel(operation: op, mode: mode, type: type))
                }
            }
        }
        elementwise(.unary(.logicalNot, .input(0)), [.bool], add)
        for op in BinaryOperation.allCases where op.isLogical {
            elementwise(.binary(op, .input(0), .input(1)), [.bool, .bool], add)
        }
        elementwise(.select(.input(0), .input(1), .input(2)), [.bool, .bool, .bool], arrays: [0], add)
        return kernels.keys.sorted().map { kernels[$0]! }
    }

    /// The operand forms of one position: an array with the output's shape, a row, a column or
    /// one element (matrix shapes against a 3×5 output), or a scalar parameter (nil).
    private static let forms: [(rows: Int, columns: Int)?] = [(3, 5), (1, 5), (3, 1), (1, 1), nil]

    /// Adds the kernel of `instruction` (whose operands are `.input(k)` for position k) for every
    /// combination of operand forms that has at least one array (positions in `arrays` are always
    /// arrays), indexing each array operand as the launcher does for the broadcast output.
    private static func elementwise(
        _ instruction: ElementwiseProgram.Instruction, _ types: [DType], arrays: Set<Int> = [],
        _ add: (any Kernel) -> Void
    ) {
        var combinations: [[(rows: Int, columns: Int)?]] = [[]]
        for position in types.indices {
            let allowed = arrays.contains(position) ? forms.filter { $0 != nil } : forms
            combinations = combinations.flatMap { prefix in allowed.map { prefix + [$0] } }
        }
        for combination in combinations where combination.contains(where: { $0 != nil }) {
            let arrays = combination.compactMap { $0 }
            let output = (rows: arrays.map(\.rows).max()!, columns: arrays.map(\.columns).max()!)
            var inputs: [DType] = []
            var indexing: [Indexing] = []
            var parameters: [DType] = []
            var leaves: [ElementwiseProgram.Value] = []
            for (form, type) in zip(combination, types) {
                if let form {
                    leaves.append(.input(inputs.count))
                    inputs.append(type)
                    indexing.append(Indexing.of(form, for: output))
                } else {
                    leaves.append(.parameter(parameters.count))
                    parameters.append(type)
                }
            }
            var program = ElementwiseProgram(inputs: inputs, parameters: parameters)
            program.output(try! program.append(instruction.substituting(leaves)))
            add(ElementwiseKernel(program: program, indexing: indexing))
        }
    }
}

extension ElementwiseProgram.Instruction {
    /// The instruction with `.input(k)` operands replaced by `leaves[k]`.
    func substituting(_ leaves: [ElementwiseProgram.Value]) -> ElementwiseProgram.Instruction {
        func substitute(_ value: ElementwiseProgram.Value) -> ElementwiseProgram.Value {
            if case .input(let index) = value { return leaves[index] }
            return value
        }
        return switch self {
        case .unary(let op, let a): .unary(op, substitute(a))
        case .binary(let op, let a, let b): .binary(op, substitute(a), substitute(b))
        case .select(let c, let a, let b): .select(substitute(c), substitute(a), substitute(b))
        }
    }
}
