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
        for type in [GPUDType.float64, .float32, .int64, .int32] {
            for op in UnaryOperation.allCases where accepts(op, type) {
                elementwise(.unary(op, .input(0)), [type], add)
            }
            for op in BinaryOperation.allCases where accepts(op, type) {
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

    /// Whether the library offers `op` on arrays of `type`.
    static func accepts(_ op: UnaryOperation, _ type: GPUDType) -> Bool {
        op == .logicalNot ? false : type.isFloatingPoint || !op.needsFloatingPoint
    }

    /// Whether the library offers `op` on arrays of `type`.
    static func accepts(_ op: BinaryOperation, _ type: GPUDType) -> Bool {
        if op.isLogical { return false }
        if op == .divide || op == .power { return type.isFloatingPoint }
        return true
    }

    /// The operand forms of one position: an array with the output's shape, a row, a column or
    /// one element (matrix shapes against a 3×5 output), or a scalar parameter (nil).
    private static let forms: [(rows: Int, columns: Int)?] = [(3, 5), (1, 5), (3, 1), (1, 1), nil]

    /// Adds the kernel of `expression` (whose leaves are `.input(k)` for position k) for every
    /// combination of operand forms that has at least one array (positions in `arrays` are always
    /// arrays), indexing each array operand as the launcher does for the broadcast output.
    private static func elementwise(
        _ expression: Expression, _ types: [GPUDType], arrays: Set<Int> = [],
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
            var inputs: [Operand] = []
            var parameters: [GPUDType] = []
            var leaves: [Expression] = []
            for (form, type) in zip(combination, types) {
                if let form {
                    leaves.append(.input(inputs.count))
                    inputs.append(Operand(type: type, indexing: Indexing.of(form, for: output)))
                } else {
                    leaves.append(.parameter(parameters.count))
                    parameters.append(type)
                }
            }
            add(
                ElementwiseKernel(
                    expression: expression.substituting(leaves), inputs: inputs, parameters: parameters))
        }
    }
}

extension Expression {
    /// The expression with `.input(k)` replaced by `leaves[k]`.
    func substituting(_ leaves: [Expression]) -> Expression {
        switch self {
        case .input(let index): leaves[index]
        case .parameter: self
        case .unary(let op, let a): .unary(op, a.substituting(leaves))
        case .binary(let op, let a, let b): .binary(op, a.substituting(leaves), b.substituting(leaves))
        case .select(let c, let a, let b):
            .select(c.substituting(leaves), a.substituting(leaves), b.substituting(leaves))
        }
    }
}
