/// A CSV document opened for reading: the whole of it at once (`read()`), or, for documents
/// larger than memory, an index (`index(every:)`) and then row or byte ranges that parse only
/// their part (`read(rows:index:)`, `read(bytes:index:)`) and give exactly the rows a whole read
/// gives.
///
/// Files are memory-mapped; the header is read when the file is opened.
///
/// ```swift
/// let file = try CSVFile(path: "trips.csv")
/// let index = try file.index()
/// for start in stride(from: 0, to: index.rowCount, by: 1 << 20) {
///     let batch = try file.read(rows: start..<min(start + 1 << 20, index.rowCount), index: index)
///     …
/// }
/// ```
public struct CSVFile: Sendable {
    let document: CSVDocument
    let layout: CSVLayout
    /// The options the document is read with.
    public let options: CSVOptions

    /// Opens the file at `path` and reads its header; throws when it cannot be opened, is
    /// empty, or the options do not fit it.
    public init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(try CSVDocument(path: path), options: options)
    }

    /// A document held in memory.
    public init(text: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(CSVDocument(bytes: Array(text.utf8)), options: options)
    }

    /// A document held in memory as UTF-8 bytes.
    public init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(CSVDocument(bytes: bytes), options: options)
    }

    init(_ document: CSVDocument, options: CSVOptions) throws(CSVError) {
        self.document = document
        self.options = options
        layout = try CSVLayout(document, options: options)
    }

    /// The column names (from the header, `names`, or "0", "1", …).
    public var columnNames: [String] { layout.names }

    /// The size of the document in bytes.
    public var byteCount: Int { document.count }

    /// The bytes holding data rows (everything after the header row).
    public var dataBytes: Range<Int> { layout.dataStart..<document.count }

    /// Reads every row, in parallel on all cores (`Parallelism.threads`).
    ///
    /// - Complexity: O(bytes) work, split over the threads.
    public func read() throws(CSVError) -> DataFrame {
        try read(ranges: nil)
    }

    /// `read()` cut into `ranges` byte ranges (nil: as many as the cores and the size call for).
    func read(ranges: Int?) throws(CSVError) -> DataFrame {
        let parsed = try DocumentParser(document: document, layout: layout).parse(
            from: layout.dataStart, to: document.count, specs: layout.specs, storing: true, ranges: ranges)
        return DataFrame(
            unchecked: assembleColumns(
                parsed.chunks, regions: parsed.regions, names: layout.names, specs: layout.specs))
    }
}

/// Reads the CSV file at `path` into a frame (pandas' `read_csv`), in parallel on all cores.
///
/// ```swift
/// let frame = try readCSV("data.csv", types: ["id": .int64])
/// let noHeader = try readCSV("raw.csv", header: nil, names: ["x", "y"])
/// ```
///
/// Types are inferred per column as pandas infers them (int64, float64, bool, else string; an
/// empty or NA field is missing and makes an integer column float64) unless `types` fixes them.
/// Errors are typed and name the line and column.
public func readCSV(
    _ path: String, separator: Character = ",", header: CSVHeader = .infer, names: [String]? = nil,
    types: [String: FrameType] = [:]
) throws(CSVError) -> DataFrame {
    try CSVFile(
        path: path, options: CSVOptions(separator: separator, header: header, names: names, types: types)
    ).read()
}

/// Reads CSV text held in memory into a frame; the options are `readCSV(_:…)`'s.
public func readCSV(
    text: String, separator: Character = ",", header: CSVHeader = .infer, names: [String]? = nil,
    types: [String: FrameType] = [:]
) throws(CSVError) -> DataFrame {
    try CSVFile(
        text: text, options: CSVOptions(separator: separator, header: header, names: names, types: types)
    ).read()
}
