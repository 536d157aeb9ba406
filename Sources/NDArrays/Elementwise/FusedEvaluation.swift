/// Evaluates `program` elementwise over `inputs` (shapes broadcast as NumPy broadcasts) and
/// `parameters`, in one pass over memory: numexpr's role for NumPy. Each thread takes a run of
/// elements and sends it through every instruction in blocks small enough to stay in the L1 cache,
/// so intermediate values never travel to memory; each output is written once.
///
/// Every instruction runs the same kernel as the ufunc of the same name, so results are bitwise
/// equal to calling the ufuncs one after another.
///
/// ```swift
/// var program = ElementwiseProgram(inputs: [.float64], parameters: [.float64])
/// let scaled = try program.append(.binary(.multiply, .input(0), .parameter(0)))
/// program.output(try program.append(.unary(.exp, scaled)))
/// let [y] = try evaluate(program, inputs: [AnyNDArray(x)], parameters: [.floating(0.5)])  // exp(x * 0.5)
/// ```
/// - Complexity: O(n × instructions), with O(instructions) scratch per thread.
public func evaluate(
    _ program: ElementwiseProgram, inputs: [AnyNDArray], parameters: [ScalarValue]
) throws(NDArrayError) -> [AnyNDArray] {
    try evaluate(program, inputs: inputs, parameters: parameters, into: program.outputs.map { _ in nil })
        .map { $0! }
}

/// `evaluate` writing each output that has a destination straight into that memory (which must
/// hold as many elements of the output's type as the broadcast shape has, and stay valid during
/// the call): for callers assembling a larger result, so that the values are written once. Returns
/// the outputs without a destination as new arrays (nil for the others).
public func evaluate(
    _ program: ElementwiseProgram, inputs: [AnyNDArray], parameters: [ScalarValue],
    into destinations: [UnsafeMutableRawBufferPointer?]
) throws(NDArrayError) -> [AnyNDArray?] {
    guard inputs.map(\.dtype) == program.inputs else {
        throw .invalidArgument(
            operation: "evaluate", expected: "inputs of types \(program.inputs.map(\.rawValue))",
            found: "\(inputs.map(\.dtype.rawValue))")
    }
    guard parameters.count == program.parameters.count, destinations.count == program.outputs.count else {
        throw .invalidArgument(
            operation: "evaluate",
            expected: "\(program.parameters.count) parameters and \(program.outputs.count) destinations",
            found: "\(parameters.count) and \(destinations.count)")
    }
    let shape = try broadcastShapes(inputs.map(\.shape), operation: "evaluate")
    let count = shape.reduce(1, *)
    var outputs: [AnyNDArray?] = []
    var pointers: [UnsafeMutableRawPointer] = []
    for (type, destination) in zip(program.outputTypes, destinations) {
        if let destination, let base = destination.baseAddress {
            guard destination.count >= count * type.size else {
                throw .invalidArgument(
                    operation: "evaluate", expected: "a destination of \(count * type.size) bytes",
                    found: "\(destination.count)")
            }
            outputs.append(nil)
            pointers.append(base)
        } else {
            let (array, base) = AnyNDArray.uninitialized(type, shape)
            outputs.append(array)
            pointers.append(base)
        }
    }
    FusedEvaluator(program: program, inputs: inputs.map(\.input), parameters: parameters, shape: shape)
        .run(into: pointers)
    return outputs
}

/// One fused evaluation: the program compiled for the block loop (operands as indices into one
/// table of current values, scratch slots from the program's liveness), its inputs laid out for
/// broadcasting, and its parameters in memory. Nothing is allocated per block.
struct FusedEvaluator {
    let program: ElementwiseProgram
    let inputs: [ElementwiseInput]
    let parameters: [ScalarValue]
    let shape: [Int]

    /// Elements sent through the program at a time: with up to eight live 8-byte values this stays
    /// within a 32 KiB L1 data cache.
    static let block = 512

    /// A value for the current block: its first element and stride (1, or 0 for one value).
    struct Source {
        var pointer: UnsafeRawPointer
        var stride: Int
    }

    /// One instruction as the block loop runs it.
    struct Step {
        let instruction: ElementwiseProgram.Instruction
        /// Where the operands are in the table of current values (the first repeated for the
        /// operands an instruction does not have), held inline so that the block loop copies no
        /// reference-counted storage.
        let operands: (Int, Int, Int)
        /// The type of the operands combined (for `where`, of the values chosen between).
        let operandType: DType
        let resultSize: Int
        /// The program output it is written to directly, if any.
        let output: Int?
        /// Its scratch slot when it is not written to an output (or is a broadcast value).
        let slot: Int
    }

