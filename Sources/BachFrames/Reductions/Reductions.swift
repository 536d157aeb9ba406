import BachRuntime
import BachNumeric
import Frames

// Lazy reductions with Frames' names and semantics (missing values skipped; the sum of nothing is
// 0, the mean and spread of nothing NaN, min and max of nothing nil). Split into batches, each
// batch yields a partial that combines exactly with the others (see `SeriesReduction`), so a
// reduction pages through the device with the calls before it. Scalar results are `LazyScalar`s:
// later calls may use them as operands (a stage break: they run once the reduction has finished).

extension LazySeries where S: SeriesNumeric {
    /// The sum of the values present; 0 when there is none. Integers wrap on overflow.
    public func sum() -> LazyScalar<S> { LazyScalar(recorded: SeriesReductions.sum(S.self).record(self)) }

    /// The number of values present (pandas' `count`).
    public func countPresent() -> LazyScalar<Int64> {
        LazyScalar(recorded: SeriesReductions.count(S.self).record(self))
    }

    /// The mean of the values present (computed in `Double`); NaN when there is none.
    public func mean() -> LazyScalar<Double> {
        LazyScalar(recorded: SeriesReductions.mean(S.self).record(self))
    }

    /// The smallest value present, or nil when there is none.
    public func min() -> LazyStatistic<S?> {
        LazyStatistic(SeriesReductions.extremum(S.self, largest: false).record(self))
    }

    /// The largest value present, or nil when there is none.
    public func max() -> LazyStatistic<S?> {
        LazyStatistic(SeriesReductions.extremum(S.self, largest: true).record(self))
    }

    /// The variance of the values present, `Σ(x - mean)² / (n - ddof)`; NaN when `n <= ddof`.
    public func variance(ddof: Int = 1) -> LazyScalar<Double> {
        LazyScalar(recorded: SeriesReductions.spread(S.self, ddof: ddof, root: false).record(self))
    }

    /// The standard deviation of the values present, with `ddof` 1 as pandas' default.
    public func std(ddof: Int = 1) -> LazyScalar<Double> {
        LazyScalar(recorded: SeriesReductions.spread(S.self, ddof: ddof, root: true).record(self))
    }
}

/// The result of a lazy reduction that is not a plain scalar (an extremum, which is nil where no
/// value is present): read it with `value()`.
public struct LazyStatistic<Value>: @unchecked Sendable {
    /// The runtime's handle on the value.
    public let handle: LazyValue

    init(_ handle: LazyValue) {
        self.handle = handle
    }

    /// The value, evaluating what it needs first.
    public func value() throws -> Value {
        let value = try handle.runtime.value(of: handle)
        guard let result = value as? Value else {
            throw BachError.typeMismatch(expected: "\(Value.self)", found: "\(type(of: value))")
        }
        return result
    }
}
