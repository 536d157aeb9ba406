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
    guard inputs.map(\.dtype) == program.inputs else {
        throw .invalidArgument(
            operation: "evaluate", expected: "inputs of types \(program.inputs.map(\.rawValue))",
            found: "\(inputs.map(\.dtype.rawValue))")
    }
    guard parameters.count == program.parameters.count else {
        throw .invalidArgument(
            operation: "evaluate", expected: "\(program.parameters.count) parameters",
            found: "\(parameters.count)")
    }
    let shape = try broadcastShapes(inputs.map(\.shape), operation: "evaluate")
    let outputs = program.outputTypes.map { AnyNDArray.uninitialized($0, shape) }
    FusedEvaluator(program: program, inputs: inputs.map(\.input), parameters: parameters, shape: shape)
        .run(into: outputs.map(\.1))
    return outputs.map(\.0)
}

/// One fused evaluation: the program, its inputs laid out for broadcasting, and scratch
/// assignments from the program's liveness.
struct FusedEvaluator {
    let program: ElementwiseProgram
    let inputs: [ElementwiseInput]
    let parameters: [ScalarValue]
    let shape: [Int]

    /// Elements sent through the program at a time: with up to eight live 8-byte values this stays
    /// within a 256 KiB L2 cache, and each instruction's dispatch is paid once per 2048 elements.
    /// (Blocks of 512, within L1, spent a third of crime_index's fused pass in per-block overhead.)
    static let block = 2048

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
        let slots = scratchSlots()
        let constants = parameterStorage()
        let grain = program.instructions.contains(where: \.isCostly) ? Grain.costly : Grain.cheap
        let destinations = UncheckedSendable(outputs)
        withExtendedLifetime((inputs, constants)) {
            Parallelism.forEachChunk(count, grain: grain / Swift.max(1, program.instructions.count)) {
                chunk in
                let scratch = UnsafeMutableRawPointer.allocate(
                    byteCount: Swift.max(1, slots.count) * Self.block * 8, alignment: 64)
                defer { scratch.deallocate() }
                var index = chunk.lowerBound
                while index < chunk.upperBound {
                    let (row, column) = (index / columns, index % columns)
                    let length = Swift.min(columns - column, chunk.upperBound - index, Self.block)
                    let sources = layout.map { input in
                        Source(
                            pointer: input.base + (row * input.rowStride + column * input.columnStride)
                                * input.size,
                            stride: input.columnStride)
                    }
                    step(
                        sources: sources, constants: constants.pointers, scratch: scratch, slots: slots.slots,
                        outputs: destinations.value, offset: index, count: length)
                    index += length
                }
            }
        }
    }

    /// A value for the current block: its first element and stride (1, or 0 for one value).
    struct Source {
        let pointer: UnsafeRawPointer
        let stride: Int
    }

    /// Evaluates `count` elements starting at output element `offset`.
    private func step(
        sources: [Source], constants: [UnsafeRawPointer], scratch: UnsafeMutableRawPointer, slots: [Int?],
        outputs: [UnsafeMutableRawPointer], offset: Int, count: Int
    ) {
        var results = [Source?](repeating: nil, count: program.instructions.count)
        func source(_ value: ElementwiseProgram.Value) -> Source {
            switch value {
            case .input(let index): sources[index]
            case .parameter(let index): Source(pointer: constants[index], stride: 0)
            case .result(let index): results[index]!
            }
        }
        let outputOf = outputIndexOfResult
        for (index, instruction) in program.instructions.enumerated() {
            let operands = instruction.operands.map(source)
            let broadcast = operands.allSatisfy { $0.stride == 0 }
            let n = broadcast ? 1 : count
            let type = program.resultTypes[index]
            let target: UnsafeMutableRawPointer
            if let output = outputOf[index], !broadcast {
                target = outputs[output] + offset * type.size
            } else {
                target = scratch + (slots[index] ?? 0) * Self.block * 8
            }
            FusedKernels.run(
                instruction, operands: operands,
                type: program.type(of: instruction.operands[instruction.operands.count - 1]),
                into: target, count: n)
            results[index] = Source(pointer: UnsafeRawPointer(target), stride: broadcast ? 0 : 1)
        }
        for (output, value) in program.outputs.enumerated() {
            let value = source(value)
            let size = program.type(of: program.outputs[output]).size
            let target = outputs[output] + offset * size
            if value.stride == 1 {
                if value.pointer != UnsafeRawPointer(target) {
                    target.copyMemory(from: value.pointer, byteCount: count * size)
                }
            } else {
                for element in 0..<count {
                    (target + element * size).copyMemory(from: value.pointer, byteCount: size)
                }
            }
        }
    }

    /// For each instruction, the output it is (the first, if several), or nil.
    private var outputIndexOfResult: [Int?] {
        var map = [Int?](repeating: nil, count: program.instructions.count)
        for (output, value) in program.outputs.enumerated() {
            if case .result(let index) = value, map[index] == nil { map[index] = output }
        }
        return map
    }

    /// A scratch slot for every instruction that is not written straight to an output, reused once
    /// the value's last reader has run; and how many slots there are.
    private func scratchSlots() -> (slots: [Int?], count: Int) {
        let lastUses = program.lastUses
        let outputOf = outputIndexOfResult
        var free: [Int] = []
        var used = 0
        var slots = [Int?](repeating: nil, count: program.instructions.count)
        for (index, instruction) in program.instructions.enumerated() {
            if outputOf[index] == nil {
                if let slot = free.popLast() {
                    slots[index] = slot
                } else {
                    slots[index] = used
                    used += 1
                }
            } else {
                slots[index] = used
                used += 1
            }
            var released = Set<Int>()
            for case .result(let source) in instruction.operands where lastUses[source] == index {
                if let slot = slots[source], outputOf[source] == nil, released.insert(source).inserted {
                    free.append(slot)
                }
            }
        }
        return (slots, used)
    }

    /// The parameters as typed scalars in memory, 8 bytes each.
    private func parameterStorage() -> ParameterStorage {
        ParameterStorage(parameters, types: program.parameters)
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
