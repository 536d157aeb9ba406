import BachRuntime
import Devices
import GPUArrays
import NDArrays

/// The annotation of every elementwise operation, made from the operation alone: the seed's
/// `oa(ArraySplit, ..., func=torch.exp)(np.exp)` for the whole vocabulary at once.
///
/// - CPU: the NDArrays ufunc of the operation's name (`NDArrays.apply`), writing into `out:` when
///   given.
/// - GPU: the one-instruction kernel GPUArrays generates for it (`GPUArrays.evaluate`).
/// - Split types: operands that have the result's shape split along axis 0 (rows of a matrix,
///   elements of a vector); rows broadcast against a matrix and constants are given whole. Shapes
///   and element types are checked when the call is recorded.
/// - Fusion: consecutive elementwise calls become one pass (`ElementwiseFuser`).
enum ElementwiseAnnotation {
    /// The annotation of `operation` yielding elements of `Out`, with an `out:` destination as
    /// the last argument when `hasOut`.
    static func make<Out: ArrayScalar>(_ operation: ElementwiseOperation, _: Out.Type, hasOut: Bool)
        -> Annotation
    {
        let operands = operation.arity
        return Annotation(
            name: operation.name,
            cpu: { pieces, context in
                let inputs = try (0..<operands).map { try Piece.host(pieces.take($0, as: Any.self)) }
                guard hasOut else {
                    return Piece.unwrap(try onHost(context) { try operation.host(inputs) })
                }
                var out = AnyNDArray(try pieces.take(operands, as: NDArray<Out>.self))
                try onHost(context) { try operation.host(inputs, out: &out) }
                return Piece.unwrap(out)
            },
            gpu: { pieces, context in
                var inputs: [AnyGPUArray] = []
                var parameters: [ScalarValue] = []
                var operandTypes: [(DType, isArray: Bool)] = []
                for index in 0..<operands {
                    let piece = try pieces.take(index, as: Any.self)
                    if let array = try Piece.device(piece) {
                        inputs.append(array)
                        operandTypes.append((array.dtype, true))
                    } else if let (type, value) = Piece.constant(piece) {
                        parameters.append(value)
                        operandTypes.append((type, false))
                    }
                }
                let program = try program(operation, operandTypes)
                let out = hasOut ? [AnyGPUArray(try pieces.take(operands, as: GPUArray<Out>.self))] : nil
                let results = try onDevice(context) {
                    try GPUArrays.evaluate(program, inputs: inputs, parameters: parameters, into: out)
                }
                return Piece.unwrap(results[0])
            },
            mutable: hasOut ? [operands] : [],
            kernels: { arguments, elements in
                let operandArguments = Array(arguments.prefix(operands))
                let program = try program(operation, operandArguments.map { (try $0.dtype, !$0.isConstant) })
                let result = try broadcastShapes(arguments.map(\.shape), operation: operation.name)
                let shapes = operandArguments.filter { !$0.isConstant }.map {
                    pieceShape($0.shape, result: result, elements: elements)
                }
                return [
                    try ElementwiseKernel.broadcasting(
                        program, inputShapes: shapes,
                        outputShape: pieceShape(result, result: result, elements: elements))
                ]
            },
            fusion: Fusion(fuser: ElementwiseFuser.shared, step: operation),
            infer: inference(operation, Out.self, hasOut: hasOut))
    }

    /// The one-instruction program of `operation` over operands of the given types, arrays as
    /// inputs and constants as parameters, in order.
    static func program(_ operation: ElementwiseOperation, _ operands: [(DType, isArray: Bool)]) throws
        -> ElementwiseProgram
    {
        var program = ElementwiseProgram(inputs: operands.filter(\.isArray).map(\.0))
        var (inputs, values) = (0, [ElementwiseProgram.Value]())
        for (type, isArray) in operands {
            if isArray {
                values.append(.input(inputs))
                inputs += 1
            } else {
                values.append(program.addParameter(type))
            }
        }
        program.output(try program.append(operation.instruction(values)))
        return program
    }

    /// The shape of a batch's piece of an operand of `shape` in a call whose result has shape
    /// `result`: split operands have `elements` rows, the others are whole.
    static func pieceShape(_ shape: [Int], result: [Int], elements: Int) -> [Int] {
        isSplit(shape, result: result) ? [elements] + shape.dropFirst() : shape
    }

    /// Whether an operand of `shape` is split along with a result of shape `result`.
    static func isSplit(_ shape: [Int], result: [Int]) -> Bool {
        !result.isEmpty && shape.count == result.count && shape[0] == result[0]
    }

    /// Shapes broadcast as in NumPy and element types suit the operation (the result's type must be
    /// `Out`); with `out:`, the shapes must broadcast to its shape.
    static func inference<Out: ArrayScalar>(_ operation: ElementwiseOperation, _: Out.Type, hasOut: Bool)
        -> @Sendable ([ArgumentInfo]) throws -> Inference
    {
        { infos in
            let shapes = infos.map(\.shape)
            let operandCount = operation.arity
            let shape = try broadcastShapes(
                Array(shapes.prefix(operandCount)) + (hasOut ? [shapes.last!] : []), operation: operation.name
            )
            if hasOut, let outShape = shapes.last, outShape != shape {
                throw NDArrayError.shapeMismatch(
                    operation: operation.name, expected: "out: of shape \(describeShape(shape))",
                    found: describeShape(outShape))
            }
            let program = try program(
                operation, infos.prefix(operandCount).map { (try $0.dtype, !$0.isConstant) })
            guard program.outputTypes == [Out.dtype] else {
                throw BachError.typeMismatch(
                    expected: "a result of type \(Out.dtype) from \(operation.name)",
                    found: "\(program.outputTypes[0])")
            }
            let uses: [Inference.Use] = zip(infos, shapes).map { info, argumentShape in
                !info.isConstant && isSplit(argumentShape, result: shape) ? .split : .whole
            }
            return Inference(uses: uses, result: ArraySplit<Out>(shape: shape))
        }
    }
}

extension ArgumentInfo {
    /// The shape of an array argument, `[]` for a constant.
    var shape: [Int] { splitType.shaped?.shape ?? [] }

    /// The element type of an array or constant argument of this library.
    var dtype: DType {
        get throws {
            guard let shaped = splitType.shaped else {
                throw BachError.typeMismatch(expected: "an array or a scalar", found: "\(splitType)")
            }
            return shaped.dtype
        }
    }
}

extension OffloadSplitType {
    /// The split type as this library's shape and element type: an array's, a constant's, or the
    /// finished result's of a reduction.
    var shaped: (any ShapedSplit)? {
        self as? any ShapedSplit ?? (self as? ReductionSplit)?.finishedType as? any ShapedSplit
    }
}
