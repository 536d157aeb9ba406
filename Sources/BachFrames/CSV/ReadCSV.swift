import BachRuntime
import BachNumeric
import Frames
import NDArrays

extension Bach {
    /// Reads the CSV file at `path` lazily (the seed's annotated `pandas.read_csv`): an allocation
    /// whose batches parse only their own rows, on the CPU, where the runtime first needs them. A
    /// file larger than the device budget (or than memory, when the program keeps only small
    /// results) pages through a program batch by batch.
    ///
    /// The options are Frames' `readCSV(_:…)`'s and so are the values: each batch equals the same
    /// rows of a whole read. The file is indexed now, in one parallel pass that keeps no values:
    /// the planner sizes batches from the row count, so it must be known when the call is recorded,
    /// and malformed files fail here, naming line and column, rather than in the middle of a
    /// program.
    ///
    /// ```swift
    /// let frame = try bach.readCSV("populations.csv", header: nil, types: ["0": .float64])
    /// let total = try frame.series("0", as: Double.self).sum().value()
    /// ```
    ///
    /// - Complexity: O(bytes) now (indexing, split over the cores), O(bytes) again when evaluated.
    public func readCSV(
        _ path: String, separator: Character = ",", header: CSVHeader = .infer, names: [String]? = nil,
        types: [String: FrameType] = [:]
    ) throws(CSVError) -> LazyDataFrame {
        try readCSV(
            CSVFile(
                path: path,
                options: CSVOptions(separator: separator, header: header, names: names, types: types)))
    }

    /// Reads an opened CSV document lazily, with a checkpoint every `checkpointEvery` rows in its
    /// index (a batch parses fewer rows than that before its first).
    public func readCSV(_ file: CSVFile, checkpointEvery stride: Int = 4096) throws(CSVError) -> LazyDataFrame
    {
        let index = try file.index(every: stride)
        let rows = index.rowCount
        let split = FrameSplit(rows: rows, types: index.columnTypes)
        let read = Annotation.allocation(
            "read_csv", infer: { _ in Inference(uses: [], result: split) },
            cpu: { _, context in try onHost(context) { try file.read(rows: context.range, index: index) } })
        let frame = record(read, [])
        let columns: [LazyDataFrame.LazyColumn] = index.columnNames.indices.map { column in
            let (name, missing) = (index.columnNames[column], index.missingCounts[column] > 0)
            return switch index.columnTypes[column] {
            case .float64: .float64(series(of: frame, name, Double.self, rows: rows, missing: false))
            case .int64: .int64(series(of: frame, name, Int64.self, rows: rows, missing: missing))
            case .bool: .bool(series(of: frame, name, Bool.self, rows: rows, missing: missing))
            case .string: .string(self.column(of: frame, name, rows: rows), name: name)
            }
        }
        return LazyDataFrame(columns: columns, rowCount: rows, runtime: self)
    }

    /// The column `name` of the frames `frame` yields, as a lazy series: its values, and its
    /// validity flags when the column has `missing` values (never for `Double`: NaN is missing).
    private func series<S: SeriesScalar>(
        of frame: LazyValue, _ name: String, _: S.Type, rows: Int, missing: Bool
    ) -> LazySeries<S> {
        let values = Annotation.split(
            "column", infer: { _ in Inference(uses: [.split], result: ArraySplit<S>(shape: [rows])) },
            cpu: { pieces, _ in try pieces.take(0, as: DataFrame.self).series(name, as: S.self).values })
        let lazyValues = recordedArray(record(values, [.lazy(frame)])) as LazyArray<S>
        guard missing else { return LazySeries(unchecked: name, lazyValues, nil) }
        let flags = Annotation.split(
            "validity", infer: { _ in Inference(uses: [.split], result: ArraySplit<Bool>(shape: [rows])) },
            cpu: { pieces, _ in
                let series = try pieces.take(0, as: DataFrame.self).series(name, as: S.self)
                return series.validity ?? NDArray<Bool>.full([series.count], true)
            })
        return LazySeries(
            unchecked: name, lazyValues, recordedArray(record(flags, [.lazy(frame)])) as LazyArray<Bool>)
    }

    /// The text column `name` of the frames `frame` yields.
    private func column(of frame: LazyValue, _ name: String, rows: Int) -> LazyValue {
        let text = Annotation.split(
            "column", infer: { _ in Inference(uses: [.split], result: TextSplit(rows: rows)) },
            cpu: { pieces, _ in try pieces.take(0, as: DataFrame.self).series(name, as: String.self) })
        return record(text, [.lazy(frame)])
    }
}