    /// Runs the program over every element, writing the outputs at `outputs`.
    func run(into outputs: [UnsafeMutableRawPointer]) {
        let count = shape.reduce(1, *)
        let columns = shape.count == 2 ? shape[1] : (shape.first ?? 1)
        let output = (rows: shape.count == 2 ? shape[0] : 1, columns: columns)
        let layout = inputs.map { input in
            (
                base: input.base, size: input.elementSize,
                rowStride: input.matrixShape.rows == 1 || output.rows == 1 ? 0 : input.matrixShape.columns,
                columnStride: input.matrixShape.columns == 1 ? 0 : 1
            )
        }
        let (steps, slots) = compile()
        let constants = ParameterStorage(parameters, types: program.parameters)
        let results = inputs.count + parameters.count
        let outputValues = program.outputs.map { tableIndex($0) }
        let outputSizes = program.outputTypes.map(\.size)
        let grain = program.instructions.contains(where: \.isCostly) ? Grain.costly : Grain.cheap
        let shared = UncheckedSendable((outputs, steps, layout, outputValues, outputSizes))
        withExtendedLifetime((inputs, constants)) {
            Parallelism.forEachChunk(count, grain: grain / Swift.max(1, program.instructions.count)) {
                chunk in
                let (outputs, steps, layout, outputValues, outputSizes) = shared.value
                let scratch = UnsafeMutableRawPointer.allocate(
                    byteCount: Swift.max(1, slots) * Self.block * 8, alignment: 64)
                defer { scratch.deallocate() }
                let table = UnsafeMutableBufferPointer<Source>.allocate(capacity: results + steps.count)
                defer { table.deallocate() }
                for (index, pointer) in constants.pointers.enumerated() {
                    table[layout.count + index] = Source(pointer: pointer, stride: 0)
                }
                var index = chunk.lowerBound
                while index < chunk.upperBound {
                    let (row, column) = (index / columns, index % columns)
                    let length = Swift.min(columns - column, chunk.upperBound - index, Self.block)
                    for (input, place) in layout.enumerated() {
                        table[input] = Source(
                            pointer: place.base + (row * place.rowStride + column * place.columnStride)
                                * place.size,
                            stride: place.columnStride)
                    }
                    for number in steps.indices {
                        let step = steps[number]
                        let a = table[step.operands.0]
                        let b = table[step.operands.1]
                        let c = table[step.operands.2]
                        let broadcast = a.stride == 0 && b.stride == 0 && c.stride == 0
                        let target: UnsafeMutableRawPointer =
                            if let output = step.output, !broadcast {
                                outputs[output] + index * step.resultSize
                            } else {
                                scratch + step.slot * Self.block * 8
                            }
                        FusedKernels.run(
                            step.instruction, a, b, c, type: step.operandType, into: target,
                            count: broadcast ? 1 : length)
                        table[results + number] = Source(
                            pointer: UnsafeRawPointer(target), stride: broadcast ? 0 : 1)
                    }
                    for (output, value) in outputValues.enumerated() {
                        let source = table[value]
                        let size = outputSizes[output]
                        let target = outputs[output] + index * size
                        if source.stride == 1 {
                            if source.pointer != UnsafeRawPointer(target) {
                                target.copyMemory(from: source.pointer, byteCount: length * size)
                            }
                        } else {
                            for element in 0..<length {
                                (target + element * size).copyMemory(from: source.pointer, byteCount: size)
                            }
                        }
                    }
                    index += length
                }
            }
        }
    }

    /// Where `value` is in the table of current values: inputs, then parameters, then results.
    private func tableIndex(_ value: ElementwiseProgram.Value) -> Int {
        switch value {
        case .input(let index): index
        case .parameter(let index): inputs.count + index
        case .result(let index): inputs.count + parameters.count + index
        }
    }

    /// The steps, with a scratch slot for every instruction (reused once the value's last reader
    /// has run; instructions written to an output keep a slot of their own for when their operands
    /// are all broadcast), and how many slots there are.
    private func compile() -> (steps: [Step], slots: Int) {
        let lastUses = program.lastUses
        var outputOf = [Int?](repeating: nil, count: program.instructions.count)
        for (output, value) in program.outputs.enumerated() {
            if case .result(let index) = value, outputOf[index] == nil { outputOf[index] = output }
        }
        var free: [Int] = []
        var used = 0
        var slots = [Int](repeating: 0, count: program.instructions.count)
        var steps: [Step] = []
        for (index, instruction) in program.instructions.enumerated() {
            if outputOf[index] == nil, let slot = free.popLast() {
                slots[index] = slot
            } else {
                slots[index] = used
                used += 1
            }
            var released = Set<Int>()
            for case .result(let source) in instruction.operands where lastUses[source] == index {
                if outputOf[source] == nil, released.insert(source).inserted { free.append(slots[source]) }
            }
            let operands = instruction.operands
            let places = operands.map(tableIndex)
            steps.append(
                Step(
                    instruction: instruction,
                    operands: (
                        places[0], places.count > 1 ? places[1] : places[0],
                        places.count > 2 ? places[2] : places[0]
                    ),
                    operandType: program.type(of: operands[operands.count - 1]),
                    resultSize: program.resultTypes[index].size, output: outputOf[index], slot: slots[index]))
        }
        return (steps, used)
    }
}

/// Typed scalars for the parameters of one evaluation.
final class ParameterStorage: @unchecked Sendable {
    let memory: UnsafeMutableRawPointer
    let pointers: [UnsafeRawPointer]

    init(_ values: [ScalarValue], types: [DType]) {
        memory = .allocate(byteCount: Swift.max(1, values.count) * 8, alignment: 8)
        var pointers: [UnsafeRawPointer] = []
        for (index, (value, type)) in zip(values, types).enumerated() {
            let slot = memory + index * 8
            switch type {
            case .float64: slot.storeBytes(of: Double(value), as: Double.self)
            case .float32: slot.storeBytes(of: Float(value), as: Float.self)
            case .int64: slot.storeBytes(of: Int64(value), as: Int64.self)
            case .int32: slot.storeBytes(of: Int32(value), as: Int32.self)
            case .bool: slot.storeBytes(of: Bool(value), as: Bool.self)
            }
            pointers.append(UnsafeRawPointer(slot))
        }
        self.pointers = pointers
    }

    deinit { memory.deallocate() }
}

extension ElementwiseProgram.Instruction {
    /// Whether the instruction calls a library function per element.
    var isCostly: Bool {
        switch self {
        case .unary(let op, _): op.isTranscendental
        case .binary(let op, _, _): op == .power
        case .select: false
        }
    }
}
