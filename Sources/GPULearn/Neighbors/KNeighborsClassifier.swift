import Devices
import GPUArrays

/// Classification by a vote of the k nearest training samples on the device (cuML's
/// `KNeighborsClassifier`, brute force): distances by blocked `gemm` (`‖y‖² − 2 x·y`, the
/// query's own norm left out as it ranks nothing), then one thread per query keeps the k nearest
/// in scikit-learn's heap and counts the votes (`NeighborKernels.vote`).
///
/// Neighbours and ties are chosen exactly as `Learn.KNeighborsClassifier` chooses them from the
/// same distances. Queries are not checked for NaN on the device (that would cost a pass and a
/// wait per call): a NaN query finds no neighbour and predicts the first class.
///
/// ```swift
/// var knn = KNeighborsClassifier(nNeighbors: 5)
/// try knn.fit(xTrain, yTrain)
/// let predicted = try knn.predict(xTest)          // GPUArray<Int64>
/// ```
public struct KNeighborsClassifier: Sendable {
    /// How the neighbours' votes are weighted (scikit-learn's `weights`).
    public enum Weights: String, Sendable, Equatable {
        /// Every neighbour counts once.
        case uniform
        /// Each neighbour counts 1/distance; neighbours at distance 0, if any, vote alone.
        case distance
    }

    /// The number of neighbours that vote.
    public var nNeighbors: Int
    /// How votes are weighted.
    public var weights: Weights

    /// The training samples.
    public private(set) var trainingSamples: GPUArray<Double>?
    /// The distinct labels, ascending.
    public private(set) var classes: GPUArray<Int64>?
    /// Each training sample's label as an index into `classes`.
    public private(set) var encodedLabels: GPUArray<Int32>?
    /// The squared norm of each training sample.
    public private(set) var squaredNorms: GPUArray<Double>?

    /// A classifier with scikit-learn's defaults (5 neighbours, uniform weights).
    public init(nNeighbors: Int = 5, weights: Weights = .uniform) {
        self.nNeighbors = nNeighbors
        self.weights = weights
    }

    /// A model fitted elsewhere, from its fitted attributes on the device.
    public init(
        nNeighbors: Int, weights: Weights, trainingSamples: GPUArray<Double>, classes: GPUArray<Int64>,
        encodedLabels: GPUArray<Int32>, squaredNorms: GPUArray<Double>
    ) {
        self.init(nNeighbors: nNeighbors, weights: weights)
        self.trainingSamples = trainingSamples
        self.classes = classes
        self.encodedLabels = encodedLabels
        self.squaredNorms = squaredNorms
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { trainingSamples != nil }

    /// Keeps the training samples `x` and their labels `y`. The distinct labels are found on the
    /// host (the labels are read back once).
    /// - Complexity: O(samples · features) on the device.
    @discardableResult
    public mutating func fit(_ x: GPUArray<Double>, _ y: GPUArray<Int64>) throws(GPULearnError)
        -> KNeighborsClassifier
    {
        let operation = "KNeighborsClassifier.fit"
        guard nNeighbors >= 1 else {
            throw .invalidParameter(
                operation: operation, name: "nNeighbors", expected: ">= 1", found: "\(nNeighbors)")
        }
        try Validation.shape(x, operation)
        try Validation.labels(y, samples: x.shape[0], operation)
        let context = DeviceMath.context(of: x)
        let labels = try device(operation) { () throws(GPUArrayError) in try y.scalars() }
        let distinct = Array(Set(labels)).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        let encoded = labels.map { position[$0]! }
        let norms = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [x.shape[0]], in: context)
        }
        try DeviceMath.launch(
            DecompositionKernels.rowNorms, count: x.shape[0],
            [DeviceMath.argument(x), .int64(Int64(x.shape[1])), DeviceMath.argument(norms)],
            reading: [x.context],
            in: context, operation)
        try Validation.finite(x, operation, evidence: norms)
        classes = try DeviceMath.upload(distinct, in: context, operation)
        encodedLabels = try DeviceMath.upload(encoded, in: context, operation)
        (trainingSamples, squaredNorms) = (x, norms)
        return self
    }

    /// Queries per block whose distances to every training sample take at most this many bytes.
    static let blockBytes = 64 << 20

    /// The predicted label of each row of `x`.
    /// - Complexity: O(queries · training samples · features) on the device.
    public func predict(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Int64> {
        let operation = "KNeighborsClassifier.predict"
        guard let trainingSamples, let classes, let encodedLabels, let squaredNorms else {
            throw .notFitted(operation: operation)
        }
        try Validation.shape(x, operation, samples: 0)
        try Validation.features(x, trainingSamples.shape[1], operation)
        let (q, m, k, c) = (x.shape[0], trainingSamples.shape[0], nNeighbors, classes.count)
        guard k >= 1, k <= m else {
            throw .invalidParameter(
                operation: operation, name: "nNeighbors",
                expected: "in 1...\(m) (the number of training samples)",
                found: "\(k)")
        }
        let context = DeviceMath.context(of: x)
        let predicted = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Int64>(empty: [q], in: context)
        }
        let rows = Swift.max(1, Swift.min(q, Self.blockBytes / MemoryLayout<Double>.stride / m))
        var start = 0
        while start < q {
            let count = Swift.min(rows, q - start)
            let queries = try device(operation) { () throws(GPUArrayError) in
                try x.slice(start..<(start + count))
            }
            let products = try DeviceMath.product(
                queries, trainingSamples, transposeB: true, alpha: -2, in: context, operation)
            let (keys, indices, votes, queryNorms) = try device(operation) { () throws(GPUArrayError) in
                (
                    try GPUArray<Double>(empty: [count, k], in: context),
                    try GPUArray<Int32>(empty: [count, k], in: context),
                    try GPUArray<Double>(empty: [count, c], in: context),
                    try GPUArray<Double>(empty: [weights == .distance ? count : 1], in: context)
                )
            }
            if weights == .distance {
                try DeviceMath.launch(
                    DecompositionKernels.rowNorms, count: count,
                    [
                        DeviceMath.argument(queries), .int64(Int64(x.shape[1])),
                        DeviceMath.argument(queryNorms),
                    ],
                    reading: [x.context], in: context, operation)
            }
            let (buffer, byteOffset) = predicted.buffer
            try DeviceMath.launch(
                NeighborKernels.vote, count: count,
                [
                    DeviceMath.argument(products), DeviceMath.argument(squaredNorms),
                    DeviceMath.argument(queryNorms),
                    DeviceMath.argument(encodedLabels), DeviceMath.argument(classes),
                    DeviceMath.argument(keys),
                    DeviceMath.argument(indices), DeviceMath.argument(votes), .int64(Int64(m)),
                    .int64(Int64(k)),
                    .int64(Int64(c)), .int64(weights == .distance ? 1 : 0), .float64(.infinity),
                    .buffer(buffer, offset: byteOffset + start * MemoryLayout<Int64>.stride),
                ], reading: [trainingSamples.context, classes.context], in: context, operation)
            start += count
        }
        return predicted
    }
}
