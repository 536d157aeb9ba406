import NDArrays

/// Classification by a vote of the k nearest training samples
/// (`sklearn.neighbors.KNeighborsClassifier` with the Euclidean metric and `algorithm="brute"`).
///
/// `fit` keeps the training data (the model is its data); `predict` finds each query's
/// `nNeighbors` nearest training rows by blocked `gemm` distances and takes the class with the
/// most votes (`.uniform`) or the largest sum of inverse distances (`.distance`). Ties are broken
/// as scikit-learn breaks them: between equal distances, candidates enter scikit-learn's heap in
/// index order (the earlier index is kept); between equal votes, the smallest class wins.
/// scikit-learn's default `algorithm="auto"` would use a k-d tree for at most 15 features, which
/// finds the same neighbours except where several lie at exactly the k-th distance.
///
/// Each query row is classified on its own, so any row slice of X predicts the same labels as X.
///
/// ```swift
/// var knn = KNeighborsClassifier(nNeighbors: 5)
/// try knn.fit(xTrain, yTrain)
/// let predicted = try knn.predict(xTest)
/// ```
public struct KNeighborsClassifier: Sendable, Equatable {
    /// How the neighbours' votes are weighted (scikit-learn's `weights`).
    public enum Weights: String, Sendable, Equatable {
        /// Every neighbour counts once.
        case uniform
        /// Each neighbour counts 1/distance; a query at distance 0 of some neighbours takes their
        /// vote alone.
        case distance
    }

    /// The number of neighbours that vote, at least 1 and at most the number of training samples.
    public var nNeighbors: Int
    /// How votes are weighted.
    public var weights: Weights

    /// The training samples (`_fit_X`).
    public private(set) var trainingSamples: NDArray<Double>?
    /// The distinct labels, ascending (`classes_`).
    public private(set) var classes: NDArray<Int64>?
    /// Each training sample's label as an index into `classes` (`_y`).
    public private(set) var encodedLabels: NDArray<Int64>?
    /// The squared norm of each training sample, computed once at `fit`.
    public private(set) var squaredNorms: NDArray<Double>?

    /// A classifier with scikit-learn's defaults (5 neighbours, uniform weights).
    public init(nNeighbors: Int = 5, weights: Weights = .uniform) {
        self.nNeighbors = nNeighbors
        self.weights = weights
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { trainingSamples != nil }

    /// The number of features `fit` saw (0 before fitting).
    public var nFeaturesIn: Int { trainingSamples?.shape[1] ?? 0 }

    /// Keeps the training samples `x` and their labels `y`.
    @discardableResult
    public mutating func fit(_ x: NDArray<Double>, _ y: NDArray<Int64>) throws(LearnError)
        -> KNeighborsClassifier
    {
        let operation = "KNeighborsClassifier.fit"
        guard nNeighbors >= 1 else {
            throw .invalidParameter(
                operation: operation, name: "nNeighbors", expected: ">= 1", found: "\(nNeighbors)")
        }
        try Validation.samples(x, operation)
        try Validation.labels(y, samples: x.shape[0], operation)
        let distinct = Array(Set(y.scalars)).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int64($0)) })
        trainingSamples = x
        classes = NDArray(distinct)
        encodedLabels = NDArray(y.scalars.map { position[$0]! })
        squaredNorms = squaredRowNorms(x)
        return self
    }

    /// The `nNeighbors` (or `count`) nearest training samples of each row of `x`, nearest first:
    /// their Euclidean distances and their row indices in the training data (`kneighbors`).
    /// - Complexity: O(queries · training samples · features).
    public func kneighbors(_ x: NDArray<Double>, count: Int? = nil) throws(LearnError) -> (
        distances: NDArray<Double>, indices: NDArray<Int64>
    ) {
        let k = count ?? nNeighbors
        let nearest = try neighbours(x, k, "KNeighborsClassifier.kneighbors")
        let queryNorms = squaredRowNorms(x)
        let m = x.shape[0]
        let distances = (0..<(m * k)).map {
            (Swift.max(nearest.keys[$0] + queryNorms[$0 / k], 0)).squareRoot()
        }
        return (
            must { () throws(NDArrayError) in try NDArray(shape: [m, k], scalars: distances) },
            must { () throws(NDArrayError) in
                try NDArray(shape: [m, k], scalars: nearest.indices.map { Int64($0) })
            }
        )
    }

    /// The predicted label of each row of `x`.
    /// - Complexity: O(queries · training samples · features).
    public func predict(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Int64> {
        let probabilities = try votes(x, "KNeighborsClassifier.predict")
        let (m, c) = (x.shape[0], probabilities.count / Swift.max(x.shape[0], 1))
        let labels = classes!.scalars
        return NDArray(
            (0..<m).map { i in
                var best = 0
                for j in 1..<Swift.max(c, 1) where probabilities[i * c + j] > probabilities[i * c + best] {
                    best = j
                }
                return labels[best]
            })
    }

    /// The fraction of the (weighted) vote each class gets, one row per query and one column per
    /// entry of `classes` (`predict_proba`).
    public func predictProba(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let probabilities = try votes(x, "KNeighborsClassifier.predictProba")
        return must { () throws(NDArrayError) in
            try NDArray(shape: [x.shape[0], classes!.count], scalars: probabilities)
        }
    }

    /// Normalised class votes, row-major (queries × classes).
    private func votes(_ x: NDArray<Double>, _ operation: String) throws(LearnError) -> [Double] {
        let k = nNeighbors
        let nearest = try neighbours(x, k, operation)
        let c = classes!.count
        let labels = encodedLabels!.scalars
        let m = x.shape[0]
        var votes = [Double](repeating: 0, count: m * c)
        let queryNorms = weights == .distance ? squaredRowNorms(x) : nil
        var distances = [Double](repeating: 0, count: k)
        for i in 0..<m {
            let (row, out) = (i * k, i * c)
            if let queryNorms {
                for j in 0..<k {
                    distances[j] = (Swift.max(nearest.keys[row + j] + queryNorms[i], 0)).squareRoot()
                }
                // scikit-learn's _get_weights: 1/distance, or only the exact matches when there are any.
                let exact = distances.contains(0)
                for j in 0..<k where !exact || distances[j] == 0 {
                    votes[out + Int(labels[nearest.indices[row + j]])] += exact ? 1 : 1 / distances[j]
                }
            } else {
                for j in 0..<k { votes[out + Int(labels[nearest.indices[row + j]])] += 1 }
            }
            var total = 0.0
            for j in 0..<c { total += votes[out + j] }
            for j in 0..<c { votes[out + j] /= total }
        }
        return votes
    }

    private func neighbours(_ x: NDArray<Double>, _ k: Int, _ operation: String) throws(LearnError) -> ArgKmin
    {
        guard let trainingSamples, let squaredNorms else { throw .notFitted(operation: operation) }
        try Validation.samples(x, operation, samples: 0)
        try Validation.features(x, trainingSamples.shape[1], operation)
        guard k >= 1, k <= trainingSamples.shape[0] else {
            throw .invalidParameter(
                operation: operation, name: "nNeighbors",
                expected: "in 1...\(trainingSamples.shape[0]) (the number of training samples)", found: "\(k)"
            )
        }
        return try ArgKmin(queries: x, fitted: trainingSamples, squaredNorms: squaredNorms, k: k)
    }
}
