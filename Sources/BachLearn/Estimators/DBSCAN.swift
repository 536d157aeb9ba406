import BachRuntime
import BachNumeric
import GPULearn
import Learn
import NDArrays

/// DBSCAN through Bach (`sklearn.cluster.DBSCAN` in the seed's annotated scikit-learn, whose
/// `fit_x` and `labels` become one call here): the clustering needs every sample at once, so it is
/// one call on the whole samples, placed by its cost (O(samples² · features): the device from a
/// few thousand samples on), that yields the labels.
///
/// ```swift
/// var dbscan = DBSCAN(eps: 16, minSamples: 12.8)
/// let labels = dbscan.fitPredict(bach.lazy(x))     // LazyArray<Int64>, −1 for noise
/// ```
public struct DBSCAN: Sendable {
    /// The configuration, as Learn's unfitted estimator.
    public var parameters: Learn.DBSCAN
    /// The labels the last `fit` recorded, or nil.
    public private(set) var labels: LazyArray<Int64>?

    /// A DBSCAN with scikit-learn's defaults (`eps` 0.5, `minSamples` 5).
    public init(eps: Double = 0.5, minSamples: Double = 5) {
        parameters = Learn.DBSCAN(eps: eps, minSamples: minSamples)
    }

    /// Records the clustering of the rows of `x`; the labels are `labels`.
    @discardableResult
    public mutating func fit(_ x: LazyArray<Double>) -> DBSCAN {
        let parameters = self.parameters
        let annotation = LearnAnnotations.whole(
            "DBSCAN.fit", in: x.runtime, of: Int64.self, shape: { rows, _ in [rows] },
            cost: LearnCost.pairwise, kernels: GPULearnKernels.clustering,
            cpu: { x in
                var model = parameters
                return try model.fitPredict(x)
            },
            gpu: { x in
                var model = GPULearn.DBSCAN(eps: parameters.eps, minSamples: parameters.minSamples)
                return try model.fitPredict(x)
            })
        labels = LazyArray(x.runtime.record(annotation, [.lazy(x.handle)]))
        return self
    }

    /// Records `fit(x)` and returns the labels.
    public mutating func fitPredict(_ x: LazyArray<Double>) -> LazyArray<Int64> {
        fit(x)
        return labels!
    }
}
