import NDArrays

/// Ordered, named columns of equal length and possibly different types: the pandas `DataFrame`
/// of this project (without an index: rows are identified by position).
///
/// ```swift
/// var frame = try DataFrame([
///     Series<String>(["a", "b", "a"], name: "key").column,
///     Series<Double>([1, 2, 3], name: "value").column,
/// ])
/// try frame.setColumn(Series<Int64>([7, 8, 9], name: "extra").column)
/// let a = try frame.filter(try frame.series("key", as: String.self) == "a")   // 2 rows
/// ```
public struct DataFrame: Sendable, Equatable {
    /// The columns, in order.
    public private(set) var columns: [Column]

    /// A frame of the given columns; throws when their lengths differ or a name repeats.
    public init(_ columns: [Column]) throws(FrameError) {
        self.columns = []
        for column in columns { try insert(column, at: self.columns.count) }
    }

    /// A frame with no columns and no rows.
    public init() { columns = [] }

    init(unchecked columns: [Column]) { self.columns = columns }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The number of rows (0 for a frame without columns).
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// Rows and columns (pandas' `shape`).
    public var shape: (rows: Int, columns: Int) { (rowCount, columns.count) }

    /// The column named `name`, or nil. Setting a column adds it at the end or replaces the
    /// column of that name (renaming the new one); setting nil removes it. The setter traps where
    /// `setColumn` throws.
    public subscript(name: String) -> Column? {
        get { columns.first { $0.name == name } }
        set {
            if let newValue {
                trapping { try setColumn(newValue.renamed(name)) }
            } else if let index = columns.firstIndex(where: { $0.name == name }) {
                columns.remove(at: index)
            }
        }
    }

    /// The column named `name`; throws when there is none.
    public func column(_ name: String) throws(FrameError) -> Column {
        guard let column = self[name] else {
            throw .unknownColumn(operation: "column", name: name, available: columnNames)
        }
        return column
    }

    /// The column named `name` as a series of `S`; throws when there is none or it has another type.
    public func series<S: FrameScalar>(_ name: String, as type: S.Type) throws(FrameError) -> Series<S> {
        let column = try column(name)
        guard let series = column.series(as: type) else {
            throw .typeMismatch(
                operation: "series", expected: "column \"\(name)\" of type \(S.frameType)",
                found: "\(column.type)")
        }
        return series
    }

    /// Adds `column` at the end, or replaces the column of the same name in place; throws when
    /// its length differs from the frame's.
    public mutating func setColumn(_ column: Column) throws(FrameError) {
        try checkLength(column, "setColumn")
        if let index = columns.firstIndex(where: { $0.name == column.name }) {
            columns[index] = column
        } else {
            columns.append(column)
        }
    }

    /// Inserts `column` at position `index`; throws when the name exists, the length differs or
    /// the position is not within `0...columns.count`.
    public mutating func insert(_ column: Column, at index: Int) throws(FrameError) {
        guard index >= 0 && index <= columns.count else {
            throw .invalidArgument(
                operation: "insert", expected: "a position within 0...\(columns.count)", found: "\(index)")
        }
        guard self[column.name] == nil else { throw .duplicateColumn(operation: "insert", name: column.name) }
        try checkLength(column, "insert")
        columns.insert(column, at: index)
    }

    /// Removes and returns the column named `name`; throws when there is none.
    @discardableResult
    public mutating func removeColumn(_ name: String) throws(FrameError) -> Column {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            throw .unknownColumn(operation: "removeColumn", name: name, available: columnNames)
        }
        return columns.remove(at: index)
    }

    /// The frame with only the named columns, in the given order; throws for an unknown name.
    public func selecting(_ names: [String]) throws(FrameError) -> DataFrame {
        var selected: [Column] = []
        for name in names { selected.append(try column(name)) }
        return try DataFrame(selected)
    }

    /// Rows `range` of every column, sharing storage (O(columns)); throws when the range is not
    /// within `0..<rowCount`.
    public func rows(_ range: Range<Int>) throws(FrameError) -> DataFrame {
        guard range.lowerBound >= 0 && range.upperBound <= rowCount else {
            throw .invalidArgument(
                operation: "rows", expected: "a range within 0..<\(rowCount)", found: "\(range)")
        }
        return DataFrame(unchecked: columns.map { $0.series.sliceColumn(range) })
    }

    /// The first `n` rows (all of them when there are fewer) (pandas' `head`).
    public func head(_ n: Int = 5) -> DataFrame {
        trapping { try rows(0..<Swift.max(0, Swift.min(n, rowCount))) }
    }

    /// The rows at `indices`, in that order (-1 gives a row of missing values).
    public func take(_ indices: [Int]) throws(FrameError) -> DataFrame {
        if let bad = indices.first(where: { $0 < -1 || $0 >= rowCount }) {
            throw .invalidArgument(
                operation: "take", expected: "indices within -1..<\(rowCount)", found: "\(bad)")
        }
        return DataFrame(unchecked: columns.map { $0.series.takeColumn(indices) })
    }

    /// The frames' rows one after another; throws unless they have the same column names and types.
    public static func concatenate(_ frames: [DataFrame]) throws(FrameError) -> DataFrame {
        guard let first = frames.first else { return DataFrame() }
        for frame in frames where frame.columnNames != first.columnNames {
            throw .typeMismatch(
                operation: "concatenate", expected: "columns \(first.columnNames)",
                found: "\(frame.columnNames)")
        }
        var columns: [Column] = []
        for (index, column) in first.columns.enumerated() {
            columns.append(try column.series.concatenateColumn(frames.dropFirst().map { $0.columns[index] }))
        }
        return DataFrame(unchecked: columns)
    }

    private func checkLength(_ column: Column, _ operation: String) throws(FrameError) {
        guard columns.isEmpty || column.count == rowCount else {
            throw .lengthMismatch(
                operation: "\(operation)(\"\(column.name)\")", expected: rowCount, found: column.count)
        }
    }
}

extension DataFrame: CustomStringConvertible {
    /// A table of the first and last rows, like pandas' display.
    public var description: String {
        let rows = rowCount > 10 ? Array(0..<5) + Array((rowCount - 5)..<rowCount) : Array(0..<rowCount)
        var table = [columnNames] + rows.map { row in columns.map { $0.text(at: row) ?? "<NA>" } }
        if rowCount > 10 { table.insert(columns.map { _ in "…" }, at: 6) }
        let widths = columns.indices.map { c in table.map { $0[c].count }.max() ?? 0 }
        let lines = table.map { cells in
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(
                separator: "  ")
        }
        return (lines + ["[\(rowCount) rows x \(columns.count) columns]"]).joined(separator: "\n")
    }
}
