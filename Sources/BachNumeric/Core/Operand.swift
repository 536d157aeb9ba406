import BachRuntime
import GPUArrays
import NDArrays

/// Something that can stand for one operand of a lazy elementwise call: a `LazyArray`, or a
/// scalar of its element type (recorded as a constant).
public protocol LazyOperand<Scalar> {
    associatedtype Scalar: ArrayScalar
    /// The operand as the recorder sees it.
    var lazyOperand: LazyArgument<Scalar> { get }
}

/// A lazy operand: an array of the graph, or a constant.
public enum LazyArgument<S: ArrayScalar> {
    case array(LazyArray<S>)
    case scalar(S)
}

extension LazyArray: LazyOperand {
    public var lazyOperand: LazyArgument<S> { .array(self) }
}

extension LazyScalar: LazyOperand {
    public typealias Scalar = S
    public var lazyOperand: LazyArgument<S> { .array(LazyArray(handle)) }
}

extension ArrayScalar {
    public var lazyOperand: LazyArgument<Self> { .scalar(self) }
}

/// The shapes and element types of this library's split types (for inference).
protocol ShapedSplit {
    var shape: [Int] { get }
    var dtype: DType { get }
}

extension ArraySplit: ShapedSplit {
    var dtype: DType { S.dtype }
}

/// The split type of a constant of an elementwise call: a scalar every piece gets whole.
struct ScalarConstant<S: ArrayScalar>: OffloadSplitType, ShapedSplit {
    let value: S

    var shape: [Int] { [] }
    var dtype: DType { S.dtype }
    var extent: Int? { nil }
    var bytesPerElement: Int { 0 }
    var description: String { "\(value)" }

    func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }
    func makeMerger() throws -> any Merger { try Broadcast().makeMerger() }
    func backend(of value: Any) -> Backend { .scalar }
    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any { value }
    func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}

extension LazyArgument {
    /// The runtime of an array operand.
    var runtime: Bach? {
        if case .array(let array) = self { return array.runtime }
        return nil
    }

    /// The operand as an argument of a recorded call.
    var callArgument: Bach.CallArgument {
        switch self {
        case .array(let array): .lazy(array.handle)
        case .scalar(let value): .constant(value, ScalarConstant(value: value))
        }
    }
}
