import BachRuntime
import BachNumeric
import GPULearn
import Learn
import NDArrays

/// Truncated SVD through Bach (`sklearn.decomposition.TruncatedSVD` in the seed's annotated
/// scikit-learn): `fit` is one call on the whole samples, placed by its cost (the device for much
/// data, through GPULearn's exact solver; the CPU for little); `transform` splits the samples by
/// rows and runs wherever the model can go. The exact algorithm (`.arpack`) has a GPU
/// implementation, the randomized one runs on the CPU.
///
/// ```swift
/// var svd = TruncatedSVD(nComponents: 2, algorithm: .arpack, tol: 1e-5, randomState: 42)
/// let reduced = svd.fitTransform(bach.lazy(x))     // recorded
/// let result = try reduced.value()                 // evaluated
/// ```
public struct TruncatedSVD: Sendable {
    /// The algorithm `fit` uses (Learn's; only `.arpack`, the exact one, has a GPU implementation).
    public typealias Algorithm = Learn.TruncatedSVD.Algorithm

    /// The configuration, as Learn's unfitted estimator.
    public var parameters: Learn.TruncatedSVD
    /// The model the last `fit` recorded, or nil.
    public private(set) var model: LazyModel<Learn.TruncatedSVD>?

    /// A truncated SVD with scikit-learn's parameters and defaults.
    public init(
        nComponents: Int = 2, algorithm: Algorithm = .randomized, nIter: Int = 5, nOversamples: Int = 10,
        powerIterationNormalizer: PowerIterationNormalizer = .auto, randomState: UInt64 = 0, tol: Double = 0
    ) {
        parameters = Learn.TruncatedSVD(
            nComponents: nComponents, algorithm: algorithm, nIter: nIter, nOversamples: nOversamples,
            powerIterationNormalizer: powerIterationNormalizer, randomState: randomState, tol: tol)
    }

    /// Records the fit of `x` (samples × features); the model is `model`.
    @discardableResult
    public mutating func fit(_ x: LazyArray<Double>) -> TruncatedSVD {
        let parameters = self.parameters
        var gpu: LearnAnnotations.DeviceFit<GPULearn.TruncatedSVD>?
        if parameters.algorithm == .arpack {
            gpu = { x, _ in
                var model = GPULearn.TruncatedSVD(
                    nComponents: parameters.nComponents, tol: parameters.tol,
                    randomState: parameters.randomState)
                return try model.fit(x)
            }
        }
        let annotation = LearnAnnotations.fit(
            "TruncatedSVD.fit", in: x.runtime, model: Models.truncatedSVD, cost: LearnCost.decomposition,
            kernels: GPULearnKernels.decomposition,
            cpu: { x, _ in
                var model = parameters
                return try model.fit(x)
            }, gpu: gpu)
        model = LazyModel(x.runtime.record(annotation, [.lazy(x.handle)]))
        return self
    }

    /// Records `fit(x)` and the projection of `x`.
    public mutating func fitTransform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        fit(x)
        return transform(x)
    }

    /// Records the projection of the rows of `x` onto the components, split by rows.
    public func transform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        let k = parameters.nComponents
        let annotation = LearnAnnotations.rows(
            "TruncatedSVD.transform", in: x.runtime, model: Models.truncatedSVD, of: Double.self,
            shape: { rows, _ in [rows, k] },
            cpu: { try $0.transform($1) }, gpu: { try $0.transform($1) })
        return LearnAnnotations.record(annotation, of: model, over: x)
    }
}
