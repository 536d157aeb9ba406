import Devices

/// Evaluates `program` elementwise over `inputs` (shapes broadcast as NumPy broadcasts) and the
/// scalar `parameters`, in one kernel launch that writes every output once: the role of CuPy's
/// `ElementwiseKernel` and `cupy.fuse`. Intermediate values live in registers, never in device
/// memory. Outputs are new arrays in the current context (`GPUContext.current`) or the first
/// input's.
///
/// ```swift
/// var program = ElementwiseProgram(inputs: [.float64, .float64])
/// let sum = try program.append(.binary(.add, .input(0), .input(1)))
/// program.output(try program.append(.unary(.sqrt, sum)))
/// let [root] = try evaluate(program, inputs: [AnyGPUArray(a), AnyGPUArray(b)], parameters: [])
/// ```
/// `fuse` builds the program from ordinary-looking code instead.
public func evaluate(
    _ program: ElementwiseProgram, inputs: [AnyGPUArray], parameters: [ScalarValue],
    into outputs: [AnyGPUArray]? = nil
) throws(GPUArrayError) -> [AnyGPUArray] {
    guard inputs.map(\.dtype) == program.inputs, !inputs.isEmpty || outputs?.isEmpty == false else {
        throw .invalidArgument(
            operation: "evaluate",
            expected:
                "inputs of types \(program.inputs.map(\.rawValue)) (at least one array, input or output)",
            found: "\(inputs.map(\.dtype.rawValue))")
    }
    guard parameters.count == program.parameters.count else {
        throw .invalidArgument(
            operation: "evaluate", expected: "\(program.parameters.count) parameters",
            found: "\(parameters.count)")
    }
    let operands = inputs.map(\.erased)
    var contexts: [GPUContext] = []
    for case .array(_, _, _, _, let context) in operands + (outputs ?? []).map(\.erased) {
        contexts.append(context)
    }
    let context = GPUContext.current ?? contexts[0]
    let shape = try broadcastShape("evaluate", inputs.map(\.shape) + (outputs ?? []).map(\.shape))
    let kernel = try ElementwiseKernel.broadcasting(
        program, inputShapes: inputs.map(\.shape), outputShape: shape)
    if let outputs {
        guard outputs.map(\.dtype) == program.outputTypes, outputs.allSatisfy({ $0.shape == shape }) else {
            throw .shapeMismatch(
                operation: "evaluate",
                expected: "out: of shape \(describe(shape)) and types \(program.outputTypes.map(\.rawValue))",
                found: outputs.map { "\(describe($0.shape)) \($0.dtype)" }.joined(separator: ", "))
        }
    }
    var written: [AnyGPUArray] = outputs ?? []
    if outputs == nil {
        for type in program.outputTypes {
            written.append(try AnyGPUArray(empty: shape, of: type, in: context))
        }
    }
    let outputs = written
    let count = shape.reduce(1, *)
    if count == 0 { return outputs }
    var arguments: [KernelArgument] = []
    for case .array(_, let buffer, let byteOffset, _, _) in operands {
        arguments.append(.buffer(buffer, offset: byteOffset))
    }
    arguments += zip(parameters, program.parameters).map { $0.kernelArgument(as: $1) }
    for case .array(_, let buffer, let byteOffset, _, _) in outputs.map(\.erased) {
        arguments.append(.buffer(buffer, offset: byteOffset))
    }
    arguments.append(.int64(Int64(matrixShape(shape).columns)))
    try onDevice { () throws(DeviceError) in
        try context.order(after: contexts)
        try context.device.launch(kernel, count: count, arguments: arguments, on: context.stream)
    }
    return outputs
}

extension ElementwiseKernel {
    /// The kernel that evaluates `program` over inputs of `inputShapes`, each indexed as
    /// broadcasting to `outputShape` (by default their common shape) says: what `evaluate`
    /// launches, for compiling ahead.
    public static func broadcasting(
        _ program: ElementwiseProgram, inputShapes: [[Int]], outputShape: [Int]? = nil
    ) throws(GPUArrayError) -> ElementwiseKernel {
        let output = matrixShape(
            try broadcastShape("evaluate", inputShapes + (outputShape.map { [$0] } ?? [])))
        return ElementwiseKernel(
            program: program, indexing: inputShapes.map { Indexing.of(matrixShape($0), for: output) })
    }
}

extension ScalarValue {
    /// The value as a kernel parameter of `type`.
    func kernelArgument(as type: DType) -> KernelArgument {
        let number: Double
        switch self {
        case .floating(let x): number = x
        case .integer(let x):
            switch type {
            case .int64: return .int64(x)
            case .int32: return .int32(Int32(truncatingIfNeeded: x))
            default: number = Double(x)
            }
        case .boolean(let x): number = x ? 1 : 0
        }
        return switch type {
        case .float64: .float64(number)
        case .float32: .float32(Float(number))
        case .int64: .int64(Int64(number))
        case .int32: .int32(Int32(number))
        case .bool: .int32(number != 0 ? 1 : 0)
        }
    }
}
