/// Element access and slicing. Subscripts trap on out-of-range indices with a message that names
/// the index and the shape; slices along the first axis are copy-on-write views.
extension NDArray {
    /// The element at `index` of a 1-D array.
    public subscript(index: Int) -> Scalar {
        get {
            checkElement([index])
            return withExtendedLifetime(storage) { base[index] }
        }
        set {
            checkElement([index])
            makeUnique()
            mutableBase[index] = newValue
        }
    }

    /// The element at `row`, `column` of a 2-D array.
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            checkElement([row, column])
            return withExtendedLifetime(storage) { base[row * shape[1] + column] }
        }
        set {
            checkElement([row, column])
            makeUnique()
            mutableBase[row * shape[1] + column] = newValue
        }
    }

    /// Elements (1-D) or rows (2-D) `range`, as a view that shares this array's buffer until
    /// either is written (`a[start:end]` in NumPy). Setting it copies `newValue`, which must have
    /// the slice's shape, into that range.
    public subscript(range: Range<Int>) -> NDArray {
        get { trapping { try slice(range) } }
        set { trapping { try replaceSlice(range, with: newValue) } }
    }

    /// Row `index` of a 2-D array as a 1-D view.
    public func row(_ index: Int) -> NDArray {
        if rank != 2 { fatalError("row: expected a 2-D array, found an array of rank \(rank)") }
        var view = trapping { try slice(index..<(index + 1)) }
        view.shape = [shape[1]]
        return view
    }

    /// Elements (1-D) or rows (2-D) `range` as a view; throws when the range is out of bounds.
    public func slice(_ range: Range<Int>) throws(NDArrayError) -> NDArray {
        guard rank >= 1 else {
            throw .invalidRank(operation: "slice", expected: "an array of rank 1 or 2", found: 0)
        }
        guard range.lowerBound >= 0 && range.upperBound <= shape[0] else {
            throw .invalidArgument(
                operation: "slice", expected: "a range within 0..<\(shape[0])", found: "\(range)")
        }
        var sliced = shape
        sliced[0] = range.count
        return NDArray(storage: storage, offset: offset + range.lowerBound * rowLength, shape: sliced)
    }

    /// Copies `values` into elements (1-D) or rows (2-D) `range`; throws when the shapes differ.
    public mutating func replaceSlice(_ range: Range<Int>, with values: NDArray) throws(NDArrayError) {
        let target = try slice(range)
        guard values.shape == target.shape else {
            throw .shapeMismatch(
                operation: "replaceSlice", expected: describe(target.shape), found: describe(values.shape))
        }
        makeUnique()
        withExtendedLifetime(values.storage) {
            (mutableBase + range.lowerBound * rowLength).update(from: values.base, count: values.count)
        }
    }

    private func checkElement(_ index: [Int]) {
        if !(index.count == rank && zip(index, shape).allSatisfy { $0 >= 0 && $0 < $1 }) {
            fatalError("index \(index) is out of bounds for an array of shape \(describe(shape))")
        }
    }
}

extension NDArray: Equatable {
    /// Same shape and equal elements (so NaN makes arrays unequal, as in `numpy.array_equal`).
    public static func == (a: NDArray, b: NDArray) -> Bool {
        a.shape == b.shape && a.scalars == b.scalars
    }
}

extension NDArray: CustomStringConvertible {
    /// A NumPy-like rendering, abbreviated past a few dozen elements.
    public var description: String {
        let values = scalars.map(\.description)
        func list(_ items: ArraySlice<String>) -> String {
            items.count > 12
                ? "[" + items.prefix(6).joined(separator: ", ") + ", …, "
                    + items.suffix(6).joined(separator: ", ") + "]"
                : "[" + items.joined(separator: ", ") + "]"
        }
        switch rank {
        case 0: return values[0]
        case 1: return list(values[...])
        default:
            let rows = (0..<shape[0]).map { r in list(values[(r * shape[1])..<((r + 1) * shape[1])]) }
            let shown = rows.count > 12 ? Array(rows.prefix(6)) + ["…"] + Array(rows.suffix(6)) : rows
            return "[" + shown.joined(separator: ",\n ") + "]"
        }
    }
}
