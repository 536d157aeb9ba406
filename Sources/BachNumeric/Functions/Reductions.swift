import BachRuntime
import GPUArrays
import NDArrays

// Lazy reductions with NumPy's names. Over all elements they yield a `LazyScalar`; split into
// batches, each batch yields a partial that combines exactly with the others (sums add, means and
// variances combine by their counts with Chan's formula, arg-extrema by their offsets), so a
// reduction pages through the device like any elementwise call. Results match the CPU library's
// up to the order of floating-point additions.

/// The sum of all elements (`numpy.sum`), recorded lazily; integers wrap.
public func sum<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyScalar<S> {
    Reductions.scalar(
        "sum", a, combine: { try NDArrays.add($0.value as! NDArray<S>, $1.value as! NDArray<S>) },
        finish: { $0 }, cpu: { NDArray(scalar: NDArrays.sum($0)) }, gpu: { try GPUArrays.sum($0) })
}

/// The mean of all elements (`numpy.mean`; NaN for an empty array), recorded lazily.
public func mean<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyScalar<S> {
    let count = S(a.count)
    return Reductions.scalar(
        "mean", a, combine: { try NDArrays.add($0.value as! NDArray<S>, $1.value as! NDArray<S>) },
        finish: { $0 / count }, cpu: { NDArray(scalar: NDArrays.sum($0)) }, gpu: { try GPUArrays.sum($0) })
}

/// The smallest element (`numpy.min`; NaN if any is NaN), recorded lazily; an empty array fails.
public func min<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyScalar<S> {
    Reductions.scalar(
        "min", a, combine: { Reductions.firstExtremum($0, $1, largest: false) },
        finish: { $0 }, cpu: { NDArray(scalar: try NDArrays.min($0)) }, gpu: { try GPUArrays.min($0) })
}

/// The largest element (`numpy.max`; NaN if any is NaN), recorded lazily; an empty array fails.
public func max<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyScalar<S> {
    Reductions.scalar(
        "max", a, combine: { Reductions.firstExtremum($0, $1, largest: true) },
        finish: { $0 }, cpu: { NDArray(scalar: try NDArrays.max($0)) }, gpu: { try GPUArrays.max($0) })
}

/// The variance of all elements (`numpy.var`), recorded lazily.
public func variance<S: ArrayFloatingPoint>(_ a: LazyArray<S>, ddof: Int = 0) -> LazyScalar<S> {
    Reductions.moments("variance", a, ddof: ddof, root: false)
}

/// The standard deviation of all elements (`numpy.std`), recorded lazily.
public func std<S: ArrayFloatingPoint>(_ a: LazyArray<S>, ddof: Int = 0) -> LazyScalar<S> {
    Reductions.moments("std", a, ddof: ddof, root: true)
}

/// The index of the first smallest element, or of the first NaN (`numpy.argmin`), recorded lazily.
public func argmin<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyScalar<Int64> {
    Reductions.argExtremum("argmin", a, largest: false)
}

/// The index of the first largest element, or of the first NaN (`numpy.argmax`), recorded lazily.
public func argmax<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyScalar<Int64> {
    Reductions.argExtremum("argmax", a, largest: true)
}

/// Records reductions.
enum Reductions {
    /// The smaller (or larger) of two batches' extrema, the earlier on ties and the first NaN, as
    /// the CPU library's single pass keeps them (so that min(-0.0, 0.0) is the one seen first).
    static func firstExtremum<S: ArrayNumeric>(
        _ first: ReductionSplit.Partial, _ second: ReductionSplit.Partial, largest: Bool
    ) -> NDArray<S> {
        let (x, y) = ((first.value as! NDArray<S>), (second.value as! NDArray<S>))
        let (a, b) = (x.scalars[0], y.scalars[0])
        if a != a { return x }
        if b != b { return y }
        return (largest ? b > a : b < a) ? y : x
    }

    /// A reduction whose partial is a rank-0 array of the element type.
    static func scalar<S: ArrayNumeric>(
        _ name: String, _ a: LazyArray<S>,
        combine: @escaping @Sendable (ReductionSplit.Partial, ReductionSplit.Partial) throws -> NDArray<S>,
        finish: @escaping @Sendable (S) -> S,
        cpu: @escaping @Sendable (NDArray<S>) throws -> NDArray<S>,
        gpu: @escaping @Sendable (GPUArray<S>) throws -> GPUArray<S>
    ) -> LazyScalar<S> {
        let split = ReductionSplit(
            name: name, partial: ArraySplit<S>(shape: []), combine: { try combine($0, $1) },
            finish: { finish(($0 as! NDArray<S>).scalars[0]) }, finishedType: ArraySplit<S>(shape: []))
        return record(name, a, split, cpu: { try cpu($0) }, gpu: { try gpu($0) })
    }

