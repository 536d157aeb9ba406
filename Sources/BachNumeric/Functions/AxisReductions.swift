import BachRuntime
import GPUArrays
import NDArrays

// Lazy reductions along an axis. Along axis 1 each row reduces on its own, so the call splits by
// rows like an elementwise call. Along axis 0 every row contributes to every output: the call runs
// on the whole array (an annotation with `splittable: false`), on the device when it fits.

/// The sums along `axis` (`numpy.sum(a, axis=…)`), recorded lazily.
public func sum<S: ArrayNumeric>(_ a: LazyArray<S>, axis: Int) -> LazyArray<S> {
    AxisReduction.record(
        "sum", a, axis: axis, cpu: { try NDArrays.sum($0, axis: $1) },
        gpu: { try GPUArrays.sum($0, axis: $1) })
}

/// The means along `axis` (`numpy.mean(a, axis=…)`), recorded lazily.
public func mean<S: ArrayFloatingPoint>(_ a: LazyArray<S>, axis: Int) -> LazyArray<S> {
    AxisReduction.record(
        "mean", a, axis: axis, cpu: { try NDArrays.mean($0, axis: $1) },
        gpu: { try GPUArrays.mean($0, axis: $1) })
}

/// The smallest elements along `axis` (`numpy.min(a, axis=…)`), recorded lazily.
public func min<S: ArrayNumeric>(_ a: LazyArray<S>, axis: Int) -> LazyArray<S> {
    AxisReduction.record(
        "min", a, axis: axis, cpu: { try NDArrays.min($0, axis: $1) },
        gpu: { try GPUArrays.min($0, axis: $1) })
}

/// The largest elements along `axis` (`numpy.max(a, axis=…)`), recorded lazily.
public func max<S: ArrayNumeric>(_ a: LazyArray<S>, axis: Int) -> LazyArray<S> {
    AxisReduction.record(
        "max", a, axis: axis, cpu: { try NDArrays.max($0, axis: $1) },
        gpu: { try GPUArrays.max($0, axis: $1) })
}

/// The indices of the smallest elements along `axis` (`numpy.argmin(a, axis=…)`), recorded lazily.
public func argmin<S: ArrayNumeric>(_ a: LazyArray<S>, axis: Int) -> LazyArray<Int64> {
    AxisReduction.record(
        "argmin", a, axis: axis, cpu: { try NDArrays.argmin($0, axis: $1) },
        gpu: { try GPUArrays.argmin($0, axis: $1) })
}

/// The indices of the largest elements along `axis` (`numpy.argmax(a, axis=…)`), recorded lazily.
public func argmax<S: ArrayNumeric>(_ a: LazyArray<S>, axis: Int) -> LazyArray<Int64> {
    AxisReduction.record(
        "argmax", a, axis: axis, cpu: { try NDArrays.argmax($0, axis: $1) },
        gpu: { try GPUArrays.argmax($0, axis: $1) })
}

/// The variances along `axis` (`numpy.var(a, axis=…, ddof=…)`), recorded lazily: two passes over
/// the rows it reduces, as NDArrays and GPUArrays compute them.
public func variance<S: ArrayFloatingPoint>(_ a: LazyArray<S>, axis: Int, ddof: Int = 0) -> LazyArray<S> {
    AxisReduction.record(
        "variance", a, axis: axis, cpu: { try NDArrays.variance($0, axis: $1, ddof: ddof) },
        gpu: { try GPUArrays.variance($0, axis: $1, ddof: ddof) })
}

/// The standard deviations along `axis` (`numpy.std(a, axis=…, ddof=…)`), recorded lazily.
public func std<S: ArrayFloatingPoint>(_ a: LazyArray<S>, axis: Int, ddof: Int = 0) -> LazyArray<S> {
    AxisReduction.record(
        "std", a, axis: axis, cpu: { try NDArrays.std($0, axis: $1, ddof: ddof) },
        gpu: { try GPUArrays.std($0, axis: $1, ddof: ddof) })
}

/// Records axis reductions.
enum AxisReduction {
    static func record<S: ArrayNumeric, Out: ArrayScalar>(
        _ name: String, _ a: LazyArray<S>, axis: Int,
        cpu: @escaping @Sendable (NDArray<S>, Int) throws -> NDArray<Out>,
        gpu: (@Sendable (GPUArray<S>, Int) throws -> GPUArray<Out>)?
    ) -> LazyArray<Out> {
        let shape = a.shape
        let rowwise = shape.count == 2 && axis == 1
        var device: Annotation.Implementation?
        if let gpu {
            device = { pieces, context in
                let piece = try pieces.take(0, as: GPUArray<S>.self)
                return try onDevice(context) { try gpu(piece, axis) }
            }
        }
        let annotation = Annotation(
            name: name,
            cpu: { pieces, context in
                let piece = try pieces.take(0, as: NDArray<S>.self)
                return try onHost(context) { try cpu(piece, axis) }
            },
            gpu: device,
            splittable: rowwise,
            infer: { _ in
                guard axis >= 0 && axis < shape.count else {
                    throw NDArrayError.invalidAxis(operation: name, axis: axis, rank: shape.count)
                }
                var result = shape
                result.remove(at: axis)
                return Inference(uses: [rowwise ? .split : .whole], result: ArraySplit<Out>(shape: result))
            })
        return LazyArray(a.runtime.record(annotation, [.lazy(a.handle)]))
    }
}
