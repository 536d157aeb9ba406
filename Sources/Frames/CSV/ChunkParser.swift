/// Why a chunk's parse stopped before its limit.
enum ParseStop {
    /// Column `column` turned out to hold text after values that were not kept as text.
    case needsString(column: Int)
    case failed(CSVFailure)
}

/// Stage two of the tokenizer: parses the rows that start in a byte range of a document into one
/// `ColumnBuilder` per column, with pandas' C-parser rules (quoting, blank lines skipped, short
/// rows padded with missing values, long rows refused).
///
/// Field ends come from the `StructuralScanner`'s positions, a block at a time, so the parse of
/// one field never waits for the parse of the one before it. Short unquoted integers are read
/// with one word load and three multiplications.
struct ChunkParser {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    let delimiters: Delimiters
    let markers: MissingMarkers
    let columns: UnsafeMutablePointer<ColumnBuilder>
    let columnCount: Int
    /// Whether short integers may skip the missing-value markers (none of them is an integer).
    let fastIntegers: Bool
    private let scanner: StructuralScanner
    private var scratch: [UInt8] = []
    /// One integer per column: a row's values before they are appended.
    private let integerScratch: UnsafeMutablePointer<Int64>
    /// Candidate positions of the current block; the last block ends with `end`.
    private let positions: UnsafeMutablePointer<Int>
    private var available = 0
    private var next = 0
    /// Where the next block starts.
    private var scanned: Int

    /// Bytes scanned per block: the positions of a block stay in the core's cache.
    private static let blockSize = 1 << 13

    init(
        bytes: UnsafePointer<UInt8>, end: Int, delimiters: Delimiters, markers: MissingMarkers,
        columns: UnsafeMutablePointer<ColumnBuilder>, columnCount: Int, start: Int
    ) {
        self.bytes = bytes
        self.end = end
        self.delimiters = delimiters
        self.markers = markers
        self.columns = columns
        self.columnCount = columnCount
        fastIntegers = !markers.includesInteger
        scanner = StructuralScanner(delimiters)
        positions = .allocate(capacity: Self.blockSize + 16)
        integerScratch = .allocate(capacity: Swift.max(1, columnCount))
        scanned = start
    }

    /// Frees the position buffer.
    func release() {
        positions.deallocate()
        integerScratch.deallocate()
    }

    /// The first candidate position at or after the current one.
    @inline(__always)
    private mutating func peek() -> Int {
        if next == available { refill() }
        return positions[next]
    }

    private mutating func refill() {
        next = 0
        guard scanned < end else {
            positions[0] = end
            available = 1
            return
        }
        let to = Swift.min(end, scanned + Self.blockSize)
        available = scanner.scan(bytes, from: scanned, to: to, into: positions)
        scanned = to
        if to == end {
            positions[available] = end
            available += 1
        }
    }

    /// Drops the candidate positions before `position` (after a quoted field or a skipped line);
    /// the current position is then the first at or after it.
    private mutating func skip(to position: Int) {
        if position > scanned {
            scanned = position
            refill()
            return
        }
        while peek() < position { next += 1 }
    }

