/// The distinct values of a series with how often each occurs (pandas' `value_counts`).
public struct ValueCounts<Scalar: FrameScalar>: Sendable, Equatable {
    /// The distinct values present, most frequent first; ties in order of first appearance.
    public let values: Series<Scalar>
    /// How often each occurs, named "count" as in pandas.
    public let counts: Series<Int64>
}

extension Series {
    /// Each row's index among the distinct values in order of first appearance, missing values
    /// being one value of their own (pandas' `factorize` with `use_na_sentinel=False`).
    ///
    /// - Complexity: O(n) expected (hashing).
    public func factorize() -> Factorization<Scalar> {
        Scalar._factorize(values, validity)
    }

    /// The distinct values in order of first appearance, a missing value included once where it
    /// first occurs (pandas' `unique`).
    public func unique() -> Series {
        Series(factorize().uniques, name: name)
    }

    /// The distinct values present with their counts, most frequent first, ties in order of first
    /// appearance, missing values left out (pandas' `value_counts()`).
    public func valueCounts() -> ValueCounts<Scalar> {
        let factors = factorize()
        var counts = [Int](repeating: 0, count: factors.uniques.count)
        for code in factors.codes { counts[code] += 1 }
        let order = factors.uniques.indices.filter { factors.uniques[$0] != nil }.sorted { a, b in
            counts[a] != counts[b] ? counts[a] > counts[b] : a < b
        }
        return ValueCounts(
            values: Series(order.map { factors.uniques[$0]! }, name: name),
            counts: Series<Int64>(order.map { Int64(counts[$0]) }, name: "count"))
    }
}
