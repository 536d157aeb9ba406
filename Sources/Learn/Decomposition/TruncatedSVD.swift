import NDArrays

/// Dimensionality reduction by truncated SVD (`sklearn.decomposition.TruncatedSVD`), also known
/// as latent semantic analysis: unlike PCA it does not centre the data.
///
/// Two algorithms, with scikit-learn's names:
/// - `.arpack` (scikit-learn: ARPACK's Lanczos iteration) computes the leading components exactly,
///   from the eigendecomposition of the Gram matrix of X's shorter side (`XᵀX` by one `?syrk`
///   pass for tall data, then LAPACK's `?syevr` for just the leading eigenpairs). `tol` is accepted
///   for compatibility; the result is accurate to rounding whatever its value.
/// - `.randomized` (the default, as in scikit-learn): Halko et al.'s randomized SVD with `nIter`
///   power iterations and `nOversamples` extra vectors, suited to wide or very large data.
///
/// Signs follow scikit-learn 1.9 (`svd_flip(u_based_decision=False)`): each component's entry of
/// largest magnitude is positive. `fitTransform` returns `X · componentsᵀ`, which equals
/// scikit-learn's `U · Σ` for the exact algorithm (up to rounding) and is exactly what
/// `transform(x)` returns; `transform` works row by row, so any row slice of X gives the same rows.
///
/// ```swift
/// let (x, _) = try makeBlobs(nSamples: 1 << 14, nFeatures: 512, centers: 1, randomState: 7)
/// var svd = TruncatedSVD(nComponents: 2, algorithm: .arpack, tol: 1e-5)
/// let reduced = try svd.fitTransform(x)     // 16384 × 2
/// ```
public struct TruncatedSVD: Sendable, Equatable {
    /// The algorithm `fit` uses (scikit-learn's `algorithm`).
    public enum Algorithm: String, Sendable, Equatable {
        /// Exact leading components through the Gram matrix (scikit-learn's `"arpack"`).
        case arpack
        /// Halko et al.'s randomized SVD (scikit-learn's `"randomized"`).
        case randomized
    }

    /// The number of components: below `min(samples, features)` for `.arpack`, at most
    /// `features` for `.randomized`.
    public var nComponents: Int
    /// The algorithm.
    public var algorithm: Algorithm
    /// Power iterations of the randomized algorithm.
    public var nIter: Int
    /// Extra random vectors of the randomized algorithm.
    public var nOversamples: Int
    /// Renormalisation between power iterations of the randomized algorithm.
    public var powerIterationNormalizer: PowerIterationNormalizer
    /// The seed of the randomized algorithm's Gaussian block.
    public var randomState: UInt64
    /// ARPACK's tolerance in scikit-learn; accepted and ignored (the exact algorithm needs none).
    public var tol: Double

    /// The right singular vectors, one per row (`components_`, nComponents × features).
    public private(set) var components: NDArray<Double>?
    /// The variance of each column of the transformed training data, ddof 0 (`explained_variance_`).
    public private(set) var explainedVariance: NDArray<Double>?
    /// `explainedVariance` over the total variance of the training data (`explained_variance_ratio_`).
    public private(set) var explainedVarianceRatio: NDArray<Double>?
    /// The leading singular values, descending (`singular_values_`).
    public private(set) var singularValues: NDArray<Double>?
    /// The number of features `fit` saw (0 before fitting).
    public private(set) var nFeaturesIn = 0

    /// A truncated SVD with scikit-learn's defaults.
    public init(
        nComponents: Int = 2, algorithm: Algorithm = .randomized, nIter: Int = 5, nOversamples: Int = 10,
        powerIterationNormalizer: PowerIterationNormalizer = .auto, randomState: UInt64 = 0, tol: Double = 0
    ) {
        self.nComponents = nComponents
        self.algorithm = algorithm
        self.nIter = nIter
        self.nOversamples = nOversamples
        self.powerIterationNormalizer = powerIterationNormalizer
        self.randomState = randomState
        self.tol = tol
    }

