import Devices

/// A dense, row-major array of rank 0, 1 or 2 in device memory: the PyTorch-tensor role.
///
/// Unlike `NDArray`, a `GPUArray` has reference semantics for its elements, as a tensor does:
/// copies of the value share device memory, and `out:` operations write into that memory. Row
/// slices are views. Operations are issued asynchronously to the array's `GPUContext`; read values
/// back with `toHost(into:)` or `scalars()`, which wait for them.
public struct GPUArray<Scalar: GPUScalar>: @unchecked Sendable {
    /// The length of each dimension: `[]`, `[n]` or `[rows, columns]`.
    public let shape: [Int]
    let storage: GPUStorage
    /// The first element's index in `storage`.
    let offset: Int

    init(storage: GPUStorage, offset: Int, shape: [Int]) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
    }

    /// An array of the given shape whose elements are not set (`torch.empty`).
    public init(empty shape: [Int], in context: GPUContext) throws(GPUArrayError) {
        guard shape.count <= 2, shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidArgument(
                operation: "GPUArray(empty:)", expected: "a shape of rank 0 to 2 with non-negative lengths",
                found: describe(shape))
        }
        let count = shape.reduce(1, *)
        let bytes = count * MemoryLayout<Scalar>.stride
        let buffer = try onDevice { () throws(DeviceError) in
            try context.pool.allocate(bytes, for: context.stream)
        }
        self.init(storage: GPUStorage(buffer: buffer, context: context), offset: 0, shape: shape)
    }

    /// An array over `buffer`, which it adopts: the buffer returns to the context's pool (for
    /// reuse on its stream) when no array uses it any more. The buffer must come from that pool.
    public init(adopting buffer: DeviceBuffer, shape: [Int], in context: GPUContext) {
        precondition(
            shape.reduce(1, *) * MemoryLayout<Scalar>.stride <= buffer.bytes,
            "GPUArray(adopting:): \(buffer.bytes) bytes cannot hold shape \(describe(shape))")
        self.init(storage: GPUStorage(buffer: buffer, context: context), offset: 0, shape: shape)
    }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The context operations on this array run in.
    public var context: GPUContext { storage.context }

    /// The device memory holding the elements, with the byte offset of the first.
    public var buffer: (buffer: DeviceBuffer, byteOffset: Int) {
        (storage.buffer, offset * MemoryLayout<Scalar>.stride)
    }

    /// The shape as a matrix, the way broadcasting aligns it: `[n]` is one row of n columns.
    var matrixShape: (rows: Int, columns: Int) {
        switch rank {
        case 0: (1, 1)
        case 1: (1, shape[0])
        default: (shape[0], shape[1])
        }
    }

    /// Elements (1-D) or rows (2-D) `range` as a view on the same memory.
    public func slice(_ range: Range<Int>) throws(GPUArrayError) -> GPUArray {
        guard rank >= 1, range.lowerBound >= 0, range.upperBound <= shape[0] else {
            throw .invalidArgument(
                operation: "slice", expected: "a range within 0..<\(rank >= 1 ? shape[0] : 0)",
                found: "\(range)")
        }
        var sliced = shape
        sliced[0] = range.count
        let rowLength = rank == 2 ? shape[1] : 1
        return GPUArray(storage: storage, offset: offset + range.lowerBound * rowLength, shape: sliced)
    }

    /// The same elements under another shape with as many elements; shares memory.
    public func reshaped(_ newShape: [Int]) throws(GPUArrayError) -> GPUArray {
        guard newShape.count <= 2, newShape.allSatisfy({ $0 >= 0 }), newShape.reduce(1, *) == count else {
            throw .invalidArgument(
                operation: "reshape", expected: "a shape with \(count) elements", found: describe(newShape))
        }
        return GPUArray(storage: storage, offset: offset, shape: newShape)
    }
}

/// Device memory owned by arrays: returned to its pool, for reuse on its stream, when the last array
/// using it goes away.
final class GPUStorage: @unchecked Sendable {
    let buffer: DeviceBuffer
    let context: GPUContext

    init(buffer: DeviceBuffer, context: GPUContext) {
        self.buffer = buffer
        self.context = context
    }

    deinit {
        context.pool.recycle(buffer, from: context.stream)
    }
}
