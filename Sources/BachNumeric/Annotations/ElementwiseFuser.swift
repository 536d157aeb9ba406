import BachRuntime
import Devices
import GPUArrays
import NDArrays

/// Fuses consecutive elementwise calls into one `ElementwiseProgram`: on the device one generated
/// kernel (`GPUArrays.evaluate`), on the host one chunked pass (`NDArrays.evaluate`). Each
/// instruction is the operation of one call, so fused results equal unfused ones bit for bit on the
/// host and the simulated device.
///
/// The group's array inputs become the program's inputs; its constants, and scalars computed
/// earlier (reductions' results), become parameters; the members read after the group are the
/// outputs, which must have the shape of the whole group (a smaller member that leaves the group,
/// such as a column against a matrix, keeps the group unfused).
final class ElementwiseFuser: Fuser {
    static let shared = ElementwiseFuser()

    func fuse(_ group: FusionGroup, on backend: Backend) throws -> FusedImplementation {
        let plan = try Plan(group)
        let program = plan.program.pruned
        let arrays = plan.arrays
        switch backend {
        case .gpu:
            return FusedImplementation(
                run: { pieces, context in
                    var inputs: [AnyGPUArray] = []
                    var parameters = plan.constants
                    for (index, isArray) in arrays.enumerated() {
                        let piece = try pieces.take(index, as: Any.self)
                        if isArray, let array = try Piece.device(piece) {
                            inputs.append(array)
                        } else if let (_, value) = Piece.constant(piece) {
                            parameters.insert(value, at: plan.parameterSlot(ofInput: index))
                        } else {
                            throw BachError.typeMismatch(
                                expected: "an array on the device", found: "\(type(of: piece))")
                        }
                    }
                    let outputs = try onDevice(context) {
                        try GPUArrays.evaluate(program, inputs: inputs, parameters: parameters)
                    }
                    return outputs.map(Piece.unwrap)
                },
                kernels: { elements in
                    [try ElementwiseKernel.broadcasting(program, inputShapes: plan.pieceShapes(elements))]
                })
        case .cpu, .scalar:
            return FusedImplementation(run: { pieces, context in
                var inputs: [AnyNDArray] = []
                var parameters = plan.constants
                for (index, isArray) in arrays.enumerated() {
                    let piece = try pieces.take(index, as: Any.self)
                    if isArray {
                        inputs.append(try Piece.host(piece))
                    } else if let (_, value) = Piece.constant(piece) {
                        parameters.insert(value, at: plan.parameterSlot(ofInput: index))
                    } else {
                        throw BachError.typeMismatch(expected: "a scalar", found: "\(type(of: piece))")
                    }
                }
                let destinations = program.outputs.indices.map { index in
                    index < context.outputRegions.count ? context.outputRegions[index]?.bytes : nil
                }
                let outputs = try onHost(context) {
                    try NDArrays.evaluate(program, inputs: inputs, parameters: parameters, into: destinations)
                }
                return outputs.map { $0.map(Piece.unwrap) ?? WrittenInPlace() }
            })
        }
    }

    /// The program of a group and how its inputs map onto the program's inputs and parameters.
    struct Plan: @unchecked Sendable {
        var program: ElementwiseProgram
        /// For each group input, whether it is a program input (an array) or a parameter (a scalar
        /// computed earlier, whose value arrives with the pieces).
        var arrays: [Bool] = []
        /// The constants' values, in parameter order, with gaps where scalar inputs go.
        var constants: [ScalarValue] = []
        /// For each group input that is a parameter, its parameter index.
        var inputParameters: [Int: Int] = [:]
        /// The group inputs' whole shapes and uses, for the shapes of pieces.
        var inputs: [(shape: [Int], use: Inference.Use)] = []
        var shape: [Int] = []

        init(_ group: FusionGroup) throws {
            var arrayTypes: [DType] = []
            var inputValues: [ElementwiseProgram.Value] = []
            for input in group.inputs {
                guard let shaped = input.splitType.shaped else {
                    throw BachError.typeMismatch(
                        expected: "an array or a scalar", found: "\(input.splitType)")
                }
                let isArray = input.splitType is any ShapedSplit && !(input.splitType is ReductionSplit)
                arrays.append(isArray)
                inputs.append((shaped.shape, input.use))
                if isArray {
                    inputValues.append(.input(arrayTypes.count))
                    arrayTypes.append(shaped.dtype)
                } else {
                    inputValues.append(.parameter(-1))
                }
            }
            program = ElementwiseProgram(inputs: arrayTypes)
            for (index, input) in group.inputs.enumerated() where !arrays[index] {
                inputParameters[index] = program.parameters.count
                inputValues[index] = program.addParameter(input.splitType.shaped!.dtype)
            }
            var results: [ElementwiseProgram.Value] = []
            var memberShapes: [[Int]] = []
            for member in group.members {
                guard let operation = member.step as? ElementwiseOperation, let shaped = member.result.shaped
                else {
                    throw BachError.typeMismatch(expected: "an elementwise call", found: "\(member.step)")
                }
                var operands: [ElementwiseProgram.Value] = []
                for source in member.arguments {
                    switch source {
                    case .input(let index): operands.append(inputValues[index])
                    case .member(let index): operands.append(results[index])
                    case .constant(let value, _):
                        guard let (type, scalar) = Piece.constant(value) else {
                            throw BachError.typeMismatch(
                                expected: "a scalar constant", found: "\(type(of: value))")
                        }
                        constants.append(scalar)
                        operands.append(program.addParameter(type))
                    }
                }
                results.append(try program.append(operation.instruction(operands)))
                memberShapes.append(shaped.shape)
            }
            shape = try broadcastShapes(memberShapes, operation: "fused group")
            let evaluated = try broadcastShapes(
                zip(inputs, arrays).filter(\.1).map(\.0.shape), operation: "fused group")
            guard evaluated == shape else {
                throw BachError.typeMismatch(
                    expected: "inputs that span the group's shape \(describeShape(shape))",
                    found: describeShape(evaluated))
            }
            for output in group.outputs {
                guard memberShapes[output] == shape else {
                    throw BachError.typeMismatch(
                        expected: "outputs of the group's shape \(describeShape(shape))",
                        found: describeShape(memberShapes[output]))
                }
                program.output(results[output])
            }
        }

        /// Where the value of scalar input `index` goes among the parameters.
        func parameterSlot(ofInput index: Int) -> Int { inputParameters[index]! }

        /// The shapes of the array inputs' pieces for a batch of `elements`.
        func pieceShapes(_ elements: Int) -> [[Int]] {
            zip(inputs, arrays).compactMap { input, isArray in
                guard isArray else { return nil }
                return input.use == .split ? [elements] + input.shape.dropFirst() : input.shape
            }
        }
    }
}
