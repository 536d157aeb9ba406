import BachRuntime
import BachNumeric
import Devices
import Frames
import GPUArrays
import GPUFrames
import NDArrays

/// A reduction of a series that skips missing values, as data: the partial result one batch
/// yields (on the CPU from Frames, on the device from GPUFrames), how partials of adjacent batches
/// combine, and what the partial of all rows finishes as.
///
/// Partials are short arrays of `P` (`width` elements), so that the executor downloads device
/// partials through its pinned buffers without waiting for each batch, and every reduction combines
/// exactly: sums and counts add, extrema carry their count (a batch without values yields none),
/// spreads combine by Chan's formula.
struct SeriesReduction<S: SeriesNumeric, P: ArrayNumeric & GPUSeriesScalar>: Sendable {
    /// The reduction's name (pandas' method name).
    let name: String
    /// Elements of a partial.
    let width: Int
    /// The partial of a host piece.
    let cpu: @Sendable (Series<S>) throws -> NDArray<P>
    /// The partial of a device piece, left on the device (nil: the reduction runs on the CPU only).
    let gpu: (@Sendable (GPUSeries<S>) throws -> GPUArray<P>)?
    /// The partial of two adjacent row ranges, the earlier first.
    let combine: @Sendable (NDArray<P>, NDArray<P>) throws -> NDArray<P>
    /// The result from the partial of all rows.
    let finish: @Sendable (NDArray<P>) -> Any
    /// The result's split type when it is a scalar later calls may use (nil otherwise).
    let finishedType: (any OffloadSplitType)?

    /// Records the reduction of `series` and returns the handle of its result.
    func record(_ series: LazySeries<S>) -> LazyValue {
        let (cpu, gpu, combine, finish, width) = (cpu, gpu, combine, finish, width)
        let split = ReductionSplit(
            name: name, partial: ArraySplit<P>(shape: [width]),
            combine: { first, second in try combine(first.value as! NDArray<P>, second.value as! NDArray<P>)
            },
            finish: { finish($0 as! NDArray<P>) }, finishedType: finishedType)
        let hasFlags = series.validity != nil
        var device: Annotation.Implementation?
        if let gpu {
            device = { pieces, context in
                let values = try pieces.take(0, as: GPUArray<S>.self)
                let flags: GPUArray<Bool>? = hasFlags ? try pieces.take(1, as: GPUArray<Bool>.self) : nil
                return try onDevice(context) { () throws -> GPUArray<P> in
                    try gpu(try GPUSeries(values: values, validity: flags)).reshaped([width])
                }
            }
        }
        let annotation = Annotation(
            name: name,
            cpu: { pieces, context in
                let values = try pieces.take(0, as: NDArray<S>.self)
                let flags: NDArray<Bool>? = hasFlags ? try pieces.take(1, as: NDArray<Bool>.self) : nil
                return try onHost(context) { () throws -> NDArray<P> in
                    try cpu(try Series(values: values, validity: flags))
                }
            },
            gpu: device,
            // The filled copy and the indicator a device partial computes, beyond the reduction's own.
            deviceWorkspace: { 2 * $0 * MemoryLayout<S>.stride + 4096 },
            infer: { _ in Inference(uses: hasFlags ? [.split, .split] : [.split], result: split) })
        var arguments: [Bach.CallArgument] = [.lazy(series.values.handle)]
        if let validity = series.validity { arguments.append(.lazy(validity.handle)) }
        return series.runtime.record(annotation, arguments)
    }
}

/// The reductions BachFrames records, one entry per pandas method.
enum SeriesReductions {
    /// `sum`: the sum of the values present (0 when none), in the element type; integers wrap.
    static func sum<S: SeriesNumeric>(_: S.Type) -> SeriesReduction<S, S> {
        SeriesReduction(
            name: "sum", width: 1, cpu: { NDArray([$0.sum()]) }, gpu: { try $0.presentSum() },
            combine: { try NDArrays.add($0, $1) }, finish: { $0[0] }, finishedType: ArraySplit<S>(shape: []))
    }

