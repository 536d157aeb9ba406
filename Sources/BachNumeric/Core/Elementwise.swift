import Bach
import GPUArrays
import NDArrays

/// Records elementwise calls: resolves shapes by NumPy's broadcasting rule at record time, splits
/// every operand that has the result's shape along axis 0 and gives the others (rows broadcast
/// against a matrix, constants) whole to every batch.
enum Elementwise {
    /// The implementation of one backend: operands in order, then `out` when there is one.
    typealias CPU<Out: ArrayScalar> = @Sendable (inout Arguments, Int) throws -> NDArray<Out>
    typealias GPU<Out: ArrayScalar> = @Sendable (inout Arguments, Int) throws -> GPUArray<Out>

    /// Records `name` over `operands` (and `out`, when given) and returns the new lazy array.
    static func record<Out: ArrayScalar>(
        _ name: String, _ operands: [(Bach.CallArgument, Bach?)], out: LazyArray<Out>?,
        cpu: @escaping CPU<Out>, gpu: GPU<Out>?
    ) -> LazyArray<Out> {
        guard let runtime = out?.runtime ?? operands.lazy.compactMap(\.1).first else {
            preconditionFailure("\(name): expected at least one lazy array operand, found constants only")
        }
        var arguments = operands.map(\.0)
        var mutable: [Int] = []
        if let out {
            mutable.append(arguments.count)
            arguments.append(.lazy(out.handle))
        }
        let operandCount = operands.count
        let host: Annotation.Implementation = { pieces, context in
            try onHost(context) { try cpu(&pieces, operandCount) }
        }
        var device: Annotation.Implementation?
        if let gpu {
            device = { pieces, context in
                try onDevice(context) { try gpu(&pieces, operandCount) }
            }
        }
        let annotation = Annotation(
            name: name, cpu: host, gpu: device, mutable: mutable,
            infer: inference(name, Out.self, hasOut: out != nil))
        return LazyArray(runtime.record(annotation, arguments))
    }

    /// Shapes broadcast as in NumPy; with `out`, they must broadcast to its shape.
    static func inference<Out: ArrayScalar>(_ name: String, _: Out.Type, hasOut: Bool)
        -> @Sendable ([ArgumentInfo]) throws -> Inference
    {
        { infos in
            let shapes = infos.map { ($0.splitType as? any ShapedSplit)?.shape ?? [] }
            let shape = try broadcastShapes(shapes, operation: name)
            if hasOut, let outShape = shapes.last, outShape != shape {
                throw NDArrayError.shapeMismatch(
                    operation: name, expected: "out: of shape \(describeShape(shape))",
                    found: describeShape(outShape))
            }
            let uses: [Inference.Use] = zip(infos, shapes).map { info, argumentShape in
                !info.isConstant && !shape.isEmpty && argumentShape.count == shape.count
                    && argumentShape[0] == shape[0]
                    ? .split : .whole
            }
            return Inference(uses: uses, result: ArraySplit<Out>(shape: shape))
        }
    }
}

/// Runs GPU library code for a piece, in the batch's context (its stream and pool), turning device
/// errors back into `DeviceError`s so that the runtime can tell running out of memory (plan
/// smaller batches) from other failures.
func onDevice<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    do {
        guard let transfer = context.transfer else { return try body() }
        return try GPUContext(transfer).using(body)
    } catch GPUArrayError.device(let error) {
        throw error
    }
}

/// Runs CPU library code for a piece: on the calling thread alone when the runtime already runs
/// a batch per core.
func onHost<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    context.parallelBatches ? try Parallelism.serially(body) : try body()
}
