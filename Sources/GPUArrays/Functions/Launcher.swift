import Devices

/// Launches elementwise kernels: broadcasts shapes, turns operands into kernel inputs and
/// parameters, allocates or checks the output, orders work across streams, and issues the launch.
enum Launcher {
    /// Computes the instruction `build(leaves)` elementwise over `operands` (each leaf an array
    /// input or a scalar parameter) into `out`, or into a new array in the context of the first
    /// array operand.
    static func run<Out: GPUScalar>(
        _ operation: String, _ operands: [ErasedOperand], into out: GPUArray<Out>? = nil,
        _ build: ([ElementwiseProgram.Value]) -> ElementwiseProgram.Instruction
    ) throws(GPUArrayError) -> GPUArray<Out> {
        try run(operation, operands, into: out) { program, leaves throws(ElementwiseProgramError) in
            try program.append(build(leaves))
        }
    }

    /// Writes the value `build(leaves)` (an operand itself, e.g. a parameter to fill with) into
    /// `out`, or into a new array.
    static func run<Out: GPUScalar>(
        _ operation: String, _ operands: [ErasedOperand], into out: GPUArray<Out>? = nil,
        _ build: ([ElementwiseProgram.Value]) -> ElementwiseProgram.Value
    ) throws(GPUArrayError) -> GPUArray<Out> {
        try run(operation, operands, into: out) { _, leaves in build(leaves) }
    }

    /// The general form: `build` appends to a program over the operands and returns its output.
    private static func run<Out: GPUScalar>(
        _ operation: String, _ operands: [ErasedOperand], into out: GPUArray<Out>?,
        program build: (inout ElementwiseProgram, [ElementwiseProgram.Value]) throws(ElementwiseProgramError)
            -> ElementwiseProgram.Value
    ) throws(GPUArrayError) -> GPUArray<Out> {
        var leaves: [ElementwiseProgram.Value] = []
        var inputs: [(Operand, KernelArgument, [Int], GPUContext)] = []
        var parameters: [(KernelArgument, DType)] = []
        for operand in operands {
            switch operand {
            case .array(let shape, let buffer, let byteOffset, let type, let context):
                leaves.append(.input(inputs.count))
                inputs.append(
                    (
                        Operand(type: type, indexing: .elementwise), .buffer(buffer, offset: byteOffset),
                        shape, context
                    ))
            case .scalar(let value, let type):
                leaves.append(.parameter(parameters.count))
                parameters.append((value, type))
            }
        }
        guard let context = GPUContext.current ?? out?.context ?? inputs.first?.3 else {
            throw .invalidArgument(
                operation: operation, expected: "at least one array operand", found: "scalars only")
        }
        let shapes = inputs.map(\.2) + (out.map { [$0.shape] } ?? [])
        let shape = try broadcastShape(operation, shapes)
        if let out, out.shape != shape {
            throw .shapeMismatch(
                operation: operation, expected: "out: of shape \(describe(shape))", found: describe(out.shape)
            )
        }
        let result: GPUArray<Out>
        if let out { result = out } else { result = try GPUArray<Out>(empty: shape, in: context) }
        let others = inputs.map(\.3) + (out.map { [$0.context] } ?? [])
        let output = result.matrixShape
        var program = ElementwiseProgram(inputs: inputs.map(\.0.type), parameters: parameters.map(\.1))
        do {
            program.output(try build(&program, leaves))
        } catch {
            throw .invalidArgument(
                operation: operation, expected: "operands the operation accepts", found: "\(error)")
        }
        precondition(
            program.outputTypes == [Out.gpuType],
            "\(operation): kernel yields \(program.outputTypes), expected \(Out.gpuType)")
        let kernel = ElementwiseKernel(
            program: program, indexing: inputs.map { Indexing.of(matrixShape($0.2), for: output) })
        if result.count == 0 { return result }
        let (buffer, byteOffset) = result.buffer
        let arguments =
            inputs.map(\.1) + parameters.map(\.0) + [
                .buffer(buffer, offset: byteOffset), .int64(Int64(output.columns)),
            ]
        try onDevice { () throws(DeviceError) in
            try context.order(after: others)
            try context.device.launch(kernel, count: result.count, arguments: arguments, on: context.stream)
        }
        return result
    }
}

/// A shape as a matrix: `[n]` is one row of n columns.
func matrixShape(_ shape: [Int]) -> (rows: Int, columns: Int) {
    switch shape.count {
    case 0: (1, 1)
    case 1: (1, shape[0])
    default: (shape[0], shape[1])
    }
}

/// NumPy's broadcasting rule for ranks 0 to 2: shapes align on their last axis and each axis
/// must agree or be 1.
func broadcastShape(_ operation: String, _ shapes: [[Int]]) throws(GPUArrayError) -> [Int] {
    let rank = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: rank)
    for shape in shapes {
        for (axis, length) in shape.enumerated() {
            let target = axis + rank - shape.count
            if result[target] == 1 {
                result[target] = length
            } else if length != 1 && length != result[target] {
                throw .shapeMismatch(
                    operation: operation,
                    expected: "shapes that broadcast together (equal or 1 along each axis)",
                    found: shapes.map(describe).joined(separator: " and "))
            }
        }
    }
    return result
}
