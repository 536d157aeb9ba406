import NDArrays

/// The fraction of predictions equal to the true labels (`sklearn.metrics.accuracy_score` with
/// `normalize=True`), in 0...1.
///
/// ```swift
/// let accuracy = try accuracyScore(yTest, model.predict(xTest))   // e.g. 0.981
/// ```
///
/// Throws when either array is not 1-D, they differ in length, or they are empty.
public func accuracyScore(_ yTrue: NDArray<Int64>, _ yPred: NDArray<Int64>) throws(LearnError) -> Double {
    let operation = "accuracyScore"
    guard yTrue.rank == 1, yPred.rank == 1 else {
        throw .invalidShape(
            operation: operation, expected: "1-D arrays of labels",
            found: "shapes \(yTrue.shape) and \(yPred.shape)")
    }
    guard yTrue.count == yPred.count else {
        throw .sampleCountMismatch(operation: operation, expected: yTrue.count, found: yPred.count)
    }
    guard yTrue.count > 0 else {
        throw .tooFewSamples(operation: operation, expected: "at least 1 label", found: "0")
    }
    let matches = yTrue.withUnsafeBufferPointer { t in
        yPred.withUnsafeBufferPointer { p in (0..<t.count).reduce(0) { $0 + (t[$1] == p[$1] ? 1 : 0) } }
    }
    return Double(matches) / Double(yTrue.count)
}