    /// Parses rows starting at `start` while they start before `limit`, at most `maxRows` of
    /// them. Records the start of every `checkpointEvery`-th row (counting from the first) in
    /// `checkpoints`. Returns the rows parsed, the position after the last (the next row's start,
    /// blank lines included), and why it stopped early, if it did.
    mutating func parse(
        from start: Int, limit: Int, maxRows: Int, checkpointEvery: Int, checkpoints: inout [Int]
    ) -> (rows: Int, end: Int, stop: ParseStop?) {
        skip(to: start)
        var p = start
        var rows = 0
        var untilCheckpoint = 0
        // Whether rows may take the integer path, and whether to ask again after the next row
        // (kinds change only while a column is undecided or after the integer path stops).
        var integerRows = allIntegers()
        var recheck = true
        while p < limit && rows < maxRows {
            if integerRows {
                integerRows = false
                recheck = true
                let parsed = parseIntegerRows(
                    from: p, limit: limit, maxRows: maxRows &- rows, every: checkpointEvery,
                    untilCheckpoint: &untilCheckpoint, checkpoints: &checkpoints)
                p = parsed.end
                rows &+= parsed.rows
                continue
            }
            let first = bytes[p]
            if first == ASCII.lineFeed || first == ASCII.carriageReturn || isBlank(first),
                let next = delimiters.blankLineEnd(bytes, p, end: end)
            {
                p = next
                skip(to: p)
                continue
            }
            if untilCheckpoint == 0 {
                checkpoints.append(p)
                untilCheckpoint = checkpointEvery
            }
            untilCheckpoint -= 1
            let rowStart = p
            var column = 0
            while true {
                guard column < columnCount else {
                    let found = countFields(rowStart)
                    return (
                        rows, rowStart,
                        .failed(
                            CSVFailure(.fieldCount(expected: columnCount, found: found), offset: rowStart))
                    )
                }
                let fieldEnd: Int
                var status = AppendStatus.ok
                var text = (field: bytes + p, length: 0)
                var inScratch = false
                if bytes[p] == delimiters.quote && p < end {
                    guard let quoted = delimiters.quotedField(bytes, open: p, end: end, scratch: &scratch)
                    else {
                        return (
                            rows, rowStart, .failed(CSVFailure(.unterminatedQuote, offset: p, column: column))
                        )
                    }
                    fieldEnd = quoted.end
                    skip(to: fieldEnd)
                    if let range = quoted.inPlace {
                        text = (bytes + range.lowerBound, range.count)
                        status = columns[column].append(text.field, text.length, markers: markers)
                    } else {
                        status = appendScratch(column)
                        inScratch = true
                    }
                } else {
                    fieldEnd = terminator()
                    text.length = fieldEnd - p
                    if !fastIntegers || !appendInteger(at: p, length: text.length, column) {
                        status = columns[column].append(text.field, text.length, markers: markers)
                    }
                }
                switch status {
                case .ok: break
                case .needsString: return (rows, rowStart, .needsString(column: column))
                case .invalid(let expected):
                    let found =
                        inScratch
                        ? String(decoding: scratch, as: UTF8.self)
                        : String(
                            decoding: UnsafeBufferPointer(start: text.field, count: text.length),
                            as: UTF8.self)
                    return (
                        rows, rowStart,
                        .failed(
                            CSVFailure(
                                .badValue(expected: expected.expectation, found: found), offset: p,
                                column: column)
                        )
                    )
                }
                column += 1
                next += 1
                if fieldEnd < end && bytes[fieldEnd] == delimiters.separator {
                    p = fieldEnd + 1
                    continue
                }
                p = delimiters.afterLineEnd(bytes, fieldEnd, end: end)
                if p > fieldEnd + 1 { skip(to: p) }
                break
            }
            while column < columnCount {
                if case .invalid(let expected) = columns[column].appendMissing() {
                    return (
                        rows, rowStart,
                        .failed(
                            CSVFailure(
                                .badValue(expected: expected.expectation, found: ""), offset: rowStart,
                                column: column))
                    )
                }
                column += 1
            }
            rows += 1
            if recheck {
                integerRows = allIntegers()
                recheck = (0..<columnCount).contains { columns[$0].kind == .undecided }
            }
        }
        return (rows, p, nil)
    }

    /// Whether every column reads integers, so that rows can take the `integerRow` path.
    private func allIntegers() -> Bool {
        fastIntegers && (0..<columnCount).allSatisfy { columns[$0].kind == .integer }
    }

    /// Parses rows of short unquoted integers (at most eight digits after an optional minus
    /// sign) ended by line feeds, the rows of numeric files, while they come; returns where the
    /// first other row starts and the rows parsed. One loop for many rows, so that a row costs a
    /// few nanoseconds: the tokenizer's general path takes the rows this one leaves.
    private mutating func parseIntegerRows(
        from start: Int, limit: Int, maxRows: Int, every checkpointEvery: Int, untilCheckpoint: inout Int,
        checkpoints: inout [Int]
    ) -> (end: Int, rows: Int) {
        if columnCount == 1 {
            return parseIntegerColumn(
                from: start, limit: limit, maxRows: maxRows, every: checkpointEvery,
                untilCheckpoint: &untilCheckpoint,
                checkpoints: &checkpoints)
        }
        var p = start
        var rows = 0
        let last = columnCount &- 1
        let values = integerScratch
        rowLoop: while p < limit && rows < maxRows {
            var q = p
            var k = next
            for column in 0...last {
                if k == available {
                    guard column == 0 else { break rowLoop }
                    refill()
                    k = next
                }
                let e = positions[k]
                guard bytes[e] == (column == last ? ASCII.lineFeed : delimiters.separator),
                    let value = integer(at: q, length: e &- q)
                else { break rowLoop }
                values[column] = value
                q = e &+ 1
                k &+= 1
            }
            for column in 0...last { columns[column].pushInteger(values[column]) }
            if untilCheckpoint == 0 {
                checkpoints.append(p)
                untilCheckpoint = checkpointEvery
            }
            untilCheckpoint &-= 1
            next = k
            p = q
            rows &+= 1
        }
        return (p, rows)
    }

