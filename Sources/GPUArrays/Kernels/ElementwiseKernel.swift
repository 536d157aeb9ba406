import Devices

/// A generated elementwise kernel: an expression over array operands and scalar parameters,
/// written to an output array. Its name is a hash of its description, so equal kernels share one
/// compiled module in a device's cache.
public struct ElementwiseKernel: Kernel, Hashable {
    public let expression: Expression
    public let inputs: [Operand]
    public let parameters: [GPUDType]
    public let output: GPUDType
    /// The entry point: a hash of the description, computed once (it is read at every launch).
    public let name: String

    public init(expression: Expression, inputs: [Operand], parameters: [GPUDType]) {
        self.expression = expression
        self.inputs = inputs
        self.parameters = parameters
        self.output = expression.type(inputs: inputs, parameters: parameters)
        let operands = inputs.map { "\($0.type.rawValue):\($0.indexing)" }.joined(separator: ",")
        let signature = "\(expression)|\(operands)|\(parameters.map(\.rawValue).joined(separator: ","))"
        name = "nd_elementwise_" + fnv1a(signature)
    }

    public var cudaSource: String {
        CUDASource.elementwise(
            name: name, expression: expression, inputs: inputs, parameters: parameters, output: output)
    }

    public func runOnHost(_ arguments: [KernelArgument], count: Int) {
        HostEvaluator(expression: expression, inputs: inputs, parameters: parameters, output: output)
            .run(arguments, count: count)
    }
}

/// The 64-bit FNV-1a hash of `text`, as 16 hex digits.
func fnv1a(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
