#if canImport(Glibc)
    import Glibc
#endif

extension Series where Scalar == String {
    /// Text operations on every value (pandas' `.str` accessor).
    public var str: StringMethods { StringMethods(series: self) }
}

/// Text operations on a string series (pandas' `Series.str`). Positions count Unicode code
/// points, as Python's do; missing values stay missing, except in `contains`, where they give
/// false (pandas' `str` dtype).
public struct StringMethods: Sendable {
    let series: Series<String>

    /// Whether each value contains `substring` literally (pandas' `str.contains(s, regex=False)`).
    public func contains(_ substring: String) -> Series<Bool> {
        let needle = Array(substring.utf8)
        let values = series.values
        let present = series.validity?.scalars
        let flags = (0..<series.count).map { row -> Bool in
            guard present?[row] != false else { return false }
            return values.withUTF8(row) { text in needle.withUnsafeBufferPointer { find($0, in: text) } }
        }
        return Series<Bool>(flags, name: series.name)
    }

    /// Whether `needle` occurs in `text`: candidates from `memchr` on the first byte, confirmed
    /// with `memcmp`.
    private func find(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard var base = text.baseAddress, text.count >= needle.count else { return false }
        let last = base + (text.count - needle.count)
        while base <= last {
            guard let hit = memchr(base, Int32(first), last - base + 1) else { return false }
            let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return true }
            base = candidate + 1
        }
        return false
    }

    /// Code points `start ..< stop` of each value, with Python's slice rules (pandas'
    /// `str.slice(start, stop)`): negative positions count from the end, positions past either end
    /// are clamped, nil means the start or the end.
    public func slice(start: Int? = nil, stop: Int? = nil) -> Series<String> {
        let values = series.values
        let column = StringColumn.build(count: series.count) { row, bytes in
            values.withUTF8(row) { text in
                let ascii = !text.contains { $0 >= 0x80 }
                let length = ascii ? text.count : String(decoding: text, as: UTF8.self).unicodeScalars.count
                func clamp(_ position: Int?, _ fallback: Int) -> Int {
                    guard let position else { return fallback }
                    return Swift.min(Swift.max(position < 0 ? position + length : position, 0), length)
                }
                let lower = clamp(start, 0)
                let upper = Swift.max(lower, clamp(stop, length))
                if ascii {
                    bytes.append(contentsOf: text[lower..<upper])
                } else {
                    let scalars = Array(String(decoding: text, as: UTF8.self).unicodeScalars)[lower..<upper]
                    for scalar in scalars { bytes.append(contentsOf: String(scalar).utf8) }
                }
            }
        }
        return trapping { try Series(name: series.name, values: column, validity: series.validity) }
    }

    /// `slice(start: range.lowerBound, stop: range.upperBound)` (pandas' `.str[a:b]`).
    public subscript(range: Range<Int>) -> Series<String> {
        slice(start: range.lowerBound, stop: range.upperBound)
    }

    /// The number of code points of each value (pandas' `str.len()`).
    public func length() -> Series<Int64> {
        let values = series.values
        let lengths = (0..<series.count).map { row in
            Int64(values.withUTF8(row) { text in text.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } })
        }
        return trapping {
            try Series<Int64>(name: series.name, values: .init(lengths), validity: series.validity)
        }
    }
}
