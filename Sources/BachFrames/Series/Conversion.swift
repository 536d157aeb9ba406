import BachRuntime
import BachNumeric
import Frames
import GPUArrays
import GPUFrames
import NDArrays

extension LazySeries where S == Int64 {
    /// The values as doubles, missing values as NaN (pandas' `astype(float64)`, and what pandas does
    /// to an integer column used with a float). One call per batch on the CPU (a plain loop) or the
    /// device (GPUFrames' conversion kernel): integers travel to the device as they were read and
    /// become doubles there.
    public func toDouble() -> LazySeries<Double> {
        let masked = validity != nil
        let split = ArraySplit<Double>(shape: [count])
        let annotation = Annotation.offload(
            "astype", kernels: { _, _ in [ConversionKernel(masked: masked)] },
            infer: { _ in Inference(uses: masked ? [.split, .split] : [.split], result: split) },
            cpu: { pieces, _ in
                let values = try pieces.take(0, as: NDArray<Int64>.self)
                let flags: NDArray<Bool>? = masked ? try pieces.take(1, as: NDArray<Bool>.self) : nil
                return doubles(values, flags)
            },
            gpu: { pieces, context in
                let values = try pieces.take(0, as: GPUArray<Int64>.self)
                let flags: GPUArray<Bool>? = masked ? try pieces.take(1, as: GPUArray<Bool>.self) : nil
                return try onDevice(context) {
                    try GPUSeries(values: values, validity: flags).toDouble().values
                }
            })
        var arguments: [Bach.CallArgument] = [.lazy(values.handle)]
        if let validity { arguments.append(.lazy(validity.handle)) }
        return LazySeries<Double>(unchecked: name, recordedArray(runtime.record(annotation, arguments)), nil)
    }
}

/// `values` as doubles, NaN where `flags` says missing: one loop, which vectorises.
private func doubles(_ values: NDArray<Int64>, _ flags: NDArray<Bool>?) -> NDArray<Double> {
    var result = NDArray<Double>.empty([values.count])
    result.withUnsafeMutableBufferPointer { out in
        values.withUnsafeBufferPointer { input in
            guard let flags else {
                for i in 0..<input.count { out[i] = Double(input[i]) }
                return
            }
            flags.withUnsafeBufferPointer { valid in
                for i in 0..<input.count { out[i] = valid[i] ? Double(input[i]) : .nan }
            }
        }
    }
    return result
}
