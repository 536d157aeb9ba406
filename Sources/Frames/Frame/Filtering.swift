import NDArrays

extension DataFrame {
    /// The rows where `keep` is true, in order (pandas' `frame[mask]`); throws when `keep` has
    /// another length or missing values.
    public func filter(_ keep: Series<Bool>) throws(FrameError) -> DataFrame {
        guard keep.count == rowCount else {
            throw .lengthMismatch(operation: "filter", expected: rowCount, found: keep.count)
        }
        if keep.validity != nil { throw .missingValues(operation: "filter", count: keep.missingCount) }
        return DataFrame(unchecked: columns.map { $0.series.filterColumn(keep.values) })
    }

    /// `filter`; traps when `keep` has another length or missing values.
    public subscript(keep: Series<Bool>) -> DataFrame { trapping { try filter(keep) } }

    /// `describe()` of every numeric column (`Double`, `Int64`), as a frame whose first column,
    /// "statistic", holds pandas' row labels (count, mean, std, min, 25%, 50%, 75%, max).
    public func describe() -> DataFrame {
        var columns: [Column] = [Series<String>(Description.labels, name: "statistic").column]
        for column in self.columns {
            switch column {
            case .float64(let s): columns.append(Series<Double>(s.describe().values, name: s.name).column)
            case .int64(let s): columns.append(Series<Double>(s.describe().values, name: s.name).column)
            case .bool, .string: continue
            }
        }
        return DataFrame(unchecked: columns)
    }
}
