// A user annotating a function of their own: `softplus(x) = log(1 + exp(x))`, with a CPU
// implementation (NDArrays), a GPU implementation (GPUArrays) and a split type (elementwise: the
// result has the argument's shape and splits with it), chained with BachNumeric's calls. The
// runtime places it, pages it through the device in batches and re-batches it when the device runs
// out of memory, as it does for BachNumeric's own calls.
import BachNumeric
import GPUArrays

/// `log(1 + exp(x))` elementwise, recorded lazily.
func softplus(_ x: LazyArray<Double>) throws -> LazyArray<Double> {
    let annotation = Annotation.offload(
        "softplus",
        infer: { arguments in
            // The split type: one argument, split by elements; the result is alike.
            guard let split = arguments[0].splitType as? ArraySplit<Double> else {
                throw BachError.typeMismatch(
                    expected: "an array of Double", found: "\(arguments[0].splitType)")
            }
            return Inference(uses: [.split], result: split)
        },
        cpu: { pieces, context in
            let x = try pieces.take(0, as: NDArray<Double>.self)
            return try onHost(context) { NDArrays.log(NDArrays.exp(x) + 1.0) }
        },
        gpu: { pieces, context in
            let x = try pieces.take(0, as: GPUArray<Double>.self)
            return try onDevice(context) { try GPUArrays.log(GPUArrays.add(GPUArrays.exp(x), 1.0)) }
        })
    return try LazyArray(recorded: x.runtime.record(annotation, [.lazy(x.handle)]))
}

// A simulated device of 1 MiB (the host standing in for a GPU, so that this runs anywhere): the
// 4 MiB of data below are paged through it in batches.
let bach = Bach(device: try SimulatedDevice(memory: 1 << 20))
let x = NDArray<Double>.uniform([1 << 19], low: -4, high: 4, seed: 11)
let lazy = bach.lazy(x)
let y = try softplus(lazy * 2.0) - lazy  // BachNumeric, the user's call, BachNumeric
let total = sum(y)
print("sum:", try total.value())

let expected = NDArrays.sum(NDArrays.log(NDArrays.exp(x * 2.0) + 1.0) - x)
for stage in bach.counters.stages { print("stage:", stage) }
print("device peak:", formatBytes(bach.counters.device.peakBytes))
let found = try total.value()
guard abs(found - expected) <= 1e-9 * abs(expected) else {
    fatalError("softplus: expected \(expected), found \(found)")
}
print("matches NDArrays:", expected)