    /// `parseIntegerRows` for a document of one column: rows of one integer each, appended with
    /// the column's count kept in a register.
    private mutating func parseIntegerColumn(
        from start: Int, limit: Int, maxRows: Int, every checkpointEvery: Int, untilCheckpoint: inout Int,
        checkpoints: inout [Int]
    ) -> (end: Int, rows: Int) {
        var p = start
        var rows = 0
        var until = untilCheckpoint
        var k = next
        var marks: [Int] = []
        columns[0].appendingIntegers { slots, count, room in
            var stored = count
            while p < limit && rows < maxRows && rows < room {
                if k == available {
                    next = k
                    refill()
                    k = next
                }
                let e = positions[k]
                guard bytes[e] == ASCII.lineFeed, let value = integer(at: p, length: e &- p) else { break }
                slots?[stored] = UInt64(bitPattern: value)
                stored &+= 1
                if until == 0 {
                    marks.append(p)
                    until = checkpointEvery
                }
                until &-= 1
                p = e &+ 1
                k &+= 1
                rows &+= 1
            }
            return stored &+ (slots == nil ? rows : 0)
        }
        next = k
        untilCheckpoint = until
        checkpoints += marks
        return (p, rows)
    }

    /// The integer `bytes[start..<start + length]` spells, for at most eight digits after an
    /// optional minus sign; nil otherwise, and for a negative zero (which the column builder must
    /// see, to read it as -0.0 should the column turn float).
    @inline(__always)
    private func integer(at start: Int, length: Int) -> Int64? {
        if length >= 1 && length <= 8, let value = digitsValue(at: start, length: length) {
            return Int64(truncatingIfNeeded: value)
        }
        if length >= 2 && length <= 9 && bytes[start] == ASCII.minus,
            let value = digitsValue(at: start &+ 1, length: length &- 1), value != 0
        {
            return -Int64(truncatingIfNeeded: value)
        }
        return nil
    }

    /// The position of the separator or line end that ends the unquoted field at the current
    /// position (or `end`); bytes that passed the scanner's test without being either (a space, a
    /// quote inside the field) are passed over.
    @inline(__always)
    private mutating func terminator() -> Int {
        while true {
            let position = peek()
            let byte = bytes[position]
            if byte == delimiters.separator || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
                || position >= end
            {
                return position
            }
            next += 1
        }
    }

    /// Reads `bytes[start..<start + length]` as an integer of at most eight digits after an
    /// optional minus sign into column `column` when the column takes integers; false, having
    /// read nothing, otherwise.
    @inline(__always)
    private func appendInteger(at start: Int, length: Int, _ column: Int) -> Bool {
        let kind = columns[column].kind
        guard kind == .integer || kind == .undecided, let value = integer(at: start, length: length) else {
            return false
        }
        columns[column].appendInteger(value)
        return true
    }

    /// The value of 1 to 8 decimal digits at `start`, or nil when a byte is not a digit.
    @inline(__always)
    private func digitsValue(at start: Int, length: Int) -> UInt64? {
        let digits = loadWord(bytes + start) &- 0x3030_3030_3030_3030
        let nonDigits = ((digits &+ 0x7676_7676_7676_7676) | digits) & 0x8080_8080_8080_8080
        guard nonDigits & (UInt64.max &>> UInt64(64 - 8 * length)) == 0 else { return nil }
        return eightDigitsValue(digits &<< UInt64(64 - 8 * length))
    }

    /// Appends the field assembled in the scratch buffer to column `column`.
    private func appendScratch(_ column: Int) -> AppendStatus {
        scratch.withUnsafeBufferPointer { buffer in
            columns[column].append(buffer.baseAddress ?? bytes, buffer.count, markers: markers)
        }
    }

    /// The number of fields of the row at `rowStart` (for the message about a row that has too many).
    private mutating func countFields(_ rowStart: Int) -> Int {
        var p = rowStart
        var fields = 0
        while true {
            fields += 1
            var fieldEnd = delimiters.fieldEnd(bytes, from: p, end: end)
            if p < end && bytes[p] == delimiters.quote,
                let quoted = delimiters.quotedField(bytes, open: p, end: end, scratch: &scratch)
            {
                fieldEnd = quoted.end
            }
            guard fieldEnd < end && bytes[fieldEnd] == delimiters.separator else { return fields }
            p = fieldEnd + 1
        }
    }
}
