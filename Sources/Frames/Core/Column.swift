import NDArrays

/// A series of any element type: what a `DataFrame` holds, one case per `FrameType`.
///
/// A GPU library mirrors frames by switching over these four cases; typed code gets the series
/// back with `frame.series("price", as: Double.self)`.
public enum Column: Sendable, Equatable {
    /// A float64 column (NaN is missing).
    case float64(Series<Double>)
    /// An int64 column.
    case int64(Series<Int64>)
    /// A bool column.
    case bool(Series<Bool>)
    /// A text column.
    case string(Series<String>)

    /// The series as an existential, for operations written once for every type.
    var series: any AnySeries {
        switch self {
        case .float64(let s): s
        case .int64(let s): s
        case .bool(let s): s
        case .string(let s): s
        }
    }

    /// The column name.
    public var name: String { series.name }
    /// The number of rows.
    public var count: Int { series.count }
    /// The element type.
    public var type: FrameType { series.type }

    /// The series, if its element type is `S`.
    public func series<S: FrameScalar>(as type: S.Type) -> Series<S>? {
        series as? Series<S>
    }

    /// The value in `row` as text for display (`nil` when missing).
    public func text(at row: Int) -> String? { series.text(at: row) }

    /// The column renamed.
    public func renamed(_ name: String) -> Column { series.renamedColumn(name) }
}

/// What every `Series` can do without knowing its element type.
protocol AnySeries: Sendable {
    var name: String { get }
    var count: Int { get }
    var type: FrameType { get }
    var validity: NDArray<Bool>? { get }
    func text(at row: Int) -> String?
    func renamedColumn(_ name: String) -> Column
    func sliceColumn(_ range: Range<Int>) -> Column
    func takeColumn(_ indices: [Int]) -> Column
    func filterColumn(_ keep: NDArray<Bool>) -> Column
    func concatenateColumn(_ others: [Column]) throws(FrameError) -> Column
    /// Each row's index among the distinct values, missing values being one value of their own.
    func factorCodes() -> [Int]
}

extension Series: AnySeries {
    var type: FrameType { Scalar.frameType }

    func text(at row: Int) -> String? { self[row].map { "\($0)" } }

    func renamedColumn(_ name: String) -> Column { renamed(name).column }

    func sliceColumn(_ range: Range<Int>) -> Column {
        Series(unchecked: name, Scalar._slice(values, range), validity?[range]).column
    }

    func takeColumn(_ indices: [Int]) -> Column { trapping { try take(indices) }.column }

    func filterColumn(_ keep: NDArray<Bool>) -> Column {
        Series(unchecked: name, Scalar._filter(values, keep), validity.map { Bool._filter($0, keep) }).column
    }

    func factorCodes() -> [Int] { factorize().codes }

    func concatenateColumn(_ others: [Column]) throws(FrameError) -> Column {
        var parts = [self]
        for other in others {
            guard let typed = other.series(as: Scalar.self) else {
                throw .typeMismatch(
                    operation: "concatenate", expected: "column \"\(name)\" of type \(Scalar.frameType)",
                    found: "\(other.type)")
            }
            parts.append(typed)
        }
        return try Series.concatenate(parts).column
    }
}
