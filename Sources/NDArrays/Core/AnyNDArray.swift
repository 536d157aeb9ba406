/// An `NDArray` of any element type: what code that handles several types at once passes around
/// (fused evaluation, the annotated library's type-erased pieces).
public enum AnyNDArray: Sendable {
    case float64(NDArray<Double>)
    case float32(NDArray<Float>)
    case int64(NDArray<Int64>)
    case int32(NDArray<Int32>)
    case bool(NDArray<Bool>)

    /// `array` with its element type erased.
    public init<S: NDScalar>(_ array: NDArray<S>) {
        switch array {
        case let a as NDArray<Double>: self = .float64(a)
        case let a as NDArray<Float>: self = .float32(a)
        case let a as NDArray<Int64>: self = .int64(a)
        case let a as NDArray<Int32>: self = .int32(a)
        case let a as NDArray<Bool>: self = .bool(a)
        default: preconditionFailure("\(S.self) is not an NDArray element type")
        }
    }

    /// The array as `NDArray<S>`, or nil when it holds another element type.
    public func typed<S: NDScalar>(_: S.Type = S.self) -> NDArray<S>? {
        switch self {
        case .float64(let a): a as? NDArray<S>
        case .float32(let a): a as? NDArray<S>
        case .int64(let a): a as? NDArray<S>
        case .int32(let a): a as? NDArray<S>
        case .bool(let a): a as? NDArray<S>
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
        switch self {
        case .float64(let a): a.shape
        case .float32(let a): a.shape
        case .int64(let a): a.shape
        case .int32(let a): a.shape
        case .bool(let a): a.shape
        }
    }

    /// The array as an elementwise input (keeps its buffer alive).
    var input: ElementwiseInput {
        switch self {
        case .float64(let a): ElementwiseInput(a)
        case .float32(let a): ElementwiseInput(a)
        case .int64(let a): ElementwiseInput(a)
        case .int32(let a): ElementwiseInput(a)
        case .bool(let a): ElementwiseInput(a)
        }
    }

    /// A new array of `type` and `shape`, elements not yet written, and its first element.
    static func uninitialized(_ type: DType, _ shape: [Int]) -> (AnyNDArray, UnsafeMutableRawPointer) {
        func make<S: NDScalar>(_: S.Type) -> (AnyNDArray, UnsafeMutableRawPointer) {
            let array = NDArray<S>(uninitializedShape: shape)
            return (AnyNDArray(array), UnsafeMutableRawPointer(array.storage.base + array.offset))
        }
        return switch type {
        case .float64: make(Double.self)
        case .float32: make(Float.self)
        case .int64: make(Int64.self)
        case .int32: make(Int32.self)
        case .bool: make(Bool.self)
        }
    }
}
