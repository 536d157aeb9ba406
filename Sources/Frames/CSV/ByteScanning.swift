// Word-at-a-time (SWAR) byte search: eight bytes per step with plain 64-bit integer operations, so
// the scanner needs no CPU-specific code. Loads are unaligned little-endian; the document keeps
// zero padding after its last byte (see `CSVDocument`), so a load that starts before the end
// never leaves the buffer.

/// The ASCII bytes the tokenizer looks for.
enum ASCII {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
}

/// Eight copies of a byte.
@inline(__always)
func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

/// A word whose lowest set bit is the high bit of the first byte of `word` equal to the byte that
/// `pattern` repeats, or 0 when no byte matches. (Bits above the first match may be wrong; only
/// the lowest one is ever used.)
@inline(__always)
func firstMatch(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = word ^ pattern
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
}

/// Eight bytes at `p`, first byte lowest.
@inline(__always)
func loadWord(_ p: UnsafePointer<UInt8>) -> UInt64 {
    UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
}

/// The byte positions of a document that end fields and rows, searched eight at a time.
struct Delimiters {
    let separator: UInt8
    let quote: UInt8
    let separators: UInt64
    let quotes: UInt64
    let lineFeeds = broadcast(ASCII.lineFeed)
    let returns = broadcast(ASCII.carriageReturn)

    init(separator: UInt8, quote: UInt8) {
        self.separator = separator
        self.quote = quote
        separators = broadcast(separator)
        quotes = broadcast(quote)
    }

    /// The first position in `from..<end` holding a separator, line feed or carriage return, or
    /// `end`.
    @inline(__always)
    func fieldEnd(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i < end {
            let word = loadWord(bytes + i)
            let found =
                firstMatch(word, separators) | firstMatch(word, lineFeeds) | firstMatch(word, returns)
            if found != 0 { return Swift.min(i + found.trailingZeroBitCount >> 3, end) }
            i += 8
        }
        return end
    }

    /// The first position in `from..<end` holding the quote character, or `end`.
    @inline(__always)
    func nextQuote(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i < end {
            let found = firstMatch(loadWord(bytes + i), quotes)
            if found != 0 { return Swift.min(i + found.trailingZeroBitCount >> 3, end) }
            i += 8
        }
        return end
    }

    /// The position after the first line end (`\n`, `\r\n` or a lone `\r`) at or after `from`, or
    /// `end`: a guess at a row start that ignores quoting.
    func nextLineStart(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i < end {
            let word = loadWord(bytes + i)
            let found = firstMatch(word, lineFeeds) | firstMatch(word, returns)
            if found != 0 {
                let at = i + found.trailingZeroBitCount >> 3
                if at >= end { return end }
                if bytes[at] == ASCII.carriageReturn && at + 1 < end && bytes[at + 1] == ASCII.lineFeed {
                    return at + 2
                }
                return at + 1
            }
            i += 8
        }
        return end
    }
}

/// The number of bytes equal to `byte` in `from..<to`, eight at a time (a bound on the rows
/// of a range of a document, from which the parser sizes its output before it parses).
func count(_ byte: UInt8, in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    let pattern = broadcast(byte)
    var total = 0
    var i = from
    while i < to {
        // Per-byte counters, summed before any of them can pass 255.
        var counters: UInt64 = 0
        let stop = Swift.min(to, i + 255 * 8)
        while i < stop {
            let x = loadWord(bytes + i) ^ pattern
            var equal = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            if stop - i < 8 { equal &= (1 &<< UInt64(8 * (stop - i))) &- 1 }
            counters &+= equal &>> 7
            i &+= 8
        }
        let pairs = (counters & 0x00FF_00FF_00FF_00FF) &+ ((counters &>> 8) & 0x00FF_00FF_00FF_00FF)
        total += Int((pairs &* 0x0001_0001_0001_0001) &>> 48)
    }
    return total
}

/// The 1-based physical line of byte `offset`, counting `\n`, `\r\n` and lone `\r` as line ends
/// (used only to word error messages).
func lineNumber(of offset: Int, in bytes: UnsafePointer<UInt8>) -> Int {
    var line = 1
    var i = 0
    while i < offset {
        if bytes[i] == ASCII.lineFeed {
            line += 1
        } else if bytes[i] == ASCII.carriageReturn && bytes[i + 1] != ASCII.lineFeed {
            line += 1
        }
        i += 1
    }
    return line
}
