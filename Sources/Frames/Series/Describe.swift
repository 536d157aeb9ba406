import NDArrays

/// pandas' `describe()` of a numeric series: count, mean, standard deviation (ddof 1), extremes
/// and quartiles of the values present, the quartiles interpolated linearly (NumPy's default).
public struct Description: Sendable, Equatable {
    /// The number of values present.
    public var count: Double
    /// Their mean.
    public var mean: Double
    /// Their standard deviation, ddof 1.
    public var std: Double
    /// The smallest.
    public var min: Double
    /// The 25% quantile.
    public var lowerQuartile: Double
    /// The 50% quantile.
    public var median: Double
    /// The 75% quantile.
    public var upperQuartile: Double
    /// The largest.
    public var max: Double

    /// pandas' row labels, in the order of `values`.
    public static let labels = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]

    /// The statistics in the order of `labels`.
    public var values: [Double] { [count, mean, std, min, lowerQuartile, median, upperQuartile, max] }
}

extension Series where Scalar: FrameNumeric {
    /// Count, mean, std, min, quartiles and max of the values present (all NaN but the count when
    /// there is none).
    ///
    /// - Complexity: O(n log n), for sorting the values.
    public func describe() -> Description {
        let sorted = presentDoubles().sorted()
        func at(_ q: Double) -> Double { quantile(sorted: sorted, q) }
        return Description(
            count: Double(sorted.count), mean: mean(), std: std(), min: sorted.first ?? .nan,
            lowerQuartile: at(0.25),
            median: at(0.5), upperQuartile: at(0.75), max: sorted.last ?? .nan)
    }

    /// The `q` quantile of the values present, interpolated linearly between the two nearest
    /// ranks (pandas' default); NaN when there is no value. Throws unless `0 <= q <= 1`.
    public func quantile(_ q: Double) throws(FrameError) -> Double {
        guard q >= 0 && q <= 1 else {
            throw .invalidArgument(operation: "quantile", expected: "a fraction within 0...1", found: "\(q)")
        }
        return quantile(sorted: presentDoubles().sorted(), q)
    }

    /// The values present, as doubles.
    private func presentDoubles() -> [Double] {
        let doubles = values.astype(Double.self)
        guard let present = presentMask() else { return doubles.scalars }
        return Double._filter(doubles, present).scalars
    }

    /// NumPy's linear interpolation (`_lerp`): from the lower neighbour for fractions below one
    /// half and from the upper one above, so that results match NumPy's to the last bit.
    private func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        let a = sorted[lower]
        let b = sorted[upper]
        let difference = b - a
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
    }
}
