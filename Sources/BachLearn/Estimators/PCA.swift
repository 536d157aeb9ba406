import BachRuntime
import BachNumeric
import GPUArrays
import GPULearn
import Learn
import NDArrays

/// Principal component analysis through Bach (`sklearn.decomposition.PCA` in the seed's annotated
/// scikit-learn): `fit` on the whole samples, placed by its cost (a fit on a few hundred rows
/// stays on the CPU), `transform` split by rows and run wherever the model can go. Whitened models
/// transform on the CPU only (GPULearn does not whiten).
///
/// ```swift
/// var pca = PCA(nComponents: 2)
/// let reduced = pca.fitTransform(bach.lazy(xTrain))
/// ```
public struct PCA: Sendable {
    /// How `fit` decomposes the data (Learn's solvers; the device always uses the covariance).
    public typealias SVDSolver = Learn.PCA.SVDSolver

    /// The configuration, as Learn's unfitted estimator.
    public var parameters: Learn.PCA
    /// The model the last `fit` recorded, or nil.
    public private(set) var model: LazyModel<Learn.PCA>?
    /// The number of components the recorded fit keeps.
    private var components = 0

    /// A PCA with scikit-learn's parameters and defaults.
    public init(nComponents: Int? = nil, whiten: Bool = false, svdSolver: SVDSolver = .auto) {
        parameters = Learn.PCA(nComponents: nComponents, whiten: whiten, svdSolver: svdSolver)
    }

    /// Records the fit of `x` (samples × features); the model is `model`.
    @discardableResult
    public mutating func fit(_ x: LazyArray<Double>) -> PCA {
        let parameters = self.parameters
        var gpu: LearnAnnotations.DeviceFit<GPULearn.PCA>?
        if !parameters.whiten {
            gpu = { x, _ in
                var model = GPULearn.PCA(nComponents: parameters.nComponents)
                return try model.fit(x)
            }
        }
        let annotation = LearnAnnotations.fit(
            "PCA.fit", in: x.runtime, model: Models.pca, cost: LearnCost.decomposition,
            kernels: GPULearnKernels.decomposition,
            cpu: { x, _ in
                var model = parameters
                return try model.fit(x)
            }, gpu: gpu)
        model = LazyModel(x.runtime.record(annotation, [.lazy(x.handle)]))
        components = parameters.nComponents ?? Swift.min(x.shape.first ?? 0, x.shape.last ?? 0)
        return self
    }

    /// Records `fit(x)` then `transform(x)`.
    public mutating func fitTransform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        fit(x)
        return transform(x)
    }

    /// Records the projection of the rows of `x` onto the principal axes, split by rows.
    public func transform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        let k = components
        var gpu: (@Sendable (GPULearn.PCA, GPUArray<Double>) throws -> GPUArray<Double>)?
        if !parameters.whiten { gpu = { try $0.transform($1) } }
        let annotation = LearnAnnotations.rows(
            "PCA.transform", in: x.runtime, model: Models.pca, of: Double.self,
            shape: { rows, _ in [rows, k] },
            cpu: { try $0.transform($1) }, gpu: gpu)
        return LearnAnnotations.record(annotation, of: model, over: x)
    }
}
