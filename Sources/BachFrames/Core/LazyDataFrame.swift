import BachRuntime
import BachNumeric
import Frames
import NDArrays

/// A data frame in Bach's lazy graph: ordered named lazy columns, as `readCSV` records them.
///
/// Numeric and boolean columns are `LazySeries`; text columns are read on the host and stay there.
/// Nothing is read until a value is needed, and then batch by batch: a frame larger than memory
/// flows through a program whose results are small (a sum, a filtered column) without ever being
/// whole in memory, as long as the program holds no handle on the columns it reads.
public struct LazyDataFrame: @unchecked Sendable {
    /// One lazy column.
    public enum LazyColumn: @unchecked Sendable {
        /// A float64 column (NaN is missing).
        case float64(LazySeries<Double>)
        /// An int64 column.
        case int64(LazySeries<Int64>)
        /// A bool column.
        case bool(LazySeries<Bool>)
        /// A text column, by its handle and name.
        case string(LazyValue, name: String)

        /// The column name.
        public var name: String {
            switch self {
            case .float64(let s): s.name
            case .int64(let s): s.name
            case .bool(let s): s.name
            case .string(_, let name): name
            }
        }

        /// The column's element type.
        public var type: FrameType {
            switch self {
            case .float64: .float64
            case .int64: .int64
            case .bool: .bool
            case .string: .string
            }
        }

        /// The number of rows (known before evaluation).
        public var count: Int {
            switch self {
            case .float64(let s): s.count
            case .int64(let s): s.count
            case .bool(let s): s.count
            case .string(let handle, _): handle.splitType.extent ?? 0
            }
        }

        /// The runtime the column belongs to.
        var runtime: Bach {
            switch self {
            case .float64(let s): s.runtime
            case .int64(let s): s.runtime
            case .bool(let s): s.runtime
            case .string(let handle, _): handle.runtime
            }
        }

        /// The column on the host (evaluated already: see `LazyDataFrame.value()`).
        func column(in runtime: Bach) throws -> Column {
            switch self {
            case .float64(let s): .float64(try s.value())
            case .int64(let s): .int64(try s.value())
            case .bool(let s): .bool(try s.value())
            case .string(let handle, _): .string(try runtime.value(of: handle) as! Series<String>)
            }
        }
    }

    /// The columns, in order.
    public let columns: [LazyColumn]
    /// The number of rows (known before evaluation).
    public let rowCount: Int
    /// The runtime the frame belongs to.
    public let runtime: Bach

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name` as a series of `S`; throws for an unknown name or another type.
    public func series<S: SeriesScalar>(_ name: String, as type: S.Type = S.self) throws(FrameError)
        -> LazySeries<S>
    {
        guard let column = columns.first(where: { $0.name == name }) else {
            throw .unknownColumn(operation: "series", name: name, available: columnNames)
        }
        let found: Any
        switch column {
        case .float64(let s): found = s
        case .int64(let s): found = s
        case .bool(let s): found = s
        case .string: found = "string"
        }
        guard let series = found as? LazySeries<S> else {
            throw .typeMismatch(
                operation: "series(\"\(name)\")", expected: "a column of \(S.frameType)",
                found: "\(column.type)")
        }
        return series
    }

    /// The frame on the host, evaluating what it needs first (every column in one evaluation).
    public func value() throws -> DataFrame {
        try runtime.evaluate()
        return try DataFrame(columns.map { try $0.column(in: runtime) })
    }
}

extension LazyDataFrame {
    /// A frame of lazy columns of one runtime (pandas' `DataFrame({"a": s, "b": t})` of series), so
    /// that series computed lazily can be grouped; throws when there is no column, the lengths
    /// differ, a name repeats or the columns belong to different runtimes.
    ///
    /// ```swift
    /// let frame = try LazyDataFrame([.int64(keys.renamed("k")), .float64((prices * 2).renamed("p"))])
    /// let totals = try frame.groupBy("k").sum().value()
    /// ```
    public init(_ columns: [LazyColumn]) throws(FrameError) {
        guard let first = columns.first else {
            throw .invalidArgument(operation: "LazyDataFrame", expected: "at least one column", found: "none")
        }
        for (index, column) in columns.enumerated() {
            guard column.count == first.count else {
                throw .lengthMismatch(
                    operation: "LazyDataFrame(\"\(column.name)\")", expected: first.count, found: column.count
                )
            }
            guard column.runtime === first.runtime else {
                throw .invalidArgument(
                    operation: "LazyDataFrame", expected: "columns of one Bach runtime",
                    found: "column \"\(column.name)\" of another")
            }
            if columns[..<index].contains(where: { $0.name == column.name }) {
                throw .duplicateColumn(operation: "LazyDataFrame", name: column.name)
            }
        }
        self.init(columns: columns, rowCount: first.count, runtime: first.runtime)
    }
}

extension Bach {
    /// `frame` as a lazy value of this runtime: its numeric and boolean columns become lazy series,
    /// its text columns host values split by rows.
    public func lazy(_ frame: DataFrame) -> LazyDataFrame {
        let columns: [LazyDataFrame.LazyColumn] = frame.columns.map { column in
            switch column {
            case .float64(let s): .float64(lazy(s))
            case .int64(let s): .int64(lazy(s))
            case .bool(let s): .bool(lazy(s))
            case .string(let s): .string(source(s, splitType: TextSplit(rows: s.count)), name: s.name)
            }
        }
        return LazyDataFrame(columns: columns, rowCount: frame.rowCount, runtime: self)
    }
}
