import BachRuntime
import Devices
import BachNumeric
import GPUArrays
import Learn
import NDArrays

/// The three kinds of annotation BachLearn's estimators are made of, so that each annotated
/// method is one line over one of them: a fit (whole samples, and labels, → a model), a row-wise
/// method (a model whole, samples split by rows → rows of an array), and a call that needs the
/// whole samples and yields an array (DBSCAN's labels). Without a GPU implementation a call runs on
/// the CPU only (the seed's `sa`); with one, fits and whole calls are placed by their cost. GPU
/// implementations are left out where the runtime's device cannot run GPULearn (`DeviceSupport`).
enum LearnAnnotations {
    /// A CPU implementation over the samples and, for supervised fits, the labels.
    typealias HostFit<Model> = @Sendable (NDArray<Double>, NDArray<Int64>?) throws -> Model
    /// A GPU implementation over the samples and, for supervised fits, the labels.
    typealias DeviceFit<Model> = @Sendable (GPUArray<Double>, GPUArray<Int64>?) throws -> Model
    /// Seconds on each backend from the arguments' shapes (see `LearnCost`).
    typealias Cost = @Sendable ([ArgumentInfo]) -> (cpu: Double, gpu: Double)

    /// A fit: the samples (and, with `labels`, the labels) whole → a model of `model`'s split type.
    static func fit<Host, Device>(
        _ name: String, in runtime: Bach, model: ModelSplit<Host, Device>, labels: Bool = false, cost: Cost?,
        kernels: [any Kernel] = [],
        cpu: @escaping HostFit<Host>, gpu: DeviceFit<Device>?
    ) -> Annotation {
        let host: Annotation.Implementation = { pieces, context in
            let x = try pieces.take(0, as: NDArray<Double>.self)
            let y = labels ? try pieces.take(1, as: NDArray<Int64>.self) : nil
            return try onHost(context) { try cpu(x, y) }
        }
        var device: Annotation.Implementation?
        if let gpu, DeviceSupport.gpuLearn(runtime) {
            device = { pieces, context in
                let x = try pieces.take(0, as: GPUArray<Double>.self)
                let y = labels ? try pieces.take(1, as: GPUArray<Int64>.self) : nil
                return try onDevice(context) { try gpu(x, y) }
            }
        }
        let infer: @Sendable ([ArgumentInfo]) throws -> Inference = { infos in
            let (rows, _) = try Shapes.samples(infos[0], name)
            if labels { try Shapes.labels(infos[1], samples: rows, name) }
            return Inference(uses: labels ? [.whole, .whole] : [.whole], result: model)
        }
        return Annotation(
            name: name, cpu: host, gpu: device, splittable: false, argumentCost: cost,
            kernels: declared(kernels), infer: infer)
    }

    /// A row-wise method: the model whole, the samples split by rows → an array of `R` whose shape
    /// `shape` gives from the samples' rows and columns. Each piece of rows is computed on its
    /// own, so batches give the rows the whole would. `workspace` is the device memory the GPU
    /// implementation takes for its temporaries for a piece of so many rows (so that batches are
    /// sized to fit).
    static func rows<Host, Device, R: ArrayScalar>(
        _ name: String, in runtime: Bach, model: ModelSplit<Host, Device>, of _: R.Type,
        shape: @escaping @Sendable (_ rows: Int, _ columns: Int) -> [Int],
        workspace: (@Sendable (_ rows: Int) -> Int)? = nil, kernels: [any Kernel] = [],
        cpu: @escaping @Sendable (Host, NDArray<Double>) throws -> NDArray<R>,
        gpu: (@Sendable (Device, GPUArray<Double>) throws -> GPUArray<R>)?
    ) -> Annotation {
        let host: Annotation.Implementation = { pieces, context in
            let fitted = try pieces.get(0, as: Host.self)
            let x = try pieces.take(1, as: NDArray<Double>.self)
            return try onHost(context) { try cpu(fitted, x) }
        }
        var device: Annotation.Implementation?
        if let gpu, DeviceSupport.gpuLearn(runtime) {
            device = { pieces, context in
                let fitted = try pieces.get(0, as: Device.self)
                let x = try pieces.take(1, as: GPUArray<Double>.self)
                return try onDevice(context) { try gpu(fitted, x) }
            }
        }
        let infer: @Sendable ([ArgumentInfo]) throws -> Inference = { infos in
            guard infos[0].splitType is ModelSplit<Host, Device> else {
                throw BachError.typeMismatch(expected: "\(model)", found: "\(infos[0].splitType)")
            }
            let (rows, columns) = try Shapes.samples(infos[1], name)
            return Inference(uses: [.whole, .split], result: ArraySplit<R>(shape: shape(rows, columns)))
        }
        return Annotation(
            name: name, cpu: host, gpu: device, deviceWorkspace: workspace, kernels: declared(kernels),
            infer: infer)
    }

