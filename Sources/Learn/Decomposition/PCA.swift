import NDArrays

/// Principal component analysis (`sklearn.decomposition.PCA`): projects centred data onto the
/// directions of largest variance.
///
/// `fit` centres X and finds its leading right singular vectors, either by the SVD of the
/// centred data (`.full`) or by the eigendecomposition of the covariance matrix (`.covarianceEigh`,
/// one `gram` pass over X, much faster for tall data); `.auto` chooses as scikit-learn 1.9 does
/// (covariance for `features <= 1000` and `samples >= 10·features`, else the full SVD, which
/// here also stands in for the randomized solver scikit-learn would pick for large square-ish
/// data). Signs follow scikit-learn 1.9's `svd_flip(u_based_decision=False)`: each component's
/// entry of largest magnitude is positive.
///
/// `transform` computes `x · componentsᵀ − mean · componentsᵀ` (divided by
/// `sqrt(explainedVariance)` when `whiten`), row by row, so any row slice of X gives the same rows.
///
/// ```swift
/// var pca = PCA(nComponents: 2)
/// let reduced = try pca.fitTransform(xTrain)       // 124 × 2
/// let ratio = pca.explainedVarianceRatio!          // variance kept by each component
/// ```
public struct PCA: Sendable, Equatable {
    /// How `fit` decomposes the data (scikit-learn's `svd_solver`).
    public enum SVDSolver: String, Sendable, Equatable {
        /// `covarianceEigh` for tall data with at most 1000 features, else `full`.
        case auto
        /// The SVD of the centred data (LAPACK `?gesdd`).
        case full
        /// The eigendecomposition of the covariance matrix `(XᵀX − n·μμᵀ)/(n−1)`.
        case covarianceEigh
    }

    /// The number of components to keep, in `0...min(samples, features)`; nil keeps all.
    public var nComponents: Int?
    /// Whether `transform` scales each component to unit variance.
    public var whiten: Bool
    /// The decomposition `fit` uses.
    public var svdSolver: SVDSolver

    /// The principal axes, one per row (`components_`, nComponents × features).
    public private(set) var components: NDArray<Double>?
    /// The mean of each feature (`mean_`).
    public private(set) var mean: NDArray<Double>?
    /// The variance along each component, with ddof 1 (`explained_variance_`).
    public private(set) var explainedVariance: NDArray<Double>?
    /// The fraction of the total variance along each component (`explained_variance_ratio_`).
    public private(set) var explainedVarianceRatio: NDArray<Double>?
    /// The singular values of the centred data for each component (`singular_values_`).
    public private(set) var singularValues: NDArray<Double>?
    /// The mean variance of the discarded components (`noise_variance_`).
    public private(set) var noiseVariance = 0.0
    /// The number of components kept (`n_components_`).
    public private(set) var nComponentsFitted = 0
    /// The solver `fit` used after resolving `.auto`.
    public private(set) var fittedSolver: SVDSolver?
    /// The number of samples `fit` saw.
    public private(set) var nSamples = 0
    /// The number of features `fit` saw (0 before fitting).
    public private(set) var nFeaturesIn = 0

    /// A PCA with scikit-learn's defaults.
    public init(nComponents: Int? = nil, whiten: Bool = false, svdSolver: SVDSolver = .auto) {
        self.nComponents = nComponents
        self.whiten = whiten
        self.svdSolver = svdSolver
    }

    /// A model fitted elsewhere (on a device, say) on `nSamples` samples, from its fitted
    /// attributes: `components` (nComponents × features), the feature means and the statistics
    /// `fit` would have computed with them (`noiseVariance` is not among them: it stays 0). It
    /// transforms as the model fitted on the same data.
    public init(
        components: NDArray<Double>, mean: NDArray<Double>, explainedVariance: NDArray<Double>,
        explainedVarianceRatio: NDArray<Double>, singularValues: NDArray<Double>, nSamples: Int
    ) {
        self.init(nComponents: components.shape[0])
        self.components = components
        self.mean = mean
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        self.singularValues = singularValues
        (nComponentsFitted, self.nSamples, nFeaturesIn) = (components.shape[0], nSamples, components.shape[1])
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { nFeaturesIn > 0 }

    /// Learns the mean and the principal axes of `x` (samples × features, at least 2 samples).
    /// - Complexity: O(samples · features · min(samples, features)) for `.full`,
    ///   O(samples · features²) for `.covarianceEigh`.
    @discardableResult
    public mutating func fit(_ x: NDArray<Double>) throws(LearnError) -> PCA {
        _ = try fitDecomposition(x)
        return self
    }

    /// `fit(x)` then the projection of `x`; with `.full` it is `U · S` from the decomposition itself,
    /// as in scikit-learn.
    public mutating func fitTransform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        guard let (u, s) = try fitDecomposition(x) else { return try transform(x) }
        let k = nComponentsFitted
        var projected = leadingColumns(u, k)
        let factors =
            whiten ? NDArray<Double>.full([k], Double(x.shape[0] - 1).squareRoot()) : slice(s, k)
        projected *= factors
        return projected
    }

