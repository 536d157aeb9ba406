import GPUArrays

// Reductions on the device that skip missing values, as pandas' (and Frames') do: the sum of
// nothing is 0, the mean and spread of nothing are NaN, min and max of nothing are nil.
//
// The `present…` functions leave their result on the device as a rank-0 array and wait for
// nothing, so that a caller reducing many batches (the annotated library) combines partials without
// a synchronisation per batch; the others read the result back, as cuDF's reductions do.

extension GPUSeries where Scalar: GPUNumeric {
    /// The sum of the values present (0 when there is none), on the device. Integers wrap.
    public func presentSum() throws(GPUFrameError) -> GPUArray<Scalar> {
        let filled = try Presence.filled(self, with: 0)
        return try onGPU { () throws(GPUArrayError) in try GPUArrays.sum(filled) }
    }

    /// The number of values present, on the device, as a number of type `T` (so that it can sit
    /// beside values of that type in one array of partial results).
    public func presentCount<T: GPUSeriesScalar & GPUNumeric>(as _: T.Type = Int64.self) throws(GPUFrameError)
        -> GPUArray<T>
    {
        let ones = try Presence.indicator(self, one: T(exactly: 1)!, zero: T.zero)
        return try onGPU { () throws(GPUArrayError) in try GPUArrays.sum(ones) }
    }

    /// The smallest (or largest) value present, on the device; where none is, the identity of the
    /// reduction (+∞ or −∞, the largest or smallest integer).
    public func presentExtremum(largest: Bool) throws(GPUFrameError) -> GPUArray<Scalar> {
        let identity = largest ? Scalar.smallest : Scalar.largest
        guard count > 0 else {
            // An empty series has no element to reduce: its extremum is the identity too.
            return try onGPU { () throws(GPUArrayError) in
                try GPUArray<Scalar>.full([], identity, in: GPUContext.current ?? context)
            }
        }
        let filled = try Presence.filled(self, with: identity)
        return try onGPU { () throws(GPUArrayError) in
            largest ? try GPUArrays.max(filled) : try GPUArrays.min(filled)
        }
    }

    /// The sum of the values present; 0 when there is none. Integers wrap on overflow.
    public func sum() throws(GPUFrameError) -> Scalar {
        let total = try presentSum()
        return try onGPU { () throws(GPUArrayError) in try total.item() }
    }

    /// The number of values present (pandas' `count`).
    public func countPresent() throws(GPUFrameError) -> Int {
        let present = try presentCount()
        return Int(try onGPU { () throws(GPUArrayError) in try present.item() })
    }

    /// The smallest value present, or nil when there is none.
    public func min() throws(GPUFrameError) -> Scalar? { try extremum(largest: false) }

    /// The largest value present, or nil when there is none.
    public func max() throws(GPUFrameError) -> Scalar? { try extremum(largest: true) }

    private func extremum(largest: Bool) throws(GPUFrameError) -> Scalar? {
        guard try countPresent() > 0 else { return nil }
        let value = try presentExtremum(largest: largest)
        return try onGPU { () throws(GPUArrayError) in try value.item() }
    }

    /// The mean of the values present (computed from their sum in `Double`, as pandas sums
    /// integers for a mean: an integer sum would wrap); NaN when there is none.
    public func mean() throws(GPUFrameError) -> Double {
        if let integers = self as? GPUSeries<Int64> { return try integers.toDouble().mean() }
        let total = try presentSum()
        let present = try countPresent()
        return try onGPU { () throws(GPUArrayError) in try total.item() }.asDouble / Double(present)
    }
}

extension GPUSeries where Scalar: GPUFloatingPoint {
    /// The count, mean and sum of squared deviations from the mean of the values present, as a
    /// 3-element array on the device (mean NaN when there is none): partial statistics that
    /// combine across row ranges by Chan's formula.
    public func presentMoments() throws(GPUFrameError) -> GPUArray<Scalar> {
        let count = try presentCount(as: Scalar.self)
        let total = try presentSum()
        let (centre, squares) = try onGPU { () throws(GPUArrayError) in
            let centre = try GPUArrays.divide(total, count)
            let deviations = try GPUArrays.subtract(values, centre)
            return (centre, try GPUArrays.multiply(deviations, deviations))
        }
        // Zero where the value is missing, not where the square is NaN: an infinite value makes
        // the mean infinite and its own deviation NaN, and the spread is then NaN (as pandas').
        let present = try Presence.flags(self)
        return try onGPU { () throws(GPUArrayError) in
            var spread = squares
            if let present { spread = try GPUArrays.where(present, squares, Scalar.zero) }
            return try GPUArrays.concatenate([count, centre, try GPUArrays.sum(spread)])
        }
    }

    /// The variance of the values present, `Σ(x - mean)² / (n - ddof)` in two passes as pandas
    /// computes it; NaN when `n <= ddof`.
    public func variance(ddof: Int = 1) throws(GPUFrameError) -> Double {
        let moments = try presentMoments()
        let host = try onGPU { () throws(GPUArrayError) in try moments.scalars() }
        let n = Int(host[0].asDouble)
        return n > ddof ? host[2].asDouble / Double(n - ddof) : .nan
    }

    /// The standard deviation of the values present, with `ddof` 1 as pandas' default.
    public func std(ddof: Int = 1) throws(GPUFrameError) -> Double { try variance(ddof: ddof).squareRoot() }
}
