import NDArrays

/// Parses a document's rows in parallel over byte ranges and joins the ranges' columns.
///
/// The ranges are cut at guesses of row starts (the byte after a line end), found without
/// reading the bytes before them, and parsed on every core at once. A guess can be wrong only
/// when a quoted field spans it with line breaks inside; the parse of the range before then ends
/// elsewhere. So each range's parse is accepted only where the previous range's parse ended
/// exactly at its start, and parsed again from the true start otherwise: the result is the serial
/// parse's in every case, and as fast as the ranges are many in the usual one.
struct DocumentParser {
    let document: CSVDocument
    let layout: CSVLayout

    /// Ranges per thread: more than one balances uneven ranges (text columns, failed guesses).
    private static let rangesPerThread = 4
    /// Below this many bytes a document is parsed on the calling thread alone.
    private static let serialBytes = 1 << 18
    /// Rows parsed ahead to guess which columns are numeric.
    private static let sampleRows = 1000

    /// Parses the rows starting in `start..<end`; `storing` false only infers the column types
    /// (for an index). Returns verified chunks whose columns agree on their kinds, and the
    /// buffers that numeric columns were written into.
    /// `ranges` overrides the number of byte ranges (tests cut small documents many times).
    func parse(
        from start: Int, to end: Int, specs: [ColumnSpec], storing: Bool, checkpointEvery: Int = .max,
        ranges: Int? = nil
    ) throws(CSVError) -> (chunks: [ParsedChunk], regions: ColumnRegions?) {
        let bytes = end - start
        let count =
            ranges
            ?? (bytes < Self.serialBytes
                ? 1 : Swift.min(Parallelism.threads * Self.rangesPerThread, bytes / Self.serialBytes))
        var cuts = (0..<count).map { index in
            index == 0
                ? start
                : layout.delimiters.nextLineStart(
                    document.bytes, from: start + bytes / count * index, end: end)
        }
        cuts.append(end)
        let regions = storing ? plannedRegions(cuts: cuts, specs: specs) : nil
        func chunk(_ index: Int, from position: Int, specs: [ColumnSpec]) -> ParsedChunk {
            ParsedChunk(
                document, layout, specs: specs, start: position, limit: cuts[index + 1], storing: storing,
                checkpointEvery: checkpointEvery, regions: regions?.regions(chunk: index))
        }
        var chunks = parseInParallel(count) { index in chunk(index, from: cuts[index], specs: specs) }
        var expected = start
        for index in 0..<count {
            if chunks[index].start != expected {
                chunks[index] =
                    expected >= cuts[index + 1]
                    ? ParsedChunk(emptyAt: expected, specs: specs)
                    : chunk(index, from: expected, specs: specs)
            }
            if let failure = chunks[index].failure { throw failure.error(in: document.bytes) }
            expected = chunks[index].end
        }
        if storing {
            let kinds = Self.joinedKinds(chunks, columns: specs.count)
            let redo = chunks.indices.filter { index in
                specs.indices.contains {
                    kinds[$0] == .string && ![.string, .undecided].contains(chunks[index].kind($0))
                }
            }
            if !redo.isEmpty {
                var textSpecs = specs
                for column in specs.indices where kinds[column] == .string {
                    textSpecs[column] = ColumnSpec(type: .string, missingAllowed: true)
                }
                let old = chunks
                let redone = parseInParallel(redo.count) { i in
                    ParsedChunk(
                        document, layout, specs: textSpecs, start: old[redo[i]].start,
                        limit: old[redo[i]].end,
                        regions: regions?.regions(chunk: redo[i]))
                }
                for (index, chunk) in zip(redo, redone) { chunks[index] = chunk }
            }
        }
        return (chunks, regions)
    }

    /// Final buffers for the columns that the first rows show to be numeric, or nil when none is.
    private func plannedRegions(cuts: [Int], specs: [ColumnSpec]) -> ColumnRegions? {
        let sample = ParsedChunk(
            document, layout, specs: specs, start: cuts[0], limit: cuts.last!, maxRows: Self.sampleRows,
            storing: false)
        let guesses: [ColumnKind?] = specs.indices.map { column in
            let builder = sample.builders[column]
            switch (specs[column].type, builder.kind) {
            case (.int64?, _): return .integer
            case (.float64?, _): return .float
            case (nil, .integer): return builder.missingCount > 0 ? .float : .integer
            case (nil, .float): return .float
            default: return nil
            }
        }
        guard guesses.contains(where: { $0 != nil }) else { return nil }
        return ColumnRegions(document, layout, cuts: cuts, guesses: guesses)
    }

    /// Each column's kind over all chunks.
    static func joinedKinds(_ chunks: [ParsedChunk], columns: Int) -> [ColumnKind] {
        (0..<columns).map { column in
            chunks.reduce(ColumnKind.undecided) { $0.joined(with: $1.kind(column)) }
        }
    }

    private func parseInParallel(_ count: Int, _ body: (Int) -> ParsedChunk) -> [ParsedChunk] {
        let slots = UnsafeMutableBufferPointer<ParsedChunk?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        Parallelism.forEachTask(count) { index in slots[index] = body(index) }
        return slots.map { $0! }
    }
}
