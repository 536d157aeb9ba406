import NDArrays

/// Splits samples and their labels into a training and a test part by the given row indices
/// (`sklearn.model_selection.train_test_split` with the indices it would draw): `xTrain` holds the
/// rows `trainIndices` of `x` in that order, and so on.
///
/// Taking the indices rather than a seed keeps a split reproducible across languages: draw them
/// once with scikit-learn and ship them (as `Wine.trainIndices` does), since our generator is not
/// NumPy's MT19937.
///
/// ```swift
/// let (data, target) = Wine.load()
/// let split = try trainTestSplit(data, target, trainIndices: Wine.trainIndices,
///                                testIndices: Wine.testIndices)
/// ```
///
/// Throws when `x` is not 2-D, `y` does not have one label per row, or an index is out of range.
public func trainTestSplit(
    _ x: NDArray<Double>, _ y: NDArray<Int64>, trainIndices: [Int], testIndices: [Int]
) throws(LearnError) -> (
    xTrain: NDArray<Double>, xTest: NDArray<Double>, yTrain: NDArray<Int64>, yTest: NDArray<Int64>
) {
    let operation = "trainTestSplit"
    try Validation.shape(x, operation)
    try Validation.labels(y, samples: x.shape[0], operation)
    for index in trainIndices + testIndices where index < 0 || index >= x.shape[0] {
        throw .invalidParameter(
            operation: operation, name: "indices", expected: "within 0..<\(x.shape[0])", found: "\(index)")
    }
    return (
        takeRows(x, trainIndices), takeRows(x, testIndices), takeRows(y, trainIndices),
        takeRows(y, testIndices)
    )
}

/// Rows (2-D) or elements (1-D) `indices` of `a`, in that order (`numpy.take(a, indices, axis=0)`);
/// the indices must be in range.
func takeRows<S: NDScalar>(_ a: NDArray<S>, _ indices: [Int]) -> NDArray<S> {
    let width = a.rank == 2 ? a.shape[1] : 1
    var result = NDArray<S>.empty(a.rank == 2 ? [indices.count, width] : [indices.count])
    a.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { target in
            for (row, index) in indices.enumerated() {
                for j in 0..<width { target[row * width + j] = source[index * width + j] }
            }
        }
    }
    return result
}