    /// A model fitted elsewhere (on a device, say), from its fitted attributes: `components`
    /// (nComponents × features) and the statistics `fit` would have computed with them.
    public init(
        components: NDArray<Double>, singularValues: NDArray<Double>, explainedVariance: NDArray<Double>,
        explainedVarianceRatio: NDArray<Double>, algorithm: Algorithm = .arpack
    ) {
        self.init(nComponents: components.shape[0], algorithm: algorithm)
        self.components = components
        self.singularValues = singularValues
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        nFeaturesIn = components.shape[1]
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { nFeaturesIn > 0 }

    /// Learns the leading components of `x` (samples × features, at least 2 features).
    @discardableResult
    public mutating func fit(_ x: NDArray<Double>) throws(LearnError) -> TruncatedSVD {
        _ = try fitTransform(x)
        return self
    }

    /// `fit(x)` and the projection of `x` onto the components.
    /// - Complexity: O(samples · features²) for `.arpack` on tall data.
    public mutating func fitTransform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let operation = "TruncatedSVD.fit"
        try Validation.shape(x, operation, features: 2)
        try checkParameters(samples: x.shape[0], features: x.shape[1], operation)
        var vt: NDArray<Double>
        let singular: NDArray<Double>
        var gramNorm: Double?
        switch algorithm {
        case .arpack:
            let exact = try GramSVD(x, components: nComponents, operation: operation)
            (vt, singular, gramNorm) = (exact.vt, exact.singularValues, exact.squaredNorm)
        case .randomized:
            try Validation.finite(x, operation)
            let (_, s, right) = try randomizedSVD(
                x, components: nComponents, oversamples: nOversamples, iterations: nIter,
                normalizer: powerIterationNormalizer, seed: randomState)
            (vt, singular) = (right, s)
        }
        var noLeft: NDArray<Double>? = nil
        flipSigns(&vt, &noLeft)
        let (projected, sums) = try Projection.project(x, vt, columnSums: gramNorm != nil)
        let variance = columnMeanAndVariance(projected).variance
        let total = totalVariance(x, squaredNorm: gramNorm, columnSums: sums)
        components = vt
        singularValues = singular
        explainedVariance = variance
        explainedVarianceRatio = divide(variance, total)
        nFeaturesIn = x.shape[1]
        return projected
    }

    /// Projects the rows of `x` onto the components: `x · componentsᵀ`.
    /// - Complexity: O(samples · features · nComponents).
    public func transform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let operation = "TruncatedSVD.transform"
        guard let components else { throw .notFitted(operation: operation) }
        try Validation.samples(x, operation, samples: 0)
        try Validation.features(x, nFeaturesIn, operation)
        return try Projection.project(x, components).projected
    }

    /// Maps projected rows back to the original space: `y · components`.
    public func inverseTransform(_ y: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let operation = "TruncatedSVD.inverseTransform"
        guard let components else { throw .notFitted(operation: operation) }
        try Validation.samples(y, operation, samples: 0)
        try Validation.features(y, components.shape[0], operation)
        return try product(y, components)
    }

    private func checkParameters(samples n: Int, features d: Int, _ operation: String) throws(LearnError) {
        let limit = algorithm == .arpack ? Swift.min(n, d) - 1 : d
        let bound =
            algorithm == .arpack
            ? "below min(samples, features) = \(Swift.min(n, d))" : "at most features = \(d)"
        guard nComponents >= 1, nComponents <= limit else {
            throw .invalidParameter(
                operation: operation, name: "nComponents", expected: "at least 1 and \(bound)",
                found: "\(nComponents)")
        }
        guard nIter >= 0, nOversamples >= 1 else {
            throw .invalidParameter(
                operation: operation, name: nIter < 0 ? "nIter" : "nOversamples",
                expected: nIter < 0 ? ">= 0" : ">= 1", found: "\(nIter < 0 ? nIter : nOversamples)")
        }
    }
}

/// The sum of the population variances of the columns of `x` (`np.var(X, axis=0).sum()`).
///
/// Given ‖X‖²_F (the trace of the Gram matrix) and the column sums (gathered while projecting),
/// it is `‖X‖²_F / n − ‖μ‖²`, without another pass over X. When the means dominate the variance
/// so much that this difference would lose more than six digits, the two-pass formula is used
/// instead.
func totalVariance(_ x: NDArray<Double>, squaredNorm: Double?, columnSums: NDArray<Double>?) -> Double {
    let n = Double(x.shape[0])
    if let squaredNorm, let sums = columnSums {
        let meanNorm = sum(sums * sums) / (n * n)
        let total = squaredNorm / n - meanNorm
        if total > 0, meanNorm < total * 1e6 { return total }
    }
    return sum(columnMeanAndVariance(x).variance)
}