    /// `count`: the number of values present.
    static func count<S: SeriesNumeric>(_: S.Type) -> SeriesReduction<S, Int64> {
        SeriesReduction(
            name: "count", width: 1, cpu: { NDArray([Int64($0.countPresent())]) },
            gpu: { try $0.presentCount() }, combine: { try NDArrays.add($0, $1) }, finish: { $0[0] },
            finishedType: ArraySplit<Int64>(shape: []))
    }

    /// `min` or `max`: `[extremum, count]`, nil when no value is present.
    static func extremum<S: SeriesNumeric>(_: S.Type, largest: Bool) -> SeriesReduction<S, S> {
        SeriesReduction(
            name: largest ? "max" : "min", width: 2,
            cpu: { series in
                let best = largest ? series.max() : series.min()
                return NDArray([best ?? .zero, S(series.countPresent())])
            },
            gpu: { series in
                try GPUArrays.concatenate([
                    series.presentExtremum(largest: largest), series.presentCount(as: S.self),
                ])
            },
            combine: { first, second in
                let (a, b) = (first.scalars, second.scalars)
                if a[1] == .zero { return second }
                if b[1] == .zero { return first }
                let later = largest ? b[0] > a[0] : b[0] < a[0]
                return NDArray([later ? b[0] : a[0], a[1] + b[1]])
            },
            finish: { partial -> S? in partial[1] == .zero ? nil : partial[0] }, finishedType: nil)
    }

    /// `mean`: `[sum, count]` in `Double` (integers summed as doubles, as pandas does for a mean:
    /// an integer sum would wrap), finished as their quotient (NaN when none is present).
    static func mean<S: SeriesNumeric>(_: S.Type) -> SeriesReduction<S, Double> {
        SeriesReduction(
            name: "mean", width: 2,
            cpu: { series in
                let total = (series as? Series<Double>)?.sum() ?? series.toDouble().sum()
                return NDArray([total, Double(series.countPresent())])
            },
            gpu: { series in
                let doubles: GPUSeries<Double>
                if let values = series as? GPUSeries<Double> {
                    doubles = values
                } else if let integers = series as? GPUSeries<Int64> {
                    doubles = try integers.toDouble()
                } else {
                    throw FrameError.typeMismatch(
                        operation: "mean", expected: "a series of Double or Int64", found: "\(S.self)")
                }
                return try GPUArrays.concatenate([
                    doubles.presentSum(), doubles.presentCount(as: Double.self),
                ])
            },
            combine: { try NDArrays.add($0, $1) }, finish: { $0[0] / $0[1] },
            finishedType: ArraySplit<Double>(shape: []))
    }

    /// `var` or `std`: `[count, mean, squared deviations]` in `Double`, combined by Chan's formula;
    /// NaN when no more than `ddof` values are present. On the device for `Double` series.
    static func spread<S: SeriesNumeric>(_: S.Type, ddof: Int, root: Bool) -> SeriesReduction<S, Double> {
        SeriesReduction(
            name: root ? "std" : "var", width: 3,
            cpu: { series in
                let moments = series.moments()
                return NDArray([Double(moments.count), moments.mean, moments.squaredDeviations])
            },
            gpu: S.self == Double.self ? deviceMoments : nil,
            combine: { first, second in
                let (a, b) = (first.scalars, second.scalars)
                if a[0] == 0 { return second }
                if b[0] == 0 { return first }
                let n = a[0] + b[0]
                let delta = b[1] - a[1]
                return NDArray([n, a[1] + delta * b[0] / n, a[2] + b[2] + delta * delta * a[0] * b[0] / n])
            },
            finish: { partial in
                let n = Int(partial[0])
                let spread = n > ddof ? partial[2] / Double(n - ddof) : .nan
                return root ? spread.squareRoot() : spread
            }, finishedType: ArraySplit<Double>(shape: []))
    }

    /// The moments of a device piece of a `Double` series.
    private static func deviceMoments<S: SeriesNumeric>(_ series: GPUSeries<S>) throws -> GPUArray<Double> {
        try (series as! GPUSeries<Double>).presentMoments()
    }
}
