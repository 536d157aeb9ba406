/// Constructors with NumPy's names. A shape is `[n]` or `[rows, columns]` (or `[]` for a scalar);
/// a negative length or a rank above 2 is a programming error and traps with a message, the way
/// `Array(repeating:count:)` does for a negative count.
extension NDArray {
    /// A rank-0 array holding `scalar`: what a scalar is when broadcast against an array.
    public init(scalar: Scalar) {
        self.init(uninitializedShape: [])
        storage.base.initialize(to: scalar)
    }

    /// A 1-D array of the given elements.
    public init(_ scalars: [Scalar]) {
        self.init(uninitializedShape: [scalars.count])
        scalars.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: $0.count) }
    }

    /// A 2-D array of the given rows; throws when the rows differ in length.
    public init(rows: [[Scalar]]) throws(NDArrayError) {
        let columns = rows.first?.count ?? 0
        if let ragged = rows.firstIndex(where: { $0.count != columns }) {
            throw .invalidArgument(
                operation: "NDArray(rows:)", expected: "rows of \(columns) elements",
                found: "row \(ragged) with \(rows[ragged].count)")
        }
        self.init(uninitializedShape: [rows.count, columns])
        for (index, row) in rows.enumerated() {
            row.withUnsafeBufferPointer {
                storage.base.advanced(by: index * columns).update(from: $0.baseAddress!, count: columns)
            }
        }
    }

    /// An array of the given shape holding `scalars` in row-major order; throws when the counts differ.
    public init(shape: [Int], scalars: [Scalar]) throws(NDArrayError) {
        try validate(shape, "NDArray(shape:scalars:)")
        let count = shape.reduce(1, *)
        guard scalars.count == count else {
            throw .invalidArgument(
                operation: "NDArray(shape:scalars:)",
                expected: "\(count) elements for shape \(describe(shape))",
                found: "\(scalars.count)")
        }
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: count) }
    }

    /// An array of the given shape with every element `value` (`numpy.full`).
    public static func full(_ shape: [Int], _ value: Scalar) -> NDArray {
        trapping { try validate(shape, "full") }
        let array = NDArray(uninitializedShape: shape)
        fill(array.mutableBase, with: value, count: array.count)
        return array
    }

    /// An array of zeros (`false` for `Bool`) (`numpy.zeros`).
    public static func zeros(_ shape: [Int]) -> NDArray { full(shape, Scalar.zero) }

    /// An array whose elements are not set (`numpy.empty`): for arrays that are written before
    /// they are read, such as `out:` targets. `Bool` arrays come zeroed, as every byte must be a
    /// valid `Bool`.
    public static func empty(_ shape: [Int]) -> NDArray {
        trapping { try validate(shape, "empty") }
        if Scalar.self == Bool.self { return zeros(shape) }
        return NDArray(uninitializedShape: shape)
    }
}

extension NDArray where Scalar: NDNumeric {
    /// An array of ones (`numpy.ones`).
    public static func ones(_ shape: [Int]) -> NDArray { full(shape, Scalar.one) }

    /// `start, start + step, …` below `stop` (above it for a negative step) (`numpy.arange`).
    /// Throws for a zero step.
    public static func arange(_ start: Scalar, _ stop: Scalar, step: Scalar = Scalar.one)
        throws(NDArrayError) -> NDArray
    {
        guard step != Scalar.zero else {
            throw .invalidArgument(operation: "arange", expected: "a non-zero step", found: "0")
        }
        let span = (stop._double - start._double) / step._double
        let count = Swift.max(0, Int(span.rounded(.up)))
        let array = NDArray(uninitializedShape: [count])
        for i in 0..<count { array.storage.base[i] = start + Scalar(i) * step }
        return array
    }

    /// `0, 1, …, count - 1` (`numpy.arange(n)`).
    public static func arange(_ count: Int) -> NDArray {
        trapping { try arange(Scalar.zero, Scalar(Swift.max(count, 0))) }
    }
}

extension NDArray where Scalar: NDFloatingPoint {
    /// `count` evenly spaced values from `start` to `stop`, which is included unless
    /// `endpoint` is false (`numpy.linspace`). Throws for a negative count.
    public static func linspace(_ start: Scalar, _ stop: Scalar, count: Int, endpoint: Bool = true)
        throws(NDArrayError) -> NDArray
    {
        guard count >= 0 else {
            throw .invalidArgument(operation: "linspace", expected: "count >= 0", found: "\(count)")
        }
        let array = NDArray(uninitializedShape: [count])
        let divisions = endpoint ? count - 1 : count
        let step = divisions > 0 ? (stop._double - start._double) / Double(divisions) : 0
        for i in 0..<count { array.storage.base[i] = Scalar(start._double + Double(i) * step) }
        if endpoint && count > 1 { array.storage.base[count - 1] = stop }
        return array
    }
}

/// Checks that a shape has rank 0 to 2 and no negative length.
func validate(_ shape: [Int], _ operation: String) throws(NDArrayError) {
    guard shape.count <= 2 else {
        throw .invalidArgument(
            operation: operation, expected: "a shape of rank 0, 1 or 2", found: describe(shape))
    }
    guard shape.allSatisfy({ $0 >= 0 }) else {
        throw .invalidArgument(
            operation: operation, expected: "non-negative lengths", found: describe(shape))
    }
}

/// Sets `count` elements at `base` to `value`, on every core for large arrays: the first write of
/// each fresh page costs a page fault, and those then run in parallel.
func fill<S>(_ base: UnsafeMutablePointer<S>, with value: S, count: Int) {
    Parallelism.forEachChunk(count, grain: 1 << 16) { range in
        fillSerially(base + range.lowerBound, with: value, count: range.count)
    }
}

/// Sets `count` elements at `base` to `value` by byte copies: one element doubled up to a 32 KiB
/// block, which stays in cache while it is copied over the rest. Independent of the element type,
/// so as fast from generic code as from specialised code.
private func fillSerially<S>(_ base: UnsafeMutablePointer<S>, with value: S, count: Int) {
    guard count > 0 else { return }
    base.initialize(to: value)
    let raw = UnsafeMutableRawPointer(base)
    let size = MemoryLayout<S>.stride
    let block = Swift.max(1, (32 << 10) / size)
    var filled = 1
    while filled < count {
        let chunk = Swift.min(filled, block, count - filled)
        (raw + filled * size).copyMemory(from: raw, byteCount: chunk * size)
        filled += chunk
    }
}
