import NDArrays

/// A frame's rows grouped by the values of one column (pandas' `groupby(key)` with its defaults:
/// groups sorted by key, rows with a missing key left out).
///
/// Every aggregation returns a frame with the sorted keys in the key column first. Sums, counts
/// and sizes of row ranges combine: group each range, concatenate the results and group them
/// again by the key with `sum()` (a mean is a sum divided by a count).
///
/// ```swift
/// let totals = try frame.groupBy("city").sum()     // one row per city
/// ```
public struct GroupBy: Sendable {
    /// The frame grouped.
    public let frame: DataFrame
    /// The name of the key column.
    public let key: String
    /// The distinct keys present, sorted (numbers by value, false before true, text by code points).
    public let keys: Column
    /// For each row of `frame`, the index of its key in `keys`, or -1 for a missing key.
    public let groups: [Int]

    /// The number of groups.
    public var groupCount: Int { keys.count }

    /// The sum of each column in each group, skipping missing values (0 for a group without
    /// values): `Double` sums in `Double` (compensated, as pandas adds), `Int64` in `Int64`,
    /// booleans count their true values, text is concatenated in row order.
    public func sum() -> DataFrame {
        aggregate { column in
            switch column {
            case .float64(let s): .float64(Series(doubleSums(s.values, s.presentMask()).sums, name: s.name))
            case .int64(let s): .int64(Series(integerSums(s.zeroFilled()), name: s.name))
            case .bool(let s):
                .int64(Series(integerSums(s.values.astype(Int64.self), s.validity), name: s.name))
            case .string(let s): .string(Series(concatenations(s), name: s.name))
            }
        }
    }

    /// The mean of each numeric or boolean column in each group (NaN for a group without
    /// values); text columns are left out (pandas' `numeric_only=True`).
    public func mean() -> DataFrame {
        aggregate { column in
            let doubles: Series<Double>
            switch column {
            case .float64(let s): doubles = s
            case .int64(let s): doubles = s.toDouble()
            case .bool(let s): doubles = s.toDouble()
            case .string: return nil
            }
            let (sums, counts) = doubleSums(doubles.values, doubles.presentMask())
            return .float64(Series(zip(sums, counts).map { $0 / Double($1) }, name: doubles.name))
        }
    }

    /// The number of values present in each column in each group.
    public func count() -> DataFrame {
        aggregate { column in
            let present = column.series.validity?.scalars ?? presentDoubles(column)
            var counts = [Int64](repeating: 0, count: groupCount)
            for (row, group) in groups.enumerated() where group >= 0 && present?[row] != false {
                counts[group] += 1
            }
            return .int64(Series(counts, name: column.name))
        }
    }

    /// The number of rows in each group, as a frame of the keys and a "size" column.
    public func size() -> DataFrame {
        var sizes = [Int64](repeating: 0, count: groupCount)
        for group in groups where group >= 0 { sizes[group] += 1 }
        return DataFrame(unchecked: [keys, Series(sizes, name: "size").column])
    }

    private func aggregate(_ body: (Column) -> Column?) -> DataFrame {
        DataFrame(unchecked: [keys] + frame.columns.filter { $0.name != key }.compactMap(body))
    }

    private func presentDoubles(_ column: Column) -> [Bool]? {
        guard case .float64(let s) = column else { return nil }
        return s.presentMask()?.scalars
    }

    /// Compensated (Kahan) sums and counts of the values present, per group. An infinite value
    /// makes the compensation NaN, which is then reset (as pandas does since GH#53606) so that
    /// later values leave an infinite sum infinite.
    private func doubleSums(_ values: NDArray<Double>, _ present: NDArray<Bool>?) -> (
        sums: [Double], counts: [Int]
    ) {
        var sums = [Double](repeating: 0, count: groupCount)
        var compensations = [Double](repeating: 0, count: groupCount)
        var counts = [Int](repeating: 0, count: groupCount)
        let flags = present?.scalars
        values.withUnsafeBufferPointer { x in
            for (row, group) in groups.enumerated() where group >= 0 && flags?[row] != false {
                let y = x[row] - compensations[group]
                let t = sums[group] + y
                compensations[group] = (t - sums[group]) - y
                if compensations[group].isNaN { compensations[group] = 0 }
                sums[group] = t
                counts[group] += 1
            }
        }
        return (sums, counts)
    }

    private func integerSums(_ values: NDArray<Int64>, _ present: NDArray<Bool>? = nil) -> [Int64] {
        var sums = [Int64](repeating: 0, count: groupCount)
        let flags = present?.scalars
        values.withUnsafeBufferPointer { x in
            for (row, group) in groups.enumerated() where group >= 0 && flags?[row] != false {
                sums[group] &+= x[row]
            }
        }
        return sums
    }

    private func concatenations(_ s: Series<String>) -> [String] {
        var texts = [String](repeating: "", count: groupCount)
        for (row, group) in groups.enumerated() where group >= 0 {
            if let text = s[row] { texts[group] += text }
        }
        return texts
    }
}

extension DataFrame {
    /// Groups the rows by the values of column `key`; throws when there is no such column.
    ///
    /// - Complexity: O(n) expected to find the groups, O(k log k) to sort k keys.
    public func groupBy(_ key: String) throws(FrameError) -> GroupBy {
        let column = try column(key)
        let (groups, keys): ([Int], Column) =
            switch column {
            case .float64(let s): sortedGroups(s)
            case .int64(let s): sortedGroups(s)
            case .bool(let s): sortedGroups(s)
            case .string(let s): sortedGroups(s)
            }
        return GroupBy(frame: self, key: key, keys: keys, groups: groups)
    }
}

/// Each row's rank among the sorted distinct values present (-1 when missing), and those values.
private func sortedGroups<S: FrameScalar>(_ series: Series<S>) -> ([Int], Column) {
    let factors = series.factorize()
    let order = factors.uniques.indices.filter { factors.uniques[$0] != nil }.sorted {
        S._less(factors.uniques[$0]!, factors.uniques[$1]!)
    }
    var rank = [Int](repeating: -1, count: factors.uniques.count)
    for (position, code) in order.enumerated() { rank[code] = position }
    return (
        factors.codes.map { rank[$0] },
        Series<S>(order.map { factors.uniques[$0]! }, name: series.name).column
    )
}
