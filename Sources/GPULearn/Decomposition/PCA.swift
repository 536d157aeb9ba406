import Devices
import GPUArrays

/// Principal component analysis on the device (cuML's `PCA`): the data are centred, their
/// covariance `(X − μ)ᵀ(X − μ)/(n − 1)` formed by one `syrk` and decomposed by cuSOLVER's `syevd`.
///
/// The components equal `Learn.PCA`'s to rounding, with the same signs (each component's entry of
/// largest magnitude positive), and `transform` computes `x · componentsᵀ − μ · componentsᵀ` as
/// `Learn` does. Whitening is not offered on the device.
///
/// ```swift
/// var pca = PCA(nComponents: 2)
/// let reduced = try pca.fitTransform(xTrain)      // on the device
/// ```
public struct PCA: Sendable {
    /// The number of components to keep, in `0...min(samples, features)`; nil keeps all.
    public var nComponents: Int?

    /// The principal axes, one per row (nComponents × features).
    public private(set) var components: GPUArray<Double>?
    /// The mean of each feature.
    public private(set) var mean: GPUArray<Double>?
    /// The variance along each component (ddof 1).
    public private(set) var explainedVariance: GPUArray<Double>?
    /// The fraction of the total variance along each component.
    public private(set) var explainedVarianceRatio: GPUArray<Double>?
    /// The singular values of the centred data for each component.
    public private(set) var singularValues: GPUArray<Double>?
    /// The number of samples `fit` saw.
    public private(set) var nSamples = 0

    /// A PCA keeping `nComponents` components (nil: all).
    public init(nComponents: Int? = nil) {
        self.nComponents = nComponents
    }

    /// A model fitted elsewhere (on the host, say) on `nSamples` samples, from its fitted
    /// attributes on the device.
    public init(
        components: GPUArray<Double>, mean: GPUArray<Double>, explainedVariance: GPUArray<Double>,
        explainedVarianceRatio: GPUArray<Double>, singularValues: GPUArray<Double>, nSamples: Int
    ) {
        self.init(nComponents: components.shape[0])
        self.nSamples = nSamples
        self.components = components
        self.mean = mean
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        self.singularValues = singularValues
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { components != nil }

    /// The number of features `fit` saw (0 before fitting).
    public var nFeaturesIn: Int { mean?.count ?? 0 }

    /// Learns the mean and the principal axes of `x` (samples × features, at least 2 samples).
    /// - Complexity: O(samples · features²) on the device, plus O(features³) for the eigensolver.
    @discardableResult
    public mutating func fit(_ x: GPUArray<Double>) throws(GPULearnError) -> PCA {
        let operation = "PCA.fit"
        try Validation.shape(x, operation, samples: 2)
        let (n, d) = (x.shape[0], x.shape[1])
        let k = nComponents ?? Swift.min(n, d)
        guard k >= 0, k <= Swift.min(n, d) else {
            throw .invalidParameter(
                operation: operation, name: "nComponents",
                expected: "in 0...\(Swift.min(n, d)) (min(samples, features))", found: "\(k)")
        }
        let context = DeviceMath.context(of: x)
        let (centre, centred) = try device(operation) { () throws(GPUArrayError) in
            let centre = try GPUArrays.mean(x, axis: 0)
            return (centre, try subtract(x, centre))
        }
        let covariance = try DeviceMath.gram(centred, alpha: 1 / Double(n - 1), in: context, operation)
        let evidence = try DeviceMath.diagonal(covariance, in: context, operation)
        try Validation.representable(try Validation.finite(x, operation, evidence: evidence), operation)
        let values = try DeviceMath.eigh(covariance, in: context, operation)
        let leading = try LeadingComponents(
            vectors: covariance, values: values, count: k, factor: Double(n - 1), context, operation)
        (components, mean, singularValues, nSamples) = (leading.components, centre, leading.singular, n)
        (explainedVariance, explainedVarianceRatio) = (leading.variances, leading.ratios)
        return self
    }

    /// `fit(x)` then `transform(x)`.
    public mutating func fitTransform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        try fit(x)
        return try transform(x)
    }

    /// Projects the rows of `x` onto the principal axes: two `gemm`s and a subtraction.
    /// - Complexity: O(samples · features · nComponents) on the device.
    public func transform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        let operation = "PCA.transform"
        guard let components, let mean else { throw .notFitted(operation: operation) }
        try Validation.shape(x, operation, samples: 0)
        try Validation.features(x, mean.count, operation)
        let context = DeviceMath.context(of: x)
        var projected = try DeviceMath.product(x, components, transposeB: true, in: context, operation)
        let row = try device(operation) { () throws(GPUArrayError) in try mean.reshaped([1, mean.count]) }
        let offset = try DeviceMath.product(row, components, transposeB: true, in: context, operation)
        try device(operation) { () throws(GPUArrayError) in try subtract(projected, offset, out: &projected) }
        return projected
    }
}
