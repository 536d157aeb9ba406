#if canImport(Glibc)
    import Glibc
#endif

/// The rows of one byte range of a document, parsed into one builder per column.
final class ParsedChunk: @unchecked Sendable {
    /// Where the first row starts and where the range ends (the next row's start).
    let start: Int
    let end: Int
    let rows: Int
    let builders: UnsafeMutablePointer<ColumnBuilder>
    let columnCount: Int
    /// Why parsing stopped, when it failed (a real error only if `start` is a true row start).
    let failure: CSVFailure?
    /// The start of every k-th row of the chunk, from its first.
    let checkpoints: [Int]

    /// Parses the rows starting in `start..<limit` (at most `maxRows`) of `document`. A column
    /// inferred as numbers or booleans that meets text is parsed again as text from the start.
    init(
        _ document: CSVDocument, _ layout: CSVLayout, specs: [ColumnSpec], start: Int, limit: Int,
        maxRows: Int = .max, storing: Bool = true, checkpointEvery: Int = .max,
        regions: [(base: UnsafeMutablePointer<UInt64>, capacity: Int)?]? = nil
    ) {
        var specs = specs
        columnCount = specs.count
        builders = .allocate(capacity: Swift.max(1, specs.count))
        let expectedRows = Swift.min(maxRows, (limit - start) / Swift.max(6, 2 * specs.count) + 16)
        while true {
            for (index, spec) in specs.enumerated() {
                (builders + index).initialize(
                    to: ColumnBuilder(
                        spec, storing: storing, expectedRows: expectedRows,
                        expectedTextBytes: Swift.min(Swift.min(limit, document.count) - start, 1 << 28),
                        region: spec.type == .string ? nil : regions?[index]))
            }
            var parser = ChunkParser(
                bytes: document.bytes, end: document.count, delimiters: layout.delimiters,
                markers: layout.markers,
                columns: builders, columnCount: specs.count, start: start)
            defer { parser.release() }
            var checkpoints: [Int] = []
            let outcome = parser.parse(
                from: start, limit: limit, maxRows: maxRows, checkpointEvery: checkpointEvery,
                checkpoints: &checkpoints)
            if case .needsString(let column) = outcome.stop {
                for index in specs.indices { builders[index].release() }
                specs[column] = ColumnSpec(type: .string, missingAllowed: true)
                continue
            }
            if case .failed(let failure) = outcome.stop {
                self.failure = failure
            } else {
                self.failure = nil
            }
            self.start = start
            self.end = outcome.end
            self.rows = outcome.rows
            self.checkpoints = checkpoints
            return
        }
    }

    /// An empty chunk at `position` (a range that an earlier chunk's last row ran past).
    init(emptyAt position: Int, specs: [ColumnSpec]) {
        start = position
        end = position
        rows = 0
        columnCount = specs.count
        builders = .allocate(capacity: Swift.max(1, specs.count))
        for (index, spec) in specs.enumerated() {
            (builders + index).initialize(to: ColumnBuilder(spec, storing: false, expectedRows: 0))
        }
        failure = nil
        checkpoints = []
    }

    deinit {
        for index in 0..<columnCount { builders[index].release() }
        builders.deinitialize(count: columnCount)
        builders.deallocate()
    }

    /// The kind column `column` came to in this chunk.
    func kind(_ column: Int) -> ColumnKind { builders[column].kind }
}
