import BachRuntime
import Devices
import GPUArrays
import NDArrays

/// The split type of arrays: an `NDArray` on the host or a `GPUArray` on the device, of a known
/// shape, split along axis 0 (elements of a vector, rows of a matrix). Pieces are contiguous, so
/// the executor stages them itself; host results are written straight into the final array.
public struct ArraySplit<S: ArrayScalar>: ContiguousSplitType {
    /// The whole value's shape.
    public let shape: [Int]

    public init(shape: [Int]) {
        self.shape = shape
    }

    public var extent: Int? { shape.isEmpty ? nil : shape[0] }

    /// Elements per step along axis 0.
    var rowLength: Int { shape.dropFirst().reduce(1, *) }

    public var bytesPerElement: Int { rowLength * MemoryLayout<S>.stride }

    public var description: String { "\(S.dtype)\(describeShape(shape))" }

    /// The split type itself, or an error naming `operation` when the shape is not one arrays can
    /// have (rank 0 to 2, no negative length), as NDArray's constructors report it.
    func validated(_ operation: String) throws(NDArrayError) -> ArraySplit {
        guard shape.count <= 2 else {
            throw .invalidRank(operation: operation, expected: "0, 1 or 2", found: shape.count)
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidArgument(
                operation: operation, expected: "a shape with no negative length", found: describeShape(shape)
            )
        }
        return self
    }

    /// The shape of a piece of `count` elements along axis 0.
    func pieceShape(_ count: Int) -> [Int] {
        shape.isEmpty ? [] : [count] + shape.dropFirst()
    }

    public func split(_ value: Any, _ range: Range<Int>) throws -> Any {
        switch value {
        case let array as NDArray<S>: return array.rank == 0 ? array : try array.slice(range)
        case let array as GPUArray<S>: return array.rank == 0 ? array : try array.slice(range)
        default: return value
        }
    }

    public func makeMerger() throws -> any Merger { ArrayMerger<S>(shape: shape) }

    public func backend(of value: Any) -> Backend {
        switch value {
        case is NDArray<S>: .cpu
        case is GPUArray<S>: .gpu
        default: .scalar
        }
    }

    public func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        switch (value, backend) {
        case (let array as NDArray<S>, .gpu):
            return try array.withUnsafeBufferPointer { elements in
                try GPUArray(copying: elements, shape: array.shape, in: GPUContext(context))
            }
        case (let array as GPUArray<S>, .cpu):
            var host = NDArray<S>.empty(array.shape)
            try host.withUnsafeMutableBufferPointer { try array.copy(to: $0) }
            return host
        default:
            return value
        }
    }

    public func duplicate(_ value: Any, context: TransferContext) throws -> Any {
        guard let array = value as? GPUArray<S> else { return value }
        return try array.copy()
    }

    public func hostBytes(of value: Any, range: Range<Int>) -> UnsafeRawBufferPointer {
        let array = value as! NDArray<S>
        let stride = MemoryLayout<S>.stride
        let row = array.rank == 0 ? 1 : array.count / Swift.max(array.shape[0], 1)
        return array.withUnsafeBufferPointer { elements in
            UnsafeRawBufferPointer(
                start: elements.baseAddress.map { UnsafeRawPointer($0) + range.lowerBound * row * stride },
                count: (array.rank == 0 ? array.count : range.count * row) * stride)
        }
    }

    public func deviceBytes(of value: Any) -> (buffer: DeviceBuffer, byteOffset: Int, bytes: Int) {
        let array = value as! GPUArray<S>
        let (buffer, byteOffset) = array.buffer
        return (buffer, byteOffset, array.count * MemoryLayout<S>.stride)
    }

    public func deviceValue(adopting buffer: DeviceBuffer, count: Int, context: TransferContext) -> Any {
        GPUArray<S>(adopting: buffer, shape: pieceShape(count), in: GPUContext(context))
    }

    public func hostValue(copying bytes: UnsafeRawBufferPointer, count: Int) -> Any {
        var array = NDArray<S>.empty(pieceShape(count))
        array.withUnsafeMutableBufferPointer { target in
            if let base = target.baseAddress, bytes.count > 0 {
                UnsafeMutableRawPointer(base).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
        }
        return array
    }
}

/// Assembles an array from pieces written straight into its memory.
final class ArrayMerger<S: ArrayScalar>: Merger {
    private var array: NDArray<S>
    private let base: UnsafeMutableRawPointer?
    private let rowBytes: Int

    init(shape: [Int]) {
        array = NDArray<S>.empty(shape)
        base = array.withUnsafeMutableBufferPointer { $0.baseAddress.map { UnsafeMutableRawPointer($0) } }
        rowBytes = shape.dropFirst().reduce(1, *) * MemoryLayout<S>.stride
    }

    func region(for range: Range<Int>) -> UnsafeMutableRawBufferPointer? {
        guard let base else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        let rows = array.rank == 0 ? 0..<1 : range
        return UnsafeMutableRawBufferPointer(
            start: base + rows.lowerBound * rowBytes, count: rows.count * rowBytes)
    }

    func add(_ piece: Any, range: Range<Int>) throws {
        guard let piece = piece as? NDArray<S> else {
            throw BachError.typeMismatch(expected: "NDArray<\(S.self)>", found: "\(type(of: piece))")
        }
        let target = region(for: range)!
        piece.withUnsafeBufferPointer { source in
            if let from = source.baseAddress, target.count > 0 {
                target.baseAddress!.copyMemory(
                    from: from, byteCount: Swift.min(target.count, source.count * MemoryLayout<S>.stride))
            }
        }
    }

    func finish() throws -> Any { array }
}

extension GPUContext {
    /// The GPU library's view of the executor's batch context.
    convenience init(_ context: TransferContext) {
        self.init(device: context.device, stream: context.stream, pool: context.pool)
    }
}

/// A shape as NumPy prints it: `(3,)`, `(2, 4)`, `()`.
func describeShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
