import Devices

/// A generated elementwise kernel: an `ElementwiseProgram` over array operands (each read
/// elementwise or broadcast) and scalar parameters, writing one output array per program output.
/// Its name is a hash of its description, so equal kernels share one compiled module.
///
/// Kernel parameters, in order: the inputs, the parameters, the outputs, the output's column count
/// (for broadcast operands), and the element count the device appends.
public struct ElementwiseKernel: Kernel, Hashable {
    public let program: ElementwiseProgram
    /// The program's array inputs with how each is indexed.
    public let inputs: [Operand]
    /// The entry point: a hash of the description, computed once (it is read at every launch).
    public let name: String

    /// The kernel of `program` (less the instructions no output needs) with its inputs indexed as
    /// `indexing` says (one entry per input).
    public init(program: ElementwiseProgram, indexing: [Indexing]) {
        precondition(
            indexing.count == program.inputs.count,
            "ElementwiseKernel: \(indexing.count) indexings for \(program.inputs.count) inputs")
        self.program = program.pruned
        inputs = zip(program.inputs, indexing).map { Operand(type: $0, indexing: $1) }
        let operands = inputs.map { "\($0.type.rawValue):\($0.indexing)" }.joined(separator: ",")
        name = "nd_elementwise_" + fnv1a("\(program)|\(operands)")
    }

    public var cudaSource: String {
        CUDASource.elementwise(name: name, program: program, inputs: inputs)
    }

    public func runOnHost(_ arguments: [KernelArgument], count: Int) {
        HostEvaluator(program: program, inputs: inputs).run(arguments, count: count)
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
