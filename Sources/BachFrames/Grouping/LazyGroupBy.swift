import BachRuntime
import Frames
import NDArrays

/// A lazy frame's rows grouped by the values of one column (pandas' `groupby(key)`, as Frames'
/// `GroupBy`: groups sorted by key, rows with a missing key left out). Each aggregation is a
/// reduction: every batch is grouped on its own, and adjacent batches' group tables merge by
/// grouping their concatenation again (sums, counts and sizes add up; a mean is a sum divided by a
/// count at the end), so a frame larger than memory is grouped batch by batch.
///
/// ```swift
/// let frame = try bach.readCSV("trips.csv")
/// let perCity = try frame.groupBy("city").sum().value()    // one row per city
/// ```
public struct LazyGroupBy: @unchecked Sendable {
    /// The frame grouped.
    public let frame: LazyDataFrame
    /// The name of the key column.
    public let key: String

    /// The sum of each column in each group, skipping missing values (as `GroupBy.sum`).
    public func sum() -> LazyStatistic<DataFrame> {
        aggregate("groupby_sum") { $0.sum() }
    }

    /// The number of values present in each column in each group (as `GroupBy.count`).
    public func count() -> LazyStatistic<DataFrame> {
        aggregate("groupby_count") { $0.count() }
    }

    /// The number of rows in each group, as a frame of the keys and a "size" column.
    public func size() -> LazyStatistic<DataFrame> {
        aggregate("groupby_size") { $0.size() }
    }

    /// The mean of each numeric or boolean column in each group (NaN for a group without values);
    /// text columns are left out (as `GroupBy.mean`). Each batch sums its values as doubles, as
    /// `GroupBy.mean` does: partial sums of integers would wrap where the mean does not.
    public func mean() -> LazyStatistic<DataFrame> {
        let key = key
        let numeric = frame.columns.filter { $0.type != .string || $0.name == key }.map(\.name)
        return record(
            "groupby_mean",
            partial: { piece in
                let columns = try piece.selecting(numeric).columns.map { column in
                    column.name == key ? column : .float64(try column.doubles())
                }
                let grouped = try DataFrame(columns).groupBy(key)
                return [grouped.sum(), grouped.count()]
            },
            combine: { first, second in
                [try regroup(first[0], second[0], key), try regroup(first[1], second[1], key)]
            },
            finish: { partial in
                let (sums, counts) = (partial[0], partial[1])
                var columns = [sums.columns[0]]
                for (sum, count) in zip(sums.columns.dropFirst(), counts.columns.dropFirst()) {
                    let totals = try sum.doubles()
                    let present = try count.doubles()
                    columns.append(.float64(try totals.dividing(present).renamed(sum.name)))
                }
                return try DataFrame(columns)
            })
    }

    /// An aggregation whose partials merge by grouping again and summing.
    private func aggregate(_ name: String, _ aggregation: @escaping @Sendable (GroupBy) throws -> DataFrame)
        -> LazyStatistic<DataFrame>
    {
        let key = key
        return record(
            name, partial: { try aggregation(try $0.groupBy(key)) },
            combine: { try regroup($0, $1, key) }, finish: { $0 })
    }

    /// Records a reduction over every column's pieces, rebuilt into the batch's frame.
    private func record<Partial>(
        _ name: String, partial: @escaping @Sendable (DataFrame) throws -> Partial,
        combine: @escaping @Sendable (Partial, Partial) throws -> Partial,
        finish: @escaping @Sendable (Partial) throws -> DataFrame
    ) -> LazyStatistic<DataFrame> {
        let layout = frame.columns.map(ColumnPieces.init)
        return recordHostReduction(
            name, on: frame.runtime, frame.columns.flatMap(\.handles),
            partial: { pieces in
                var next = 0
                let columns = try layout.map { try $0.column(from: &pieces, at: &next) }
                return try partial(try DataFrame(columns))
            },
            combine: combine, finish: finish)
    }
}

extension LazyDataFrame {
    /// The rows grouped by the values of column `key` (pandas' `groupby`); throws when there is
    /// no such column.
    public func groupBy(_ key: String) throws(FrameError) -> LazyGroupBy {
        guard columnNames.contains(key) else {
            throw .unknownColumn(operation: "groupBy", name: key, available: columnNames)
        }
        return LazyGroupBy(frame: self, key: key)
    }
}

/// Two partial group tables of adjacent row ranges as one: grouped again, summed. A NaN partial
/// sum is a value (an infinity plus an opposite one), not a missing one, so its group's sum stays
/// NaN, as it is when the rows are grouped at once.
private func regroup(_ first: DataFrame, _ second: DataFrame, _ key: String) throws -> DataFrame {
    let both = try DataFrame.concatenate([first, second])
    let grouped = try both.groupBy(key)
    var merged = grouped.sum()
    for column in both.columns where column.name != key {
        guard case .float64(let partials) = column, partials.missingCount > 0,
            case .float64(let sums)? = merged[column.name]
        else { continue }
        var values = sums.values.scalars
        for (row, group) in grouped.groups.enumerated() where group >= 0 && partials[row] == nil {
            values[group] = .nan
        }
        try merged.setColumn(.float64(Series(values, name: column.name)))
    }
    return merged
}

/// How one lazy column arrives in a batch: its pieces, in argument order.
private struct ColumnPieces: Sendable {
    let name: String
    let type: FrameType
    let masked: Bool

    init(_ column: LazyDataFrame.LazyColumn) {
        name = column.name
        type = column.type
        masked = column.handles.count > 1
    }

    /// The column of this batch from its pieces, starting at argument `next`.
    func column(from pieces: inout Arguments, at next: inout Int) throws -> Column {
        func series<S: SeriesScalar>(_: S.Type) throws -> Series<S> {
            let values = try pieces.take(next, as: NDArray<S>.self)
            let flags: NDArray<Bool>? = masked ? try pieces.take(next + 1, as: NDArray<Bool>.self) : nil
            next += masked ? 2 : 1
            return try Series(name: name, values: values, validity: flags)
        }
        switch type {
        case .float64: return .float64(try series(Double.self))
        case .int64: return .int64(try series(Int64.self))
        case .bool: return .bool(try series(Bool.self))
        case .string:
            next += 1
            return .string(try pieces.take(next - 1, as: Series<String>.self))
        }
    }
}

extension LazyDataFrame.LazyColumn {
    /// The handles of the column's values (and validity flags, where it has them).
    var handles: [LazyValue] {
        switch self {
        case .float64(let s): [s.values.handle] + (s.validity.map { [$0.handle] } ?? [])
        case .int64(let s): [s.values.handle] + (s.validity.map { [$0.handle] } ?? [])
        case .bool(let s): [s.values.handle] + (s.validity.map { [$0.handle] } ?? [])
        case .string(let handle, _): [handle]
        }
    }
}

extension Column {
    /// A numeric or boolean column as doubles (missing values NaN).
    fileprivate func doubles() throws(FrameError) -> Series<Double> {
        switch self {
        case .float64(let s): s
        case .int64(let s): s.toDouble()
        case .bool(let s): s.toDouble()
        case .string(let s):
            throw .typeMismatch(
                operation: "mean", expected: "a numeric column", found: "text column \(s.name)")
        }
    }
}
