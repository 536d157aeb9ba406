/// The shape of a CSV document found before its rows are parsed: the column names, where the
/// data rows start, and how each column is parsed.
struct CSVLayout: Sendable {
    let names: [String]
    let specs: [ColumnSpec]
    /// The byte offset of the first data row (after the header row, if any).
    let dataStart: Int
    let delimiters: Delimiters
    let markers: MissingMarkers
    /// The byte that ends lines in this document: `\r` when its first line end is a lone
    /// carriage return, `\n` otherwise (counting these bounds the number of rows).
    let lineEnd: UInt8

    /// Reads the header (or the first row, for the column count) of `document`.
    init(_ document: CSVDocument, options: CSVOptions) throws(CSVError) {
        let delimiters = try options.delimiters()
        self.delimiters = delimiters
        markers = MissingMarkers(options.missingValues)
        let bytes = document.bytes
        let end = document.count
        func row(at offset: Int) throws(CSVError) -> (fields: [[UInt8]], next: Int)? {
            do {
                return try delimiters.readRow(bytes, at: offset, end: end)
            } catch {
                throw error.error(in: bytes)
            }
        }
        let headerRow: Int?
        switch options.header {
        case .infer: headerRow = options.names == nil ? 0 : nil
        case .none: headerRow = nil
        case .row(let n):
            guard n >= 0 else {
                throw .invalidOption(option: "header", expected: "a row number >= 0 or nil", found: "\(n)")
            }
            headerRow = n
        }
        var start = 0
        var header: [String]?
        if let headerRow {
            for _ in 0..<headerRow {
                guard let skipped = try row(at: start) else { throw .noColumns }
                start = skipped.next
            }
            guard let found = try row(at: start) else { throw .noColumns }
            header = found.fields.map { String(decoding: $0, as: UTF8.self) }
            start = found.next
        }
        let names: [String]
        if let given = options.names {
            guard !given.isEmpty, Set(given).count == given.count else {
                throw .invalidOption(option: "names", expected: "distinct column names", found: "\(given)")
            }
            names = given
        } else if let header {
            names = Self.mangled(header)
        } else {
            guard let first = try row(at: start) else { throw .noColumns }
            names = first.fields.indices.map(String.init)
        }
        if let unknown = options.types.keys.sorted().first(where: { !names.contains($0) }) {
            throw .invalidOption(
                option: "types", expected: "names of columns in \(names)", found: "\"\(unknown)\"")
        }
        self.names = names
        specs = names.map { name in
            guard let type = options.types[name] else { return .inferred }
            return ColumnSpec(type: type, missingAllowed: type == .float64 || type == .string)
        }
        dataStart = start
        let firstEnd = delimiters.nextLineStart(bytes, from: 0, end: end)
        lineEnd =
            firstEnd > 0 && bytes[firstEnd - 1] == ASCII.carriageReturn
            ? ASCII.carriageReturn : ASCII.lineFeed
    }

    /// Header names made unique as pandas makes them: an empty name becomes "Unnamed: i", a
    /// repeated name "a" becomes "a.1", "a.2", ….
    static func mangled(_ header: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, raw) in header.enumerated() {
            let base = raw.isEmpty ? "Unnamed: \(index)" : raw
            var name = base
            var suffix = 1
            while used.contains(name) {
                name = "\(base).\(suffix)"
                suffix += 1
            }
            used.insert(name)
            result.append(name)
        }
        return result
    }
}
