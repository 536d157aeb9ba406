import NDArrays

/// Where the rows of a CSV document start, and the types a whole read gives its columns: what
/// a reader of a document larger than memory needs to parse any row range alone.
///
/// Made by `CSVFile.index(every:)` in one parallel pass that stores no values. The offsets of
/// rows are kept at most `stride` rows apart, so that reaching any row parses fewer than
/// `stride` rows before it.
public struct CSVIndex: Sendable, Equatable {
    /// The column names.
    public let columnNames: [String]
    /// The type of each column in a whole read of the document.
    public let columnTypes: [FrameType]
    /// The number of missing values in each column (so that a reader of row ranges knows which
    /// columns need validity flags before it reads any).
    public let missingCounts: [Int]
    /// The number of data rows.
    public let rowCount: Int
    /// The largest distance, in rows, between two checkpoints.
    public let stride: Int
    /// Row numbers of checkpoints, ascending, starting with 0 when there are rows.
    public let checkpointRows: [Int]
    /// The byte offset at which each checkpoint's row starts.
    public let checkpointOffsets: [Int]
    /// The size of the document indexed, to refuse an index made for another one.
    public let byteCount: Int
}

extension CSVFile {
    /// Indexes the document: counts its rows, notes the byte offset of every `stride`-th row and
    /// infers every column's type, without keeping values. Throws what `read()` would.
    ///
    /// - Complexity: O(bytes) work, split over the threads; O(rows / stride) memory.
    public func index(every stride: Int = 1 << 16) throws(CSVError) -> CSVIndex {
        guard stride > 0 else {
            throw .invalidOption(
                option: "index(every:)", expected: "a positive row count", found: "\(stride)")
        }
        let chunks = try DocumentParser(document: document, layout: layout).parse(
            from: layout.dataStart, to: document.count, specs: layout.specs, storing: false,
            checkpointEvery: stride
        ).chunks
        var rows = 0
        var checkpointRows: [Int] = []
        var checkpointOffsets: [Int] = []
        for chunk in chunks {
            for (k, offset) in chunk.checkpoints.enumerated() {
                checkpointRows.append(rows + k * stride)
                checkpointOffsets.append(offset)
            }
            rows += chunk.rows
        }
        let kinds = DocumentParser.joinedKinds(chunks, columns: layout.names.count)
        let missing = layout.names.indices.map { column in
            chunks.reduce(0) { $0 + $1.builders[column].missingCount }
        }
        let types = layout.names.indices.map { column in
            finalType(kinds[column], spec: layout.specs[column], hasMissing: missing[column] > 0, rows: rows)
        }
        return CSVIndex(
            columnNames: layout.names, columnTypes: types, missingCounts: missing, rowCount: rows,
            stride: stride,
            checkpointRows: checkpointRows, checkpointOffsets: checkpointOffsets, byteCount: document.count)
    }

    /// Rows `rows` of the document, parsing only their bytes (and fewer than `index.stride` rows
    /// before them), in parallel; equal to `read().rows(rows)`.
    public func read(rows: Range<Int>, index: CSVIndex) throws(CSVError) -> DataFrame {
        try check(index)
        guard rows.lowerBound >= 0 && rows.upperBound <= index.rowCount else {
            throw .outOfRange(
                operation: "read(rows:)", expected: "a range within 0..<\(index.rowCount)", found: "\(rows)")
        }
        let specs = index.columnTypes.map { ColumnSpec(type: $0, missingAllowed: true) }
        var starts: [(row: Int, offset: Int)] = []
        if !rows.isEmpty {
            let first = try locate(row: rows.lowerBound, index: index, specs: specs)
            starts.append((rows.lowerBound, first))
            var next = index.checkpointRows.partitionPoint { $0 > rows.lowerBound }
            while next < index.checkpointRows.count && index.checkpointRows[next] < rows.upperBound {
                starts.append((index.checkpointRows[next], index.checkpointOffsets[next]))
                next += 1
            }
        }
        let segments = starts.indices.map { i in
            (
                offset: starts[i].offset,
                rows: (i + 1 < starts.count ? starts[i + 1].row : rows.upperBound) - starts[i].row
            )
        }
        let chunks = try parseSegments(segments, specs: specs)
        return DataFrame(unchecked: assembleColumns(chunks, names: index.columnNames, specs: specs))
    }

