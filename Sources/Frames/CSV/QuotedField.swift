/// Where the text of a quoted field is: in the document itself when it has no doubled quotes and
/// nothing after its closing quote, else in a scratch buffer.
struct QuotedField {
    /// The field's text in the document, or nil when it was assembled in the scratch buffer.
    let inPlace: Range<Int>?
    /// The position of the byte that ends the field (a separator, a line end, or the document's end).
    let end: Int
}

extension Delimiters {
    /// Reads the field whose opening quote is at `open`, following pandas' C parser: `""` inside
    /// quotes is one quote, separators and line ends inside quotes are text, and bytes after the
    /// closing quote up to the separator are appended as they are. Returns nil when the quote is
    /// never closed.
    func quotedField(
        _ bytes: UnsafePointer<UInt8>, open: Int, end: Int, scratch: inout [UInt8]
    ) -> QuotedField? {
        scratch.removeAll(keepingCapacity: true)
        var segment = open + 1
        var inPlace = true
        while true {
            let close = nextQuote(bytes, from: segment, end: end)
            guard close < end else { return nil }
            if close + 1 < end && bytes[close + 1] == quote {
                scratch.append(
                    contentsOf: UnsafeBufferPointer(start: bytes + segment, count: close + 1 - segment))
                inPlace = false
                segment = close + 2
                continue
            }
            let fieldEnd = fieldEnd(bytes, from: close + 1, end: end)
            if inPlace && fieldEnd == close + 1 {
                return QuotedField(inPlace: segment..<close, end: fieldEnd)
            }
            scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + segment, count: close - segment))
            scratch.append(
                contentsOf: UnsafeBufferPointer(start: bytes + close + 1, count: fieldEnd - close - 1))
            return QuotedField(inPlace: nil, end: fieldEnd)
        }
    }

    /// The position after the line end at `position` (`\n`, `\r\n` or `\r`), or `end`.
    @inline(__always)
    func afterLineEnd(_ bytes: UnsafePointer<UInt8>, _ position: Int, end: Int) -> Int {
        guard position < end else { return end }
        if bytes[position] == ASCII.carriageReturn && position + 1 < end
            && bytes[position + 1] == ASCII.lineFeed
        {
            return position + 2
        }
        return position + 1
    }

    /// When the line at `start` holds only spaces and tabs (pandas skips such lines), the position
    /// after it; nil otherwise.
    func blankLineEnd(_ bytes: UnsafePointer<UInt8>, _ start: Int, end: Int) -> Int? {
        var i = start
        while i < end && isBlank(bytes[i]) { i += 1 }
        guard i == end || bytes[i] == ASCII.lineFeed || bytes[i] == ASCII.carriageReturn else { return nil }
        return afterLineEnd(bytes, i, end: end)
    }

    /// The fields of the row at `start` as raw text (quotes removed), skipping blank lines before
    /// it, and the position after it; nil at the end of the document. Throws at a quote that is
    /// never closed.
    func readRow(_ bytes: UnsafePointer<UInt8>, at start: Int, end: Int) throws(CSVFailure) -> (
        fields: [[UInt8]], next: Int
    )? {
        guard let rowStart = skipBlankLines(bytes, from: start, end: end) else { return nil }
        var fields: [[UInt8]] = []
        var scratch: [UInt8] = []
        var p = rowStart
        while true {
            let fieldEnd: Int
            if p < end && bytes[p] == quote {
                guard let field = quotedField(bytes, open: p, end: end, scratch: &scratch) else {
                    throw CSVFailure(.unterminatedQuote, offset: p)
                }
                fields.append(
                    field.inPlace.map {
                        Array(UnsafeBufferPointer(start: bytes + $0.lowerBound, count: $0.count))
                    } ?? scratch)
                fieldEnd = field.end
            } else {
                fieldEnd = self.fieldEnd(bytes, from: p, end: end)
                fields.append(Array(UnsafeBufferPointer(start: bytes + p, count: fieldEnd - p)))
            }
            if fieldEnd < end && bytes[fieldEnd] == separator {
                p = fieldEnd + 1
                continue
            }
            return (fields, afterLineEnd(bytes, fieldEnd, end: end))
        }
    }

    /// The start of the first row at or after `start` (skipping empty and blank lines), or nil
    /// when only blank lines remain.
    func skipBlankLines(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        var p = start
        while p < end {
            let first = bytes[p]
            if first == ASCII.lineFeed || first == ASCII.carriageReturn {
                p = afterLineEnd(bytes, p, end: end)
            } else if isBlank(first), let next = blankLineEnd(bytes, p, end: end) {
                p = next
            } else {
                return p
            }
        }
        return nil
    }
}
