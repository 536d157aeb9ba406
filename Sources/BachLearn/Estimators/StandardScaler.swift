import BachRuntime
import BachNumeric
import Learn
import NDArrays

/// Standardisation through Bach, on the CPU only as in the seed (`StandardScaler =
/// alloc(CPUModelSplit())`, `fit_transform_cpu`, `transform_cpu`): `fit` on the whole samples,
/// `transform` split by rows. In a stage with device calls its batches run on the host and their
/// results go on to the device.
///
/// ```swift
/// var scaler = StandardScaler()
/// let z = scaler.fitTransform(bach.lazy(xTrain))
/// ```
public struct StandardScaler: Sendable {
    /// The configuration, as Learn's unfitted estimator.
    public var parameters: Learn.StandardScaler
    /// The model the last `fit` recorded, or nil.
    public private(set) var model: LazyModel<Learn.StandardScaler>?

    /// A scaler with scikit-learn's defaults (centre and scale).
    public init(withMean: Bool = true, withStd: Bool = true) {
        parameters = Learn.StandardScaler(withMean: withMean, withStd: withStd)
    }

    /// Records the fit of `x` (samples × features); the model is `model`.
    @discardableResult
    public mutating func fit(_ x: LazyArray<Double>) -> StandardScaler {
        let parameters = self.parameters
        let annotation = LearnAnnotations.fit(
            "StandardScaler.fit", in: x.runtime, model: Models.standardScaler, cost: nil,
            cpu: { x, _ in
                var model = parameters
                return try model.fit(x)
            }, gpu: nil)
        model = LazyModel(x.runtime.record(annotation, [.lazy(x.handle)]))
        return self
    }

    /// Records `fit(x)` then `transform(x)`.
    public mutating func fitTransform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        fit(x)
        return transform(x)
    }

    /// Records the standardisation of the rows of `x`, split by rows, on the CPU.
    public func transform(_ x: LazyArray<Double>) -> LazyArray<Double> {
        let annotation = LearnAnnotations.rows(
            "StandardScaler.transform", in: x.runtime, model: Models.standardScaler, of: Double.self,
            shape: { rows, columns in [rows, columns] }, cpu: { try $0.transform($1) }, gpu: nil)
        return LearnAnnotations.record(annotation, of: model, over: x)
    }
}