    /// Projects the rows of `x` onto the principal axes.
    /// - Complexity: O(samples · features · nComponents).
    public func transform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let operation = "PCA.transform"
        guard let components, let mean, let explainedVariance else { throw .notFitted(operation: operation) }
        try Validation.samples(x, operation, samples: 0)
        try Validation.features(x, nFeaturesIn, operation)
        var projected = try Projection.project(x, components).projected
        projected -= try Projection.project(mean.reshapedRow, components).projected.reshapedVector
        if whiten {
            projected /= sqrt(explainedVariance).clippedBelow(.ulpOfOne)
        }
        return projected
    }

    /// Maps projected rows back to the original space: `y · components + mean` (with the
    /// whitening undone first).
    public func inverseTransform(_ y: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        let operation = "PCA.inverseTransform"
        guard var components, let mean, let explainedVariance else { throw .notFitted(operation: operation) }
        try Validation.samples(y, operation, samples: 0)
        try Validation.features(y, nComponentsFitted, operation)
        if whiten { components *= sqrt(explainedVariance).reshapedColumn }
        var x = try product(y, components)
        x += mean
        return x
    }

    /// Fits and returns `U` and `S` of the full SVD (nil for the covariance solver, which has no U).
    private mutating func fitDecomposition(_ x: NDArray<Double>) throws(LearnError) -> (
        NDArray<Double>, NDArray<Double>
    )? {
        let operation = "PCA.fit"
        try Validation.samples(x, operation, samples: 2)
        let (n, d) = (x.shape[0], x.shape[1])
        let k = nComponents ?? Swift.min(n, d)
        guard k >= 0, k <= Swift.min(n, d) else {
            throw .invalidParameter(
                operation: operation, name: "nComponents",
                expected: "in 0...\(Swift.min(n, d)) (min(samples, features))",
                found: "\(k)")
        }
        var solver = svdSolver
        if solver == .auto { solver = d <= 1000 && n >= 10 * d ? .covarianceEigh : .full }
        let (centre, _) = columnMeanAndVariance(x)
        var u: NDArray<Double>?
        var vt: NDArray<Double>
        let variances: NDArray<Double>
        let singular: NDArray<Double>
        if solver == .full {
            let centred = try linearAlgebra { () throws(NDArrayError) in try subtract(x, centre) }
            let (left, s, right) = try linearAlgebra { () throws(NDArrayError) in try svd(centred) }
            (u, vt, singular) = (left, right, s)
            variances = divide(s * s, Double(n - 1))
        } else {
            var covariance = try linearAlgebra { () throws(NDArrayError) in try gram(x) }
            let outer = try product(centre.reshapedColumn, centre.reshapedRow)
            covariance -= multiply(outer, Double(n))
            covariance /= Double(n - 1)
            let (values, vectors) = try linearAlgebra { () throws(NDArrayError) in try eigh(covariance) }
            let descending = Array((0..<d).reversed())
            variances = NDArray(descending.map { Swift.max(values[$0], 0) })
            vt = takeRows(vectors.transposed(), descending)
            singular = sqrt(multiply(variances, Double(n - 1)))
        }
        flipSigns(&vt, &u)
        let r = variances.count
        let total = sum(variances)
        noiseVariance = k < Swift.min(n, d) ? sum(variances.slicedFrom(k)) / Double(r - k) : 0
        components = takeRows(vt, Array(0..<k))
        mean = centre
        explainedVariance = slice(variances, k)
        explainedVarianceRatio = divide(slice(variances, k), total)
        singularValues = slice(singular, k)
        (nComponentsFitted, fittedSolver, nSamples, nFeaturesIn) = (k, solver, n, d)
        return u.map { ($0, singular) }
    }

    private func slice(_ a: NDArray<Double>, _ count: Int) -> NDArray<Double> {
        must { () throws(NDArrayError) in try a.slice(0..<count).copy() }
    }
}
