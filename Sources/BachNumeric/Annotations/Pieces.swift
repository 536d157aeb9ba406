import Bach
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