    /// Variance or standard deviation: each partial is `[mean, sum of squared deviations]`.
    static func moments<S: ArrayFloatingPoint>(_ name: String, _ a: LazyArray<S>, ddof: Int, root: Bool)
        -> LazyScalar<S>
    {
        // Batches split rows: a batch of r rows holds r times the row length elements.
        let rowLength = a.shape.dropFirst().reduce(1, *)
        let count = a.count
        let split = ReductionSplit(
            name: name, partial: ArraySplit<S>(shape: [2]),
            combine: { first, second in
                let (x, y) = ((first.value as! NDArray<S>).scalars, (second.value as! NDArray<S>).scalars)
                let (na, nb) = (S(first.range.count * rowLength), S(second.range.count * rowLength))
                let n = na + nb
                let delta = y[0] - x[0]
                return NDArray([x[0] + delta * nb / n, x[1] + y[1] + delta * delta * na * nb / n])
            },
            finish: { whole in
                let spread = (whole as! NDArray<S>)[1] / S(count - ddof)
                return root ? spread.squareRoot() : spread
            }, finishedType: ArraySplit<S>(shape: []))
        return record(
            name, a, split, workspace: { 2 * $0 * MemoryLayout<S>.stride + 4096 },
            cpu: { piece in
                let centre = NDArrays.mean(piece)
                let deviations = NDArrays.subtract(piece, centre)
                return NDArray([centre, NDArrays.sum(deviations * deviations)])
            },
            gpu: { piece in
                let centre = try GPUArrays.mean(piece)
                let deviations = try GPUArrays.subtract(piece, centre)
                let squares = try GPUArrays.sum(GPUArrays.multiply(deviations, deviations))
                return try GPUArrays.concatenate([centre, squares])
            })
    }

    /// `argmin`/`argmax`: each partial is the extremum and its index within the batch.
    static func argExtremum<S: ArrayNumeric>(_ name: String, _ a: LazyArray<S>, largest: Bool) -> LazyScalar<
        Int64
    > {
        // Batches split rows; indices are flat, so a batch's offset is its first row times the row length.
        let rowLength = Int64(a.shape.dropFirst().reduce(1, *))
        let split = ReductionSplit(
            name: name, partial: ExtremumSplit<S>(),
            combine: { first, second in
                let (x, y) = (first.value as! Extremum<S>, second.value as! Extremum<S>)
                let offset = Int64(second.range.lowerBound - first.range.lowerBound) * rowLength
                let later = Extremum(value: y.value, index: y.index + offset)
                let (xNaN, yNaN) = (x.value != x.value, y.value != y.value)
                if xNaN || (!yNaN && (largest ? !(y.value > x.value) : !(y.value < x.value))) { return x }
                return later
            },
            finish: { ($0 as! Extremum<S>).index }, finishedType: ArraySplit<Int64>(shape: []))
        let result: LazyScalar<S> = record(
            name, a, split,
            cpu: { piece in
                let index = largest ? try NDArrays.argmax(piece) : try NDArrays.argmin(piece)
                return Extremum(value: try piece.reshaped([piece.count])[index], index: Int64(index))
            },
            gpu: { piece in
                let index = largest ? try GPUArrays.argmax(piece) : try GPUArrays.argmin(piece)
                return DeviceExtremum(
                    value: largest ? try GPUArrays.max(piece) : try GPUArrays.min(piece), index: index)
            })
        return LazyScalar(result.handle)
    }

    /// Records a reduction of `a` with the given split type and implementations.
    static func record<S: ArrayNumeric, Out: ArrayScalar>(
        _ name: String, _ a: LazyArray<S>, _ split: ReductionSplit,
        workspace: (@Sendable (Int) -> Int)? = nil,
        cpu: @escaping @Sendable (NDArray<S>) throws -> Any,
        gpu: @escaping @Sendable (GPUArray<S>) throws -> Any
    ) -> LazyScalar<Out> {
        let annotation = Annotation(
            name: name,
            cpu: { pieces, context in
                let piece = try pieces.take(0, as: NDArray<S>.self)
                return try onHost(context) { try cpu(piece) }
            },
            gpu: { pieces, context in
                let piece = try pieces.take(0, as: GPUArray<S>.self)
                return try onDevice(context) { try gpu(piece) }
            },
            deviceWorkspace: workspace,
            infer: { [whole = a.shape.isEmpty] _ in Inference(uses: [whole ? .whole : .split], result: split)
            })
        return LazyScalar(a.runtime.record(annotation, [.lazy(a.handle)]))
    }
}

/// The smallest or largest value of a batch and its index within the batch.
struct Extremum<S: ArrayNumeric>: @unchecked Sendable {
    let value: S
    let index: Int64
}

/// `Extremum` computed on the device, not yet read back.
struct DeviceExtremum<S: ArrayNumeric>: @unchecked Sendable {
    let value: GPUArray<S>
    let index: GPUArray<Int64>
}

/// The split type of arg-extremum partials: read back to the host with a (small, synchronous) copy.
struct ExtremumSplit<S: ArrayNumeric>: OffloadSplitType {
    var extent: Int? { nil }
    var bytesPerElement: Int { 0 }
    var description: String { "extremum<\(S.self)>" }

    func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }

    func makeMerger() throws -> any Merger {
        throw BachError.internalInconsistency("arg-extremum partials are merged by their reduction")
    }

    func backend(of value: Any) -> Backend { value is DeviceExtremum<S> ? .gpu : .cpu }

    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        guard backend == .cpu, let device = value as? DeviceExtremum<S> else { return value }
        do {
            return Extremum(value: try device.value.item(), index: try device.index.item())
        } catch GPUArrayError.device(let error) {
            throw error
        }
    }

    func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}
