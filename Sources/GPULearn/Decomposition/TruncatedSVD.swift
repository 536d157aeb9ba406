import Devices
import GPUArrays

/// Truncated SVD on the device (cuML's `TruncatedSVD` with `algorithm="full"`, the seed's GPU
/// stand-in for scikit-learn's `"arpack"`): the leading right singular vectors of X from the
/// eigendecomposition of its Gram matrix, `XᵀX` by one `syrk` and cuSOLVER's `syevd`; the data
/// are not centred.
///
/// The components equal `Learn.TruncatedSVD`'s exact ones to rounding, with the same signs
/// (scikit-learn 1.9's `svd_flip`: each component's entry of largest magnitude positive), so the
/// projections of both agree. `tol` and `randomState` are accepted for the API's sake; the exact
/// solver needs neither.
///
/// ```swift
/// let x = try GPUArray(copying: hostValues, shape: [1 << 14, 512], in: context)
/// var svd = TruncatedSVD(nComponents: 2)
/// let reduced = try svd.fitTransform(x)          // 16384 × 2, on the device
/// ```
public struct TruncatedSVD: Sendable {
    /// The number of components: at least 1 and below min(samples, features).
    public var nComponents: Int
    /// ARPACK's tolerance in scikit-learn; accepted and ignored.
    public var tol: Double
    /// The seed of randomized solvers; accepted and ignored.
    public var randomState: UInt64

    /// The right singular vectors, one per row (nComponents × features).
    public private(set) var components: GPUArray<Double>?
    /// The leading singular values, descending.
    public private(set) var singularValues: GPUArray<Double>?
    /// The variance of each column of the transformed training data (ddof 0).
    public private(set) var explainedVariance: GPUArray<Double>?
    /// `explainedVariance` over the total variance of the training data.
    public private(set) var explainedVarianceRatio: GPUArray<Double>?

    /// A truncated SVD of `nComponents` components.
    public init(nComponents: Int = 2, tol: Double = 0, randomState: UInt64 = 0) {
        self.nComponents = nComponents
        self.tol = tol
        self.randomState = randomState
    }

    /// A model fitted elsewhere (on the host, say), from its fitted attributes on the device.
    public init(
        components: GPUArray<Double>, singularValues: GPUArray<Double>, explainedVariance: GPUArray<Double>,
        explainedVarianceRatio: GPUArray<Double>
    ) {
        self.init(nComponents: components.shape[0])
        self.components = components
        self.singularValues = singularValues
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { components != nil }

    /// The number of features `fit` saw (0 before fitting).
    public var nFeaturesIn: Int { components?.shape[1] ?? 0 }

    /// Learns the leading components of `x` (samples × features, at least 2 features).
    @discardableResult
    public mutating func fit(_ x: GPUArray<Double>) throws(GPULearnError) -> TruncatedSVD {
        _ = try fitTransform(x)
        return self
    }

    /// `fit(x)` and the projection of `x` onto the components (`U · Σ`).
    /// - Complexity: O(samples · features²) on the device, plus O(features³) for the eigensolver.
    public mutating func fitTransform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        let operation = "TruncatedSVD.fit"
        try Validation.shape(x, operation, features: 2)
        let (n, d) = (x.shape[0], x.shape[1])
        guard nComponents >= 1, nComponents < Swift.min(n, d) else {
            throw .invalidParameter(
                operation: operation, name: "nComponents",
                expected: "at least 1 and below min(samples, features) = \(Swift.min(n, d))",
                found: "\(nComponents)")
        }
        let context = DeviceMath.context(of: x)
        let g = try DeviceMath.gram(x, in: context, operation)
        let evidence = try DeviceMath.diagonal(g, in: context, operation)
        try Validation.representable(try Validation.finite(x, operation, evidence: evidence), operation)
        let values = try DeviceMath.eigh(g, in: context, operation)
        let leading = try LeadingComponents(
            vectors: g, values: values, count: nComponents, factor: 1, context, operation)
        let projected = try DeviceMath.product(
            x, leading.components, transposeB: true, in: context, operation)
        let (variance, ratio) = try device(operation) { () throws(GPUArrayError) in
            let variance = try GPUArrays.variance(projected, axis: 0)
            // The total variance of X's columns, ‖X‖²_F / n − ‖μ‖², with ‖X‖²_F the trace of the
            // Gram matrix, i.e. the sum of its eigenvalues.
            let centre = try mean(x, axis: 0)
            let total = try subtract(divide(sum(values), Double(n)), sum(multiply(centre, centre)))
            return (variance, try divide(variance, total))
        }
        (components, singularValues) = (leading.components, leading.singular)
        (explainedVariance, explainedVarianceRatio) = (variance, ratio)
        return projected
    }

    /// Projects the rows of `x` onto the components: `x · componentsᵀ`, one `gemm`.
    /// - Complexity: O(samples · features · nComponents) on the device.
    public func transform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        let operation = "TruncatedSVD.transform"
        guard let components else { throw .notFitted(operation: operation) }
        try Validation.shape(x, operation, samples: 0)
        try Validation.features(x, components.shape[1], operation)
        return try DeviceMath.product(
            x, components, transposeB: true, in: DeviceMath.context(of: x), operation)
    }
}

/// The leading `count` eigenpairs of a symmetric eigendecomposition as a decomposition's fitted
/// attributes, computed on the device by `DecompositionKernels.components`.
struct LeadingComponents {
    let components: GPUArray<Double>
    let variances: GPUArray<Double>
    let ratios: GPUArray<Double>
    let singular: GPUArray<Double>

    init(
        vectors: GPUArray<Double>, values: GPUArray<Double>, count: Int, factor: Double,
        _ context: GPUContext,
        _ operation: String
    ) throws(GPULearnError) {
        let d = values.count
        let make = { (shape: [Int]) throws(GPULearnError) -> GPUArray<Double> in
            try device(operation) { () throws(GPUArrayError) in
                try GPUArray<Double>(empty: shape, in: context)
            }
        }
        (components, variances, ratios, singular) = (
            try make([count, d]), try make([count]), try make([count]), try make([count])
        )
        try DeviceMath.launch(
            DecompositionKernels.components, count: count,
            [
                DeviceMath.argument(vectors), DeviceMath.argument(values), .int64(Int64(d)), .float64(factor),
                DeviceMath.argument(components), DeviceMath.argument(variances), DeviceMath.argument(ratios),
                DeviceMath.argument(singular),
            ], reading: [vectors.context, values.context], in: context, operation)
    }
}
