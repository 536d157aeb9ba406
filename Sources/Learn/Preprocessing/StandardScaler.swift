import NDArrays

/// Standardises features by removing the mean and scaling to unit variance
/// (`sklearn.preprocessing.StandardScaler`): `z = (x − mean) / scale` column by column.
///
/// `fit` learns each column's mean and population variance (ddof 0, by the same corrected
/// two-pass sums as scikit-learn); `scale` is the standard deviation, or 1 for a column that is
/// constant up to rounding (scikit-learn's rule: `var <= n·ε·var + (n·mean·ε)²`), so such a column
/// is centred but not blown up. `transform` works row by row, so any row slice of X transforms to
/// the same rows as X does.
///
/// Unlike scikit-learn, which treats NaN as a missing value here, NaN and infinities are rejected
/// with `LearnError.nonFinite`, as everywhere in `Learn`.
///
/// ```swift
/// var scaler = StandardScaler()
/// let z = try scaler.fitTransform(xTrain)
/// let zTest = try scaler.transform(xTest)
/// ```
public struct StandardScaler: Sendable, Equatable {
    /// Whether `transform` subtracts the mean.
    public var withMean: Bool
    /// Whether `transform` divides by `scale`.
    public var withStd: Bool

    /// The mean of each feature, or nil before `fit` or when neither centring nor scaling.
    public private(set) var mean: NDArray<Double>?
    /// The population variance of each feature, or nil before `fit` or without `withStd`.
    public private(set) var variance: NDArray<Double>?
    /// The divisor of each feature (the standard deviation, 1 for constant features), or nil before
    /// `fit` or without `withStd`.
    public private(set) var scale: NDArray<Double>?
    /// The number of samples `fit` saw (0 before).
    public private(set) var nSamplesSeen = 0
    /// The number of features `fit` saw (0 before).
    public private(set) var nFeaturesIn = 0

    /// A scaler with scikit-learn's defaults (centre and scale).
    public init(withMean: Bool = true, withStd: Bool = true) {
        self.withMean = withMean
        self.withStd = withStd
    }

    /// Whether `fit` has run.
    public var isFitted: Bool { nFeaturesIn > 0 }

    /// Learns the mean and scale of each column of `x` (samples × features).
    /// - Complexity: O(samples · features).
    @discardableResult
    public mutating func fit(_ x: NDArray<Double>) throws(LearnError) -> StandardScaler {
        try Validation.samples(x, "StandardScaler.fit")
        let (n, d) = (x.shape[0], x.shape[1])
        (nSamplesSeen, nFeaturesIn) = (n, d)
        guard withMean || withStd else {
            (mean, variance, scale) = (nil, nil, nil)
            return self
        }
        let (centre, spread) = columnMeanAndVariance(x)
        mean = centre
        guard withStd else {
            (variance, scale) = (nil, nil)
            return self
        }
        variance = spread
        let count = Double(n)
        var divisor = NDArray<Double>.empty([d])
        divisor.withUnsafeMutableBufferPointer { s in
            for j in 0..<d {
                let (v, m) = (spread[j], centre[j])
                let bound = count * .ulpOfOne * v + (count * m * .ulpOfOne) * (count * m * .ulpOfOne)
                s[j] = v <= bound ? 1 : v.squareRoot()
            }
        }
        scale = divisor
        return self
    }

    /// Standardises the rows of `x` with the learned mean and scale.
    /// - Complexity: O(samples · features).
    public func transform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        try checkInput(x, "StandardScaler.transform")
        var z = withMean && mean != nil ? x - mean! : x.copy()
        if withStd, let scale { z /= scale }
        return z
    }

    /// `fit(x)` then `transform(x)`.
    public mutating func fitTransform(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        try fit(x)
        return try transform(x)
    }

    /// Undoes `transform`: `x · scale + mean`.
    public func inverseTransform(_ z: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        try checkInput(z, "StandardScaler.inverseTransform")
        var x = z.copy()
        if withStd, let scale { x *= scale }
        if withMean, let mean { x += mean }
        return x
    }

    private func checkInput(_ x: NDArray<Double>, _ operation: String) throws(LearnError) {
        guard isFitted else { throw .notFitted(operation: operation) }
        try Validation.samples(x, operation, samples: 0)
        try Validation.features(x, nFeaturesIn, operation)
    }
}

/// Column means and population variances of `x`, computed as scikit-learn's
/// `_incremental_mean_and_var` does for a first batch: sums row by row (NumPy's order for an
/// axis-0 reduction), then the corrected two-pass variance `(Σ(x−m)² − (Σ(x−m))²/n) / n`.
func columnMeanAndVariance(_ x: NDArray<Double>) -> (mean: NDArray<Double>, variance: NDArray<Double>) {
    let (n, d) = (x.shape[0], x.shape[1])
    var sums = [Double](repeating: 0, count: d)
    var corrections = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    x.withUnsafeBufferPointer { x in
        for i in 0..<n {
            for j in 0..<d { sums[j] += x[i * d + j] }
        }
        let means = sums.map { $0 / Double(n) }
        for i in 0..<n {
            for j in 0..<d {
                let deviation = x[i * d + j] - means[j]
                corrections[j] += deviation
                squares[j] += deviation * deviation
            }
        }
    }
    let count = Double(n)
    let variance = (0..<d).map { j in (squares[j] - corrections[j] * corrections[j] / count) / count }
    return (NDArray(sums.map { $0 / count }), NDArray(variance))
}
