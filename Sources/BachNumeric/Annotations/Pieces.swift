import BachRuntime
import Devices
import GPUArrays
import NDArrays

/// The pieces an elementwise implementation receives, with their element types erased: arrays of
/// either library, or constants of an element type.
enum Piece {
    /// `value` (an `NDArray` piece or a constant) as a host array; a constant becomes a rank-0
    /// array, which broadcasts.
    static func host(_ value: Any) throws -> AnyNDArray {
        switch value {
        case let array as NDArray<Double>: AnyNDArray(array)
        case let array as NDArray<Float>: AnyNDArray(array)
        case let array as NDArray<Int64>: AnyNDArray(array)
        case let array as NDArray<Int32>: AnyNDArray(array)
        case let array as NDArray<Bool>: AnyNDArray(array)
        case let x as Double: AnyNDArray(NDArray(scalar: x))
        case let x as Float: AnyNDArray(NDArray(scalar: x))
        case let x as Int64: AnyNDArray(NDArray(scalar: x))
        case let x as Int32: AnyNDArray(NDArray(scalar: x))
        case let x as Bool: AnyNDArray(NDArray(scalar: x))
        default: throw BachError.typeMismatch(expected: "an NDArray or a scalar", found: "\(type(of: value))")
        }
    }

    /// `value` as a device array, or nil for a constant.
    static func device(_ value: Any) throws -> AnyGPUArray? {
        switch value {
        case let array as GPUArray<Double>: AnyGPUArray(array)
        case let array as GPUArray<Float>: AnyGPUArray(array)
        case let array as GPUArray<Int64>: AnyGPUArray(array)
        case let array as GPUArray<Int32>: AnyGPUArray(array)
        case let array as GPUArray<Bool>: AnyGPUArray(array)
        default:
            if constant(value) != nil {
                nil
            } else {
                throw BachError.typeMismatch(expected: "a GPUArray or a scalar", found: "\(type(of: value))")
            }
        }
    }

    /// A constant's element type and value, or nil when `value` is not a scalar.
    static func constant(_ value: Any) -> (DType, ScalarValue)? {
        switch value {
        case let x as Double: (.float64, .floating(x))
        case let x as Float: (.float32, .floating(Double(x)))
        case let x as Int64: (.int64, .integer(x))
        case let x as Int32: (.int32, .integer(Int64(x)))
        case let x as Bool: (.bool, .boolean(x))
        default: nil
        }
    }

    /// The typed array inside an erased host array.
    static func unwrap(_ array: AnyNDArray) -> Any {
        switch array {
        case .float64(let a): a
        case .float32(let a): a
        case .int64(let a): a
        case .int32(let a): a
        case .bool(let a): a
        }
    }

    /// The typed array inside an erased device array.
    static func unwrap(_ array: AnyGPUArray) -> Any {
        switch array {
        case .float64(let a): a
        case .float32(let a): a
        case .int64(let a): a
        case .int32(let a): a
        case .bool(let a): a
        }
    }
}

/// Runs GPUArrays code for a piece in the batch's context: its arrays are allocated from the
/// batch's pool and its kernels and copies are queued on the batch's stream, so that batches
/// overlap. Device errors come back as `DeviceError`s, which the runtime reads (running out of
/// memory plans smaller batches). Wrap the body of every GPU implementation in it:
///
/// ```swift
/// gpu: { pieces, context in
///     let x = try pieces.take(0, as: GPUArray<Double>.self)
///     return try onDevice(context) { try GPUArrays.exp(GPUArrays.negative(x)) }
/// }
/// ```
public func onDevice<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    do {
        guard let transfer = context.transfer else { return try body() }
        return try GPUContext(transfer).using(body)
    } catch let error as any WrapsDeviceError {
        guard let deviceError = error.deviceError else { throw error }
        throw deviceError
    }
}

/// Runs NDArrays code for a piece: on the calling thread alone when the runtime already runs a
/// batch per core (so the library does not split it again), with the library's threads otherwise.
/// Wrap the body of every CPU implementation in it.
public func onHost<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    context.parallelBatches ? try Parallelism.serially(body) : try body()
}
