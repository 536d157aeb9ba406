/// Joins arrays along axis 0 (`numpy.concatenate`): 1-D arrays end to end, 2-D arrays row after
/// row. Throws for an empty list, mixed ranks, or 2-D arrays whose column counts differ.
public func concatenate<S: NDScalar>(_ arrays: [NDArray<S>]) throws(NDArrayError) -> NDArray<S> {
    guard let first = arrays.first else {
        throw .invalidArgument(operation: "concatenate", expected: "at least one array", found: "none")
    }
    guard first.rank >= 1 else {
        throw .invalidRank(operation: "concatenate", expected: "arrays of rank 1 or 2", found: 0)
    }
    for array in arrays where array.shape.dropFirst() != first.shape.dropFirst() {
        throw .shapeMismatch(
            operation: "concatenate",
            expected: "arrays like \(describe(first.shape)) apart from axis 0",
            found: describe(array.shape))
    }
    var shape = first.shape
    shape[0] = arrays.reduce(0) { $0 + $1.shape[0] }
    let result = NDArray<S>(uninitializedShape: shape)
    var cursor = result.mutableBase
    for array in arrays {
        array.withUnsafeBufferPointer { cursor.update(from: $0.baseAddress!, count: $0.count) }
        cursor += array.count
    }
    return result
}

/// Stacks arrays of one shape along a new axis (`numpy.stack`): axis 0 makes each array a row,
/// axis 1 a column. Only 1-D arrays can be stacked (the result has rank 2). Throws for an empty
/// list, differing shapes or another axis.
public func stack<S: NDScalar>(_ arrays: [NDArray<S>], axis: Int = 0) throws(NDArrayError)
    -> NDArray<S>
{
    guard let first = arrays.first else {
        throw .invalidArgument(operation: "stack", expected: "at least one array", found: "none")
    }
    guard first.rank == 1 else {
        throw .invalidRank(operation: "stack", expected: "1-D arrays", found: first.rank)
    }
    guard axis == 0 || axis == 1 else { throw .invalidAxis(operation: "stack", axis: axis, rank: 2) }
    for array in arrays where array.shape != first.shape {
        throw .shapeMismatch(
            operation: "stack", expected: describe(first.shape), found: describe(array.shape))
    }
    let rows = try concatenate(arrays).reshaped([arrays.count, first.shape[0]])
    return axis == 0 ? rows : rows.transposed()
}
