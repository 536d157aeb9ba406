/// A dense, row-major array of rank 0, 1 or 2: the NumPy `ndarray` of this project.
///
/// `NDArray` is a value type. Copies share one 64-byte-aligned buffer until one of them is
/// written (copy-on-write), so passing arrays around never copies elements. Slices along the first
/// axis (`a[2..<5]`, `a.row(3)`) are views: they share the buffer too, in O(1), and behave as
/// independent values because writing to either side copies first.
///
/// Rank 0 holds a single scalar; it is what scalars become when they are broadcast against arrays.
///
/// Throwing and trapping: a function throws `NDArrayError` exactly when its result depends on
/// whether its arguments fit together (shapes, axes, sizes, empty input). Operators (`+`, `*`, …)
/// and subscripts cannot throw in Swift; they trap with the same message the throwing function
/// would have thrown. Nothing reads or writes out of bounds.
///
/// ```swift
/// let x = try NDArray<Double>.linspace(0, 1, count: 5)  // [0, 0.25, 0.5, 0.75, 1]
/// let m = try NDArray<Double>.arange(6).reshaped([2, 3])  // [[0, 1, 2], [3, 4, 5]]
/// let y = exp(-x * x) + 1.0                               // ufuncs and operators
/// let centred = try m - mean(m, axis: 0)                  // a row broadcast against the matrix
/// let inside = try `where`(x .< 0.5, x, 0.0)              // comparisons and where
/// print(sum(y), try argmax(x), centred.shape, inside[1])  // 8.6558… 4 [2, 3] 0.25
/// ```
public struct NDArray<Scalar: NDScalar>: Sendable {
    @usableFromInline var storage: NDStorage<Scalar>
    @usableFromInline var offset: Int
    /// The length of each dimension: `[]`, `[n]` or `[rows, columns]`.
    public internal(set) var shape: [Int]

    init(storage: NDStorage<Scalar>, offset: Int, shape: [Int]) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
    }

    /// An array of the given shape whose elements are not yet written.
    init(uninitializedShape shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(storage: NDStorage(capacity: count), offset: 0, shape: shape)
    }

    /// The number of dimensions: 0, 1 or 2.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The element type.
    public var dtype: DType { Scalar.dtype }

    /// The shape as a matrix, the way broadcasting aligns it: `[n]` is one row of n columns.
    var matrixShape: (rows: Int, columns: Int) {
        switch rank {
        case 0: (1, 1)
        case 1: (1, shape[0])
        default: (shape[0], shape[1])
        }
    }

    /// Elements per step along axis 0.
    var rowLength: Int { rank == 2 ? shape[1] : 1 }

    /// The first element (read-only use).
    var base: UnsafePointer<Scalar> { UnsafePointer(storage.base + offset) }

    /// Makes the buffer exclusively this array's, copying this array's elements if it was shared.
    @usableFromInline
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            let fresh = NDStorage<Scalar>(capacity: count)
            fresh.base.update(from: base, count: count)
            storage = fresh
            offset = 0
        }
    }

    /// Makes the buffer exclusively this array's without keeping its elements: for writers that
    /// overwrite every element. Returns the buffer it replaced, if any, so that a caller still
    /// reading from it can keep it alive.
    mutating func makeUniqueForOverwrite() -> NDStorage<Scalar>? {
        if isKnownUniquelyReferenced(&storage) { return nil }
        let old = storage
        storage = NDStorage<Scalar>(capacity: count)
        offset = 0
        return old
    }

    /// The first element, writable; call only after `makeUnique` or `makeUniqueForOverwrite`.
    var mutableBase: UnsafeMutablePointer<Scalar> { storage.base + offset }

    /// Reads the elements in row-major order.
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// Writes the elements in row-major order; copies first if the buffer is shared.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: mutableBase, count: count))
    }

    /// The elements in row-major order.
    public var scalars: [Scalar] { withUnsafeBufferPointer { Array($0) } }
}
