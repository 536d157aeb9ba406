import Devices

/// A `GPUArray` of any element type: what code that handles several types at once passes around
/// (fused kernels with outputs of several types, the annotated library's type-erased pieces).
public enum AnyGPUArray: @unchecked Sendable {
    case float64(GPUArray<Double>)
    case float32(GPUArray<Float>)
    case int64(GPUArray<Int64>)
    case int32(GPUArray<Int32>)
    case bool(GPUArray<Bool>)

    /// `array` with its element type erased.
    public init<S: GPUScalar>(_ array: GPUArray<S>) {
        switch array {
        case let a as GPUArray<Double>: self = .float64(a)
        case let a as GPUArray<Float>: self = .float32(a)
        case let a as GPUArray<Int64>: self = .int64(a)
        case let a as GPUArray<Int32>: self = .int32(a)
        case let a as GPUArray<Bool>: self = .bool(a)
        default: preconditionFailure("\(S.self) is not a GPUArray element type")
        }
    }

    /// A new array of `type` and `shape` in `context`, elements not set.
    public init(empty shape: [Int], of type: DType, in context: GPUContext) throws(GPUArrayError) {
        switch type {
        case .float64: self = .float64(try GPUArray(empty: shape, in: context))
        case .float32: self = .float32(try GPUArray(empty: shape, in: context))
        case .int64: self = .int64(try GPUArray(empty: shape, in: context))
        case .int32: self = .int32(try GPUArray(empty: shape, in: context))
        case .bool: self = .bool(try GPUArray(empty: shape, in: context))
        }
    }

    /// The array as `GPUArray<S>`, or nil when it holds another element type.
    public func typed<S: GPUScalar>(_: S.Type = S.self) -> GPUArray<S>? {
        switch self {
        case .float64(let a): a as? GPUArray<S>
        case .float32(let a): a as? GPUArray<S>
        case .int64(let a): a as? GPUArray<S>
        case .int32(let a): a as? GPUArray<S>
        case .bool(let a): a as? GPUArray<S>
        }
    }

    /// The array as a kernel operand.
    public var erased: ErasedOperand {
        switch self {
        case .float64(let a): a.erased
        case .float32(let a): a.erased
        case .int64(let a): a.erased
        case .int32(let a): a.erased
        case .bool(let a): a.erased
        }
    }

    /// The element type.
    public var dtype: DType {
        switch self {
        case .float64: .float64
        case .float32: .float32
        case .int64: .int64
        case .int32: .int32
        case .bool: .bool
        }
    }

    /// The shape.
    public var shape: [Int] {
        if case .array(let shape, _, _, _, _) = erased { return shape }
        return []
    }
}
