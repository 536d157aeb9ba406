/// Reductions with NumPy's names. Without an axis they reduce every element to a scalar; with
/// `axis: 0` they reduce each column of a 2-D array, with `axis: 1` each row (for a 1-D array,
/// axis 0 is the whole array). Floating-point sums are pairwise, as accurate as NumPy's, and do not
/// depend on the thread count.

/// The sum of all elements (`numpy.sum`); 0 for an empty array. Integers wrap.
public func sum<S: NDNumeric>(_ a: NDArray<S>) -> S {
    a.withUnsafeBufferPointer { S._sum($0.baseAddress!, $0.count) }
}

/// The sums along an axis; throws for an axis the array does not have.
public func sum<S: NDNumeric>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<S> {
    if a.rank == 2 && axis == 1 {
        // Rows in parallel chunks, one call per chunk: narrow rows cost a call each otherwise.
        let (rows, columns) = (a.shape[0], a.shape[1])
        if columns == 0 { return NDArray.zeros([rows]) }
        let out = NDArray<S>(uninitializedShape: [rows])
        let target = UncheckedSendable(out.mutableBase)
        a.withUnsafeBufferPointer { buffer in
            let source = UncheckedSendable(buffer.baseAddress)
            Parallelism.forEachChunk(rows, grain: Swift.max(1, Grain.cheap / Swift.max(columns, 1))) {
                chunk in
                guard let base = source.value else { return }
                S._sumRows(
                    base + chunk.lowerBound * columns, rows: chunk.count, columns: columns,
                    into: target.value + chunk.lowerBound)
            }
        }
        return out
    }
    return try a.reduce("sum", axis: axis, allowEmpty: true) {
        S._sum($0, $1)
    } columns: { matrix in
        let out = NDArray<S>.zeros([matrix.shape[1]])
        let columns = matrix.shape[1]
        let target = out.mutableBase
        matrix.withUnsafeBufferPointer { buffer in
            for r in 0..<matrix.shape[0] {
                S._accumulate(buffer.baseAddress! + r * columns, into: target, columns)
            }
        }
        return out
    }
}

/// The smallest element (`numpy.min`); NaN if any element is NaN. Throws for an empty array.
public func min<S: NDNumeric>(_ a: NDArray<S>) throws(NDArrayError) -> S {
    try a.extremum("min", largest: false).value
}

/// The largest element (`numpy.max`); NaN if any element is NaN. Throws for an empty array.
public func max<S: NDNumeric>(_ a: NDArray<S>) throws(NDArrayError) -> S {
    try a.extremum("max", largest: true).value
}

/// The index of the first smallest element (`numpy.argmin`), or of the first NaN.
/// Throws for an empty array.
public func argmin<S: NDNumeric>(_ a: NDArray<S>) throws(NDArrayError) -> Int {
    try a.extremum("argmin", largest: false).index
}

/// The index of the first largest element (`numpy.argmax`), or of the first NaN.
/// Throws for an empty array.
public func argmax<S: NDNumeric>(_ a: NDArray<S>) throws(NDArrayError) -> Int {
    try a.extremum("argmax", largest: true).index
}

/// The smallest elements along an axis; throws for a bad axis or an empty reduction.
public func min<S: NDNumeric>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<S> {
    try a.reduceByExtremum("min", axis: axis, largest: false) { $0.value }
}

/// The largest elements along an axis; throws for a bad axis or an empty reduction.
public func max<S: NDNumeric>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<S> {
    try a.reduceByExtremum("max", axis: axis, largest: true) { $0.value }
}

/// The indices of the smallest elements along an axis; throws for a bad axis or an empty reduction.
public func argmin<S: NDNumeric>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<Int64> {
    try a.reduceByExtremum("argmin", axis: axis, largest: false) { Int64($0.index) }
}

/// The indices of the largest elements along an axis; throws for a bad axis or an empty reduction.
public func argmax<S: NDNumeric>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<Int64> {
    try a.reduceByExtremum("argmax", axis: axis, largest: true) { Int64($0.index) }
}

extension NDArray where Scalar: NDNumeric {
    func extremum(_ operation: String, largest: Bool) throws(NDArrayError) -> (index: Int, value: Scalar) {
        guard count > 0 else { throw .emptyInput(operation: operation) }
        return withUnsafeBufferPointer { Scalar._extremum($0.baseAddress!, $0.count, largest: largest) }
    }

    func reduceByExtremum<T: NDScalar>(
        _ operation: String, axis: Int, largest: Bool, _ pick: ((index: Int, value: Scalar)) -> T
    ) throws(NDArrayError) -> NDArray<T> {
        try reduce(operation, axis: axis, allowEmpty: false) { p, n in
            pick(Scalar._extremum(p, n, largest: largest))
        } columns: { matrix throws(NDArrayError) in
            try matrix.transposed().reduceByExtremum(operation, axis: 1, largest: largest, pick)
        }
    }

    /// Applies `rowwise` to each contiguous row (axis 1, or the whole 1-D array for axis 0) and
    /// `columns` to a 2-D array for axis 0.
    func reduce<T: NDScalar>(
        _ operation: String, axis: Int, allowEmpty: Bool,
        _ rowwise: (UnsafePointer<Scalar>, Int) -> T,
        columns: (NDArray) throws(NDArrayError) -> NDArray<T>
    ) throws(NDArrayError) -> NDArray<T> {
        guard axis >= 0 && axis < rank else {
            throw .invalidAxis(operation: operation, axis: axis, rank: rank)
        }
        let reduced = rank == 1 ? count : shape[axis]
        if reduced == 0 && !allowEmpty { throw .emptyInput(operation: operation) }
        if rank == 1 {
            return NDArray<T>(scalar: withUnsafeBufferPointer { rowwise($0.baseAddress!, $0.count) })
        }
        if axis == 0 { return try columns(self) }
        let out = NDArray<T>(uninitializedShape: [shape[0]])
        let target = out.mutableBase
        let columns = shape[1]
        withUnsafeBufferPointer { buffer in
            for r in 0..<shape[0] { target[r] = rowwise(buffer.baseAddress! + r * columns, columns) }
        }
        return out
    }
}
