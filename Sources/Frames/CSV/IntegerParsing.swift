#if canImport(Glibc)
    import Glibc
#endif

// Integer and boolean fields as pandas' C parser reads them: optional surrounding spaces and tabs,
// an optional sign, decimal digits only.

/// The value of the digits `d0 … d7` held one per byte (first digit lowest), as one number:
/// three multiplications instead of eight (the method of Lemire, "Faster integer parsing").
@inline(__always)
func eightDigitsValue(_ digits: UInt64) -> UInt64 {
    let pairs = digits &* 10 &+ (digits >> 8)
    let mask: UInt64 = 0x0000_00FF_0000_00FF
    let high: UInt64 = 100 + (1_000_000 << 32)
    let low: UInt64 = 1 + (10_000 << 32)
    return ((pairs & mask) &* high &+ ((pairs >> 16) & mask) &* low) >> 32
}

/// Whether `byte` is a space or a tab (what numeric fields may be padded with).
@inline(__always)
func isBlank(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }

/// `text[0..<count]` without leading and trailing spaces and tabs.
@inline(__always)
func trimmed(_ text: UnsafePointer<UInt8>, _ count: Int) -> (start: Int, end: Int) {
    var start = 0
    var end = count
    while start < end && isBlank(text[start]) { start += 1 }
    while end > start && isBlank(text[end - 1]) { end -= 1 }
    return (start, end)
}

/// The `Int64` a field spells, or nil when it is not an integer or does not fit in 64 bits.
func parseInteger(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    var (i, end) = trimmed(text, count)
    guard i < end else { return nil }
    let negative = text[i] == ASCII.minus
    if negative || text[i] == ASCII.plus { i += 1 }
    guard i < end else { return nil }
    var magnitude: UInt64 = 0
    while i < end {
        let digit = text[i] &- ASCII.zero
        guard digit < 10 else { return nil }
        let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(UInt64(digit))
        if o1 || o2 { return nil }
        magnitude = next
        i += 1
    }
    if negative {
        guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
        return Int64(truncatingIfNeeded: 0 &- magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
}

/// `true` for `True`, `TRUE` and `true`, `false` for `False`, `FALSE` and `false` (pandas'
/// default true and false values), nil for anything else.
func parseBool(_ text: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
    func matches(_ word: StaticString) -> Bool {
        word.utf8CodeUnitCount == count && memcmp(word.utf8Start, text, count) == 0
    }
    if count == 4 { return matches("True") || matches("TRUE") || matches("true") ? true : nil }
    if count == 5 { return matches("False") || matches("FALSE") || matches("false") ? false : nil }
    return nil
}