    /// The rows that start in `bytes` (a row belongs to the range holding its first byte, so
    /// ranges that partition the document partition its rows), read as `read(rows:index:)` reads.
    public func read(bytes: Range<Int>, index: CSVIndex) throws(CSVError) -> DataFrame {
        try read(rows: try self.rows(startingIn: bytes, index: index), index: index)
    }

    /// The numbers of the rows that start in `bytes`.
    public func rows(startingIn bytes: Range<Int>, index: CSVIndex) throws(CSVError) -> Range<Int> {
        try check(index)
        guard bytes.lowerBound >= 0 && bytes.upperBound <= document.count else {
            throw .outOfRange(
                operation: "rows(startingIn:)", expected: "a range within 0..<\(document.count)",
                found: "\(bytes)")
        }
        let specs = index.columnTypes.map { ColumnSpec(type: $0, missingAllowed: true) }
        let lower = try rowsStarting(before: bytes.lowerBound, index: index, specs: specs)
        let upper = try rowsStarting(before: bytes.upperBound, index: index, specs: specs)
        return lower..<upper
    }

    private func check(_ index: CSVIndex) throws(CSVError) {
        guard index.byteCount == document.count && index.columnNames == layout.names else {
            throw .outOfRange(
                operation: "CSVIndex",
                expected: "an index of this document (\(document.count) bytes, columns \(layout.names))",
                found: "one of \(index.byteCount) bytes, columns \(index.columnNames)")
        }
    }

    /// The nearest checkpoint at or before row `row`, or before byte `offset` (a binary search:
    /// both lists ascend, and a batch of a paged read looks one up).
    private func checkpoint(_ index: CSVIndex, row: Int = .max, offset: Int = .max) -> (row: Int, offset: Int)
    {
        let after = index.checkpointRows.indices.partitionPoint { k in
            index.checkpointRows[k] > row || index.checkpointOffsets[k] > offset
        }
        guard after > 0 else { return (0, layout.dataStart) }
        return (index.checkpointRows[after - 1], index.checkpointOffsets[after - 1])
    }

    /// The byte offset at which row `row` starts.
    private func locate(row: Int, index: CSVIndex, specs: [ColumnSpec]) throws(CSVError) -> Int {
        let near = checkpoint(index, row: row)
        guard row > near.row else { return near.offset }
        let skipped = ParsedChunk(
            document, layout, specs: specs, start: near.offset, limit: document.count,
            maxRows: row - near.row,
            storing: false)
        if let failure = skipped.failure { throw failure.error(in: document.bytes) }
        return skipped.end
    }

    /// The number of rows that start before byte `offset`.
    private func rowsStarting(before offset: Int, index: CSVIndex, specs: [ColumnSpec]) throws(CSVError)
        -> Int
    {
        guard offset > layout.dataStart else { return 0 }
        let near = checkpoint(index, offset: offset - 1)
        let counted = ParsedChunk(
            document, layout, specs: specs, start: near.offset, limit: offset, storing: false)
        if let failure = counted.failure { throw failure.error(in: document.bytes) }
        return near.row + counted.rows
    }

    /// Parses segments of known start and row count in parallel.
    private func parseSegments(_ segments: [(offset: Int, rows: Int)], specs: [ColumnSpec]) throws(CSVError)
        -> [ParsedChunk]
    {
        let slots = UnsafeMutableBufferPointer<ParsedChunk?>.allocate(capacity: segments.count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        Parallelism.forEachTask(segments.count) { i in
            slots[i] = ParsedChunk(
                document, layout, specs: specs, start: segments[i].offset, limit: document.count,
                maxRows: segments[i].rows)
        }
        var chunks: [ParsedChunk] = []
        for (segment, slot) in zip(segments, slots) {
            let chunk = slot!
            if let failure = chunk.failure { throw failure.error(in: document.bytes) }
            guard chunk.rows == segment.rows else {
                throw .outOfRange(
                    operation: "read(rows:)", expected: "\(segment.rows) rows from byte \(segment.offset)",
                    found: "\(chunk.rows) (the document changed since it was indexed)")
            }
            chunks.append(chunk)
        }
        return chunks
    }
}

extension RandomAccessCollection {
    /// The index of the first element for which `isAfter` holds, in a collection where it holds
    /// for a suffix (binary search).
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Index {
        var (low, count) = (startIndex, self.count)
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
