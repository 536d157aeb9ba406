/// Stage one of the tokenizer: the positions of the bytes that may end a field (separator, line
/// feed, carriage return, quote), found eight bytes at a time, a block at a time.
///
/// Each word of eight bytes is tested at once with integer arithmetic (SWAR): bytes below the
/// digits (`,` `\n` `\r` `"` `\t` and a few other punctuation bytes) with one unsigned comparison,
/// structural bytes at or above `0` (a `;` or `|` separator) with one equality test each. The
/// positions are then read by the parser (`ChunkParser`), which skips the few bytes that passed
/// the comparison without being structural. Because each field's end comes from this list rather
/// than from parsing the field before it, consecutive fields parse independently and the CPU
/// overlaps them.
struct StructuralScanner {
    /// Bytes below this one are candidates.
    private let threshold: UInt64
    /// Whether the separator or the quote is at or above `0` and needs an equality test.
    private let hasExact: Bool
    /// Those bytes (the separator and the quote, or one of them twice), each repeated eight times.
    private let exact: (UInt64, UInt64)

    init(_ delimiters: Delimiters) {
        let structural = [delimiters.separator, delimiters.quote, ASCII.lineFeed, ASCII.carriageReturn]
        threshold = UInt64(structural.filter { $0 < ASCII.zero }.max()! + 1)
        let large = structural.filter { $0 >= ASCII.zero }.map(broadcast)
        hasExact = !large.isEmpty
        exact = (large.first ?? 0, large.last ?? 0)
    }

    /// A word with the high bit set in every byte of `word` below the threshold or equal to an
    /// exact byte.
    @inline(__always)
    private func candidates(_ word: UInt64) -> UInt64 {
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        var found = ~((low &+ broadcast(UInt8(0x80 - threshold))) | word) & 0x8080_8080_8080_8080
        if hasExact {
            found |= equal(word, exact.0) | equal(word, exact.1)
        }
        return found
    }

    /// The high bit set in every byte of `word` equal to the byte `pattern` repeats (exact).
    @inline(__always)
    private func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// Writes the candidate positions in `from..<to` (`to` at most the document's end) to `out`
    /// and returns how many. `out` must have room for `to - from + 8` positions.
    func scan(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int, into out: UnsafeMutablePointer<Int>) -> Int {
        var count = 0
        var i = from
        while i < to {
            var found = candidates(loadWord(bytes + i))
            if to - i < 8 { found &= (1 << UInt64(8 * (to - i))) &- 1 }
            // The number of flagged bytes, without a POPCNT instruction (not in the x86-64 baseline).
            let matches = Int(truncatingIfNeeded: ((found &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
            out[count] = i &+ found.trailingZeroBitCount >> 3
            found &= found &- 1
            out[count + 1] = i &+ found.trailingZeroBitCount >> 3
            if matches > 2 {
                found &= found &- 1
                for extra in 2..<matches {
                    out[count + extra] = i &+ found.trailingZeroBitCount >> 3
                    found &= found &- 1
                }
            }
            count &+= matches
            i &+= 8
        }
        return count
    }
}
