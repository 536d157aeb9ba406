import BachRuntime
import BachNumeric
import GPULearn
import Learn
import NDArrays

/// k-nearest-neighbour classification through Bach (`sklearn.neighbors.KNeighborsClassifier` in
/// the seed's annotated scikit-learn): `fit` keeps the training data (placed by its cost: it
/// stays on the CPU, as the model is its data), `predict` splits the queries by rows and runs on
/// the device where there is one, the model moving there with its training data.
///
/// ```swift
/// var knn = KNeighborsClassifier()
/// knn.fit(xTrain, yTrain)
/// let predicted = knn.predict(xTest)               // LazyArray<Int64>
/// ```
public struct KNeighborsClassifier: Sendable {
    /// How the neighbours' votes are weighted.
    public typealias Weights = Learn.KNeighborsClassifier.Weights

    /// The configuration, as Learn's unfitted estimator.
    public var parameters: Learn.KNeighborsClassifier
    /// The model the last `fit` recorded, or nil.
    public private(set) var model: LazyModel<Learn.KNeighborsClassifier>?
    /// The number of training samples the recorded fit keeps.
    private var trainingRows = 0

    /// A classifier with scikit-learn's defaults (5 neighbours, uniform weights).
    public init(nNeighbors: Int = 5, weights: Weights = .uniform) {
        parameters = Learn.KNeighborsClassifier(nNeighbors: nNeighbors, weights: weights)
    }

    /// Records the fit on samples `x` and their labels `y`; the model is `model`.
    @discardableResult
    public mutating func fit(_ x: LazyArray<Double>, _ y: LazyArray<Int64>) -> KNeighborsClassifier {
        let parameters = self.parameters
        let annotation = LearnAnnotations.fit(
            "KNeighborsClassifier.fit", in: x.runtime, model: Models.neighbors, labels: true,
            cost: LearnCost.linear, kernels: GPULearnKernels.neighbors,
            cpu: { x, y in
                var model = parameters
                return try model.fit(x, y!)
            },
            gpu: { x, y in
                var model = GPULearn.KNeighborsClassifier(
                    nNeighbors: parameters.nNeighbors,
                    weights: parameters.weights == .uniform ? .uniform : .distance)
                return try model.fit(x, y!)
            })
        model = LazyModel(x.runtime.record(annotation, [.lazy(x.handle), .lazy(y.handle)]))
        trainingRows = x.shape.first ?? 0
        return self
    }

    /// Records the prediction of a label for each row of `x`, split by rows.
    public func predict(_ x: LazyArray<Double>) -> LazyArray<Int64> {
        // On the device: the model (training rows, their norms, labels and classes) and, per query
        // row, distances to every training row, the heap (keys and indices), the votes (at most
        // one class per training row) and the query's norm.
        let (m, k, d) = (trainingRows, parameters.nNeighbors, x.shape.last ?? 0)
        let annotation = LearnAnnotations.rows(
            "KNeighborsClassifier.predict", in: x.runtime, model: Models.neighbors, of: Int64.self,
            shape: { rows, _ in [rows] },
            workspace: { rows in m * (8 * d + 20) + rows * (8 * (2 * m + k + 1) + 4 * k) },
            kernels: GPULearnKernels.neighbors,
            cpu: { try $0.predict($1) }, gpu: { try $0.predict($1) })
        return LearnAnnotations.record(annotation, of: model, over: x)
    }
}
