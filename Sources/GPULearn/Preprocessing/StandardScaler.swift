import Devices
import GPUArrays

/// Standardisation on the device (cuML's `StandardScaler`): `z = (x − mean) / scale` column by
/// column, with `Learn`'s (scikit-learn's) statistics: the corrected two-pass population variance,
/// and a scale of 1 for a column that is constant up to rounding
/// (`var <= n·ε·var + (n·mean·ε)²`).
///
/// ```swift
/// var scaler = StandardScaler()
/// let z = try scaler.fitTransform(x)
/// ```
public struct StandardScaler: Sendable {
    /// Whether `transform` subtracts the mean.
    public var withMean: Bool
    /// Whether `transform` divides by `scale`.
    public var withStd: Bool

    /// The mean of each feature.
    public private(set) var mean: GPUArray<Double>?
    /// The population variance of each feature.
    public private(set) var variance: GPUArray<Double>?
    /// The divisor of each feature (the standard deviation, 1 for constant features).
    public private(set) var scale: GPUArray<Double>?
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
    /// - Complexity: O(samples · features) on the device.
    @discardableResult
    public mutating func fit(_ x: GPUArray<Double>) throws(GPULearnError) -> StandardScaler {
        let operation = "StandardScaler.fit"
        try Validation.shape(x, operation)
        let n = Double(x.shape[0])
        let (centre, spread, divisor) = try device(operation) { () throws(GPUArrayError) in
            let centre = try GPUArrays.mean(x, axis: 0)
            let deviations = try subtract(x, centre)
            let corrections = try sum(deviations, axis: 0)
            let squares = try sum(multiply(deviations, deviations), axis: 0)
            let spread = try divide(subtract(squares, divide(multiply(corrections, corrections), n)), n)
            let drift = try multiply(centre, n * .ulpOfOne)
            let bound = try add(multiply(spread, n * .ulpOfOne), multiply(drift, drift))
            let divisor = try `where`(lessEqual(spread, bound), 1.0, sqrt(spread))
            return (centre, spread, divisor)
        }
        try Validation.finite(x, operation, evidence: centre)
        (mean, variance, scale, nFeaturesIn) = (centre, spread, divisor, x.shape[1])
        return self
    }

    /// Standardises the rows of `x`.
    /// - Complexity: O(samples · features) on the device.
    public func transform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        let operation = "StandardScaler.transform"
        guard isFitted, let mean, let scale else { throw .notFitted(operation: operation) }
        try Validation.shape(x, operation, samples: 0)
        try Validation.features(x, nFeaturesIn, operation)
        return try device(operation) { () throws(GPUArrayError) in
            var z = withMean ? try subtract(x, mean) : try x.copy()
            if withStd { try divide(z, scale, out: &z) }
            return z
        }
    }

    /// `fit(x)` then `transform(x)`.
    public mutating func fitTransform(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Double> {
        try fit(x)
        return try transform(x)
    }
}
