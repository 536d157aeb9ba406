import NDArrays

// Reductions that skip missing values, as pandas' do: the sum of nothing is 0, the mean, standard
// deviation and variance of nothing are NaN, and min and max of nothing are nil (pandas' NaN).
// Sums are NDArrays' pairwise sums. Each reduction of a row range is the reduction of
// `slice(range)`; `moments()` gives partial results that combine across row ranges.

extension Series {
    /// The number of values present (pandas' `count`).
    public func countPresent() -> Int { count - missingCount }

    /// The smallest value present, or nil when there is none.
    public func min() -> Scalar? { extreme(largest: false) }

    /// The largest value present, or nil when there is none.
    public func max() -> Scalar? { extreme(largest: true) }

    private func extreme(largest: Bool) -> Scalar? {
        if let values = values as? NDArray<Double> {
            let kept = Double._filter(values, trapping { try equal(values, values) })
            guard kept.count > 0 else { return nil }
            return (largest ? trapping { try NDArrays.max(kept) } : trapping { try NDArrays.min(kept) })
                as? Scalar
        }
        var best: Scalar?
        for row in 0..<count {
            guard let value = self[row] else { continue }
            if let current = best, largest ? !Scalar._less(current, value) : !Scalar._less(value, current) {
                continue
            }
            best = value
        }
        return best
    }
}

extension Series where Scalar: FrameNumeric {
    /// The values with missing ones replaced by zero.
    func zeroFilled() -> NDArray<Scalar> {
        guard let present = presentMask() else { return values }
        return trapping { try NDArrays.`where`(present, values, Scalar.zero) }
    }

    /// The sum of the values present; 0 when there is none. Integers wrap on overflow.
    public func sum() -> Scalar {
        // Without a mask, one pass: a NaN total is the only sign of a missing value.
        if validity == nil {
            let total = NDArrays.sum(values)
            if !Scalar._isMissing(total) { return total }
        }
        return NDArrays.sum(zeroFilled())
    }

    /// The mean of the values present (computed in `Double`); NaN when there is none.
    public func mean() -> Double {
        if let doubles = values as? NDArray<Double>, validity == nil {
            let total = NDArrays.sum(doubles)
            if !total.isNaN { return total / Double(count) }
        }
        let total = NDArrays.sum(zeroFilled().astype(Double.self))
        return total / Double(countPresent())
    }

    /// The variance of the values present, `Σ(x - mean)² / (n - ddof)` in two passes as pandas
    /// computes it; NaN when `n <= ddof`.
    public func variance(ddof: Int = 1) -> Double {
        let n = countPresent()
        guard n > ddof else { return .nan }
        let centre = mean()
        var deviations = NDArrays.subtract(values.astype(Double.self), centre)
        if let present = presentMask() {
            deviations = trapping { try NDArrays.`where`(present, deviations, 0) }
        }
        return NDArrays.sum(deviations * deviations) / Double(n - ddof)
    }

    /// The standard deviation of the values present, with `ddof` 1 as pandas' default.
    public func std(ddof: Int = 1) -> Double { variance(ddof: ddof).squareRoot() }

    /// Count, sum, mean, spread and extremes of the values present, in a form that combines across
    /// row ranges (`Moments.combined(with:)`).
    public func moments() -> Moments {
        let n = countPresent()
        let centre = mean()
        let spread = n > 0 ? variance(ddof: 0) * Double(n) : 0
        return Moments(
            count: n, sum: NDArrays.sum(zeroFilled().astype(Double.self)), mean: n > 0 ? centre : 0,
            squaredDeviations: spread, min: min().map { $0._double }, max: max().map { $0._double })
    }
}

extension Series where Scalar == Bool {
    /// The number of true values present (pandas sums booleans as integers).
    public func sum() -> Int64 {
        var flags = values
        if let present = validity { flags = trapping { try logicalAnd(values, present) } }
        return NDArrays.sum(flags.astype(Int64.self))
    }
}

/// Partial statistics of a row range of a numeric series, which combine exactly in count, sum,
/// min and max, and by Chan's formula in mean and spread: how reductions run over batches.
public struct Moments: Sendable, Equatable {
    /// Values present.
    public var count: Int
    /// Their sum.
    public var sum: Double
    /// Their mean (0 when there is none).
    public var mean: Double
    /// The sum of squared deviations from the mean.
    public var squaredDeviations: Double
    /// The smallest value, nil when there is none.
    public var min: Double?
    /// The largest value, nil when there is none.
    public var max: Double?

    /// The statistics of two row ranges together.
    public func combined(with other: Moments) -> Moments {
        guard count > 0 else { return other }
        guard other.count > 0 else { return self }
        let n = count + other.count
        let delta = other.mean - mean
        return Moments(
            count: n, sum: sum + other.sum, mean: mean + delta * Double(other.count) / Double(n),
            squaredDeviations: squaredDeviations + other.squaredDeviations + delta * delta * Double(count)
                * Double(other.count) / Double(n),
            min: Swift.min(min!, other.min!), max: Swift.max(max!, other.max!))
    }

    /// The variance with `ddof` (NaN when `count <= ddof`).
    public func variance(ddof: Int = 1) -> Double {
        count > ddof ? squaredDeviations / Double(count - ddof) : .nan
    }
}
