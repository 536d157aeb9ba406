import Bach
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

/// The shapes of array split types, whatever their element type (for inference).
protocol ShapedSplit {
    var shape: [Int] { get }
}

extension ArraySplit: ShapedSplit {}

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
        case .scalar(let value): .constant(value, Broadcast("\(value)"))
        }
    }
}

/// Reading pieces inside implementations: a piece is an array, or a constant scalar. Pieces are
/// taken out of the arguments so that an array written in place holds its only reference.
extension Arguments {
    /// Argument `index` as a host array (a scalar becomes a rank-0 array, which broadcasts).
    mutating func host<S: ArrayScalar>(_ index: Int, _: S.Type) throws -> NDArray<S> {
        if let array = try? take(index, as: NDArray<S>.self) { return array }
        return NDArray(scalar: try take(index, as: S.self))
    }

    /// Argument `index` as a GPU operand (a scalar becomes a kernel parameter).
    mutating func device<S: ArrayScalar>(_ index: Int, _: S.Type) throws -> any GPUOperand<S> {
        if let array = try? take(index, as: GPUArray<S>.self) { return array }
        return try take(index, as: S.self)
    }
}
