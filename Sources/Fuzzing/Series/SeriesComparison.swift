import Frames
import NDArrays

/// How far a result of a series program may be from the reference's.
enum SeriesBound {
    /// Equal: counts, integer sums, extrema (whose zero may carry either sign), `unique`, sizes.
    case exact
    /// Within `tolerance` (of the squares, for a standard deviation), as array reductions.
    case within(Double, squared: Bool)
    /// A grouped frame: the columns named here within a tolerance per group, the others equal.
    case groups([String: [Double]])
}

/// How the fuzzer judges a library's results on a series program against Frames'.
///
/// Every series must be equal: the same name, type and length, missing in the same rows, and the
/// values present equal (doubles bit for bit): batching, fusion and placement change where a value
/// is computed, never how, and series arithmetic is IEEE arithmetic on every device. `unique` must
/// give the same values in the same order (first appearance, as pandas). Counts, integer sums and
/// extrema must be equal (the sign of a zero extremum is unspecified, as NumPy's); floating-point
/// sums, means and spreads, which batches add in another order, must lie within the bounds
/// `Comparison` gives array reductions, computed from the values present; grouped frames must have
/// the same keys, counts and sizes, and sums and means within those bounds per group.
struct SeriesComparison {
    /// The bound of every result of `program`, from the reference's series.
    static func bounds(_ program: SeriesProgram, _ reference: SeriesOutcome) -> [SeriesBound] {
        program.steps.filter(\.isLeaf).map { step in
            switch step {
            case .reduce(let statistic, let a):
                let column = reference.series[a]
                guard !statistic.isExact(on: column.type == .float64 ? .double : .int64),
                    let op = Program.Reduction(rawValue: statistic.rawValue),
                    let tolerance = HostInterpreter.tolerance(op, presentDoubles(column))
                else { return .exact }
                return .within(tolerance, squared: statistic == .std)
            case .group(let key, let columns, let aggregation)
            where aggregation == .sum || aggregation == .mean:
                return groupBounds(
                    columns.map { reference.series[$0].renamed("v\($0)") }, "v\(key)", aggregation)
            default:
                return .exact
            }
        }
    }

    /// Why `actual` does not match `expected`, or nil.
    func mismatch(_ expected: SeriesOutcome, _ actual: SeriesOutcome, bounds: [SeriesBound]) -> String? {
        if let error = expected.error {
            return actual.error == nil ? "the reference failed (\(error)) but the library did not" : nil
        }
        if let error = actual.error { return "failed: \(error)" }
        for (index, (x, y)) in zip(expected.series, actual.series).enumerated() {
            if let difference = Self.difference(x, y) { return "v\(index): \(difference)" }
        }
        for (index, (x, y)) in zip(expected.results, actual.results).enumerated() {
            guard let x, let y else { continue }
            if let difference = Self.difference(x, y, bounds[index]) { return "r\(index): \(difference)" }
        }
        return nil
    }

    private static func difference(_ x: SeriesResult, _ y: SeriesResult, _ bound: SeriesBound) -> String? {
        switch (x, y, bound) {
        case (.number(let a), .number(let b), .within(let tolerance, let squared)):
            return Comparison.agree(a, b, tolerance: tolerance, squared: squared)
                ? nil : "\(b), expected \(a) within \(tolerance)"
        case (.number(let a), .number(let b), _):
            return a == b || a.isNaN && b.isNaN ? nil : "\(b), expected \(a)"
        case (.integer(let a), .integer(let b), _):
            return a == b ? nil : "\(b), expected \(a)"
        case (.absent, .absent, _):
            return nil
        case (.column(let a), .column(let b), _):
            return difference(a, b)
        case (.frame(let a), .frame(let b), let bound):
            guard case .groups(let tolerances) = bound else { return difference(a, b, [:]) }
            return difference(a, b, tolerances)
        default:
            return "\(y), expected \(x)"
        }
    }

    /// How two series differ, or nil.
    static func difference(_ x: Column, _ y: Column) -> String? {
        guard x.name == y.name else { return "named \"\(y.name)\", expected \"\(x.name)\"" }
        guard x.type == y.type, x.count == y.count else {
            return "\(y.count) rows of \(y.type), expected \(x.count) of \(x.type)"
        }
        func rows<S>(_ a: Series<S>, _ b: Series<S>, _ same: (S, S) -> Bool) -> String? {
            for row in 0..<a.count {
                switch (a[row], b[row]) {
                case (nil, nil): continue
                case (let u?, let v?) where same(u, v): continue
                default:
                    return "row \(row) is \(b[row].map { "\($0)" } ?? "missing"), expected "
                        + (a[row].map { "\($0)" } ?? "missing")
                }
            }
            return nil
        }
        switch (x, y) {
        case (.float64(let a), .float64(let b)): return rows(a, b, Comparison.same)
        case (.int64(let a), .int64(let b)): return rows(a, b, ==)
        case (.bool(let a), .bool(let b)): return rows(a, b, ==)
        default: return "\(y.type), expected \(x.type)"
        }
    }

    /// How two grouped frames differ, or nil: the columns in `tolerances` row by row within the
    /// group's tolerance, the others equal.
    private static func difference(_ x: DataFrame, _ y: DataFrame, _ tolerances: [String: [Double]])
        -> String?
    {
        guard x.columnNames == y.columnNames, x.rowCount == y.rowCount else {
            return
                "columns \(y.columnNames) of \(y.rowCount) groups, expected \(x.columnNames) of \(x.rowCount)"
        }
        for (a, b) in zip(x.columns, y.columns) {
            guard let tolerance = tolerances[a.name], case .float64(let p) = a, case .float64(let q) = b
            else {
                if let difference = difference(a, b) { return "column \(a.name): \(difference)" }
                continue
            }
            for group in 0..<p.count
            where !Comparison.agree(p.values[group], q.values[group], tolerance: tolerance[group]) {
                return "column \(a.name), group \(group): \(q.values[group]), expected \(p.values[group]) "
                    + "within \(tolerance[group])"
            }
        }
        return nil
    }

    /// The tolerance of each group's sum or mean of every floating-point result column of
    /// `columns` grouped by `key`: those of array sums and means over the group's values present
    /// (integer sums, counts and sizes are exact).
    private static func groupBounds(_ columns: [Column], _ key: String, _ aggregation: GroupAggregation)
        -> SeriesBound
    {
        guard let grouped = try? DataFrame(columns).groupBy(key) else { return .exact }
        var tolerances: [String: [Double]] = [:]
        for column in columns where column.name != key {
            let doubles: Series<Double>
            switch column {
            case .float64(let s): doubles = s
            case .int64(let s) where aggregation == .mean: doubles = s.toDouble()
            case .bool(let s) where aggregation == .mean: doubles = s.toDouble()
            default: continue
            }
            var members = [[Double]](repeating: [], count: grouped.groupCount)
            for (row, group) in grouped.groups.enumerated() where group >= 0 {
                if let value = doubles[row] { members[group].append(value) }
            }
            tolerances[column.name] = members.map { values in
                HostInterpreter.tolerance(aggregation == .sum ? .sum : .mean, NDArray(values)) ?? 0
            }
        }
        return .groups(tolerances)
    }

    /// The values present of a numeric series, as doubles.
    private static func presentDoubles(_ column: Column) -> NDArray<Double> {
        switch column {
        case .float64(let s): NDArray(s.elements.compactMap { $0 })
        case .int64(let s): NDArray(s.elements.compactMap { $0.map(Double.init) })
        default: NDArray([Double]())
        }
    }
}