    /// A call on the whole samples → an array of `R` of `shape(rows, columns)`.
    static func whole<R: ArrayScalar>(
        _ name: String, in runtime: Bach, of _: R.Type,
        shape: @escaping @Sendable (_ rows: Int, _ columns: Int) -> [Int],
        cost: Cost?, kernels: [any Kernel] = [],
        cpu: @escaping @Sendable (NDArray<Double>) throws -> NDArray<R>,
        gpu: (@Sendable (GPUArray<Double>) throws -> GPUArray<R>)?
    ) -> Annotation {
        let host: Annotation.Implementation = { pieces, context in
            let x = try pieces.take(0, as: NDArray<Double>.self)
            return try onHost(context) { try cpu(x) }
        }
        var device: Annotation.Implementation?
        if let gpu, DeviceSupport.gpuLearn(runtime) {
            device = { pieces, context in
                let x = try pieces.take(0, as: GPUArray<Double>.self)
                return try onDevice(context) { try gpu(x) }
            }
        }
        let infer: @Sendable ([ArgumentInfo]) throws -> Inference = { infos in
            let (rows, columns) = try Shapes.samples(infos[0], name)
            return Inference(uses: [.whole], result: ArraySplit<R>(shape: shape(rows, columns)))
        }
        return Annotation(
            name: name, cpu: host, gpu: device, splittable: false, argumentCost: cost,
            kernels: declared(kernels), infer: infer)
    }

    /// The kernels a GPU implementation launches, as the runtime asks for them (to compile them
    /// before a stage's first batch), or nil for none.
    private static func declared(_ kernels: [any Kernel]) -> (
        @Sendable ([ArgumentInfo], Int) throws -> [any Kernel]
    )? {
        if kernels.isEmpty { return nil }
        let list = UncheckedKernels(kernels)
        return { _, _ in list.kernels }
    }

    /// Records `annotation`, a row-wise method of `model`, over `x`; for a model never fitted, a
    /// call whose evaluation fails with `LearnError.notFitted` naming the method.
    static func record<Model, R: ArrayScalar>(
        _ annotation: Annotation, of model: LazyModel<Model>?, over x: LazyArray<Double>
    ) -> LazyArray<R> {
        guard let model else {
            return LazyArray(x.runtime.record(unfitted(annotation.name), [.lazy(x.handle)]))
        }
        return LazyArray(x.runtime.record(annotation, [.lazy(model.handle), .lazy(x.handle)]))
    }

    /// A method called on a model that was never fitted: recording fails, and `evaluate` reports
    /// `LearnError.notFitted` naming the call.
    private static func unfitted(_ name: String) -> Annotation {
        Annotation.split(
            name, infer: { _ in throw LearnError.notFitted(operation: name) },
            cpu: { _, _ in throw LearnError.notFitted(operation: name) })
    }
}

/// A list of kernels captured by a `@Sendable` closure (kernels are `Sendable`; the existential
/// array is not seen as such).
private struct UncheckedKernels: @unchecked Sendable {
    let kernels: [any Kernel]
    init(_ kernels: [any Kernel]) { self.kernels = kernels }
}
