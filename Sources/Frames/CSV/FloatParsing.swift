#if canImport(Glibc)
    import Glibc
#endif

// Decimal text to the nearest `Double`, correctly rounded (the value `strtod` and `Double(String)`
// give), in the way of Lemire's fast_float: Clinger's exact fast path when the digits and the power
// of ten are both exact doubles, else the Eisel-Lemire algorithm on a 64-bit significand, else
// (more than 19 significant digits whose rounding is ambiguous) `strtod` itself.

/// The `Double` a field spells (pandas' float syntax: spaces and tabs around, sign, digits with an
/// optional point, an optional exponent, `inf`/`infinity` in any case), or nil.
func parseDouble(_ text: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var (i, end) = trimmed(text, count)
    guard i < end else { return nil }
    let negative = text[i] == ASCII.minus
    if negative || text[i] == ASCII.plus { i += 1 }
    var significand: UInt64 = 0
    var digits = 0
    var exponent = 0
    var truncated = false
    var sawDigit = false
    func digit(_ position: Int) -> UInt64? {
        let value = text[position] &- ASCII.zero
        return value < 10 ? UInt64(value) : nil
    }
    while i < end, let d = digit(i) {
        sawDigit = true
        if digits < 19 {
            significand = significand * 10 + d
            if significand != 0 { digits += 1 }
        } else {
            exponent += 1
            truncated = truncated || d != 0
        }
        i += 1
    }
    if i < end && text[i] == ASCII.dot {
        i += 1
        while i < end, let d = digit(i) {
            sawDigit = true
            if digits < 19 {
                significand = significand * 10 + d
                exponent -= 1
                if significand != 0 { digits += 1 }
            } else {
                truncated = truncated || d != 0
            }
            i += 1
        }
    }
    guard sawDigit else { return infinity(text + i, end - i, negative: negative) }
    if i < end && (text[i] | 0x20) == UInt8(ascii: "e") {
        i += 1
        let negativeExponent = i < end && text[i] == ASCII.minus
        if i < end && (text[i] == ASCII.minus || text[i] == ASCII.plus) { i += 1 }
        guard i < end, digit(i) != nil else { return nil }
        var written = 0
        while i < end, let d = digit(i) {
            if written < 100_000 { written = written * 10 + Int(d) }
            i += 1
        }
        exponent += negativeExponent ? -written : written
    }
    guard i == end else { return nil }
    let magnitude: Double
    if significand == 0 {
        magnitude = 0
    } else if !truncated, let exact = clinger(significand, exponent) {
        magnitude = exact
    } else if !truncated {
        magnitude = eiselLemire(significand, exponent)
    } else {
        let low = eiselLemire(significand, exponent)
        magnitude = low == eiselLemire(significand + 1, exponent) ? low : strtodFallback(text, count)
    }
    return negative ? -magnitude : magnitude
}

/// `inf` or `infinity` in any case, signed; nil for anything else.
private func infinity(_ text: UnsafePointer<UInt8>, _ count: Int, negative: Bool) -> Double? {
    guard count == 3 || count == 8 else { return nil }
    let word = count == 3 ? "inf" : "infinity"
    for (offset, letter) in word.utf8.enumerated() where text[offset] | 0x20 != letter { return nil }
    return negative ? -.infinity : .infinity
}

/// Powers of ten that are exact doubles.
private let exactPowersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
}

/// w × 10^q when both w and 10^|q| are exact doubles: one correctly rounded operation.
@inline(__always)
private func clinger(_ w: UInt64, _ q: Int) -> Double? {
    guard w <= 1 << 53, q >= -22, q <= 22 else { return nil }
    return q >= 0 ? Double(w) * exactPowersOfTen[q] : Double(w) / exactPowersOfTen[-q]
}

/// The double nearest to w × 10^q for a non-zero w (the Eisel-Lemire algorithm, in the form
/// proven to need no fallback for 64-bit significands by Mushtak and Lemire, 2023).
private func eiselLemire(_ w: UInt64, _ q: Int) -> Double {
    if q < -342 { return 0 }
    if q > 308 { return .infinity }
    let zeros = w.leadingZeroBitCount
    let normalized = w << UInt64(zeros)
    let power = powersOfFive[q + 342]
    var (high, low) = normalized.multipliedFullWidth(by: power.high)
    if high & 0x1FF == 0x1FF {
        let (carryIn, _) = normalized.multipliedFullWidth(by: power.low)
        low = low &+ carryIn
        if carryIn > low { high &+= 1 }
    }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 9)
    var mantissa = high >> shift
    var exponent = ((217_706 * q) >> 16) + 63 + upperBit - zeros + 1023
    if exponent <= 0 {
        if -exponent + 1 >= 64 { return 0 }
        mantissa >>= UInt64(-exponent + 1)
        mantissa += mantissa & 1
        mantissa >>= 1
        exponent = mantissa < 1 << 52 ? 0 : 1
        return Double(bitPattern: UInt64(exponent) << 52 | (mantissa & ((1 << 52) - 1)))
    }
    if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && mantissa << shift == high {
        mantissa &= ~1
    }
    mantissa += mantissa & 1
    mantissa >>= 1
    if mantissa >= 2 << 52 {
        mantissa = 1 << 52
        exponent += 1
    }
    if exponent >= 0x7FF { return .infinity }
    return Double(bitPattern: UInt64(exponent) << 52 | (mantissa & ((1 << 52) - 1)))
}

/// `strtod` of a field, for the rare significands of more than 19 digits that the fast paths
/// cannot round; returns the magnitude (the caller applies the sign).
private func strtodFallback(_ text: UnsafePointer<UInt8>, _ count: Int) -> Double {
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: count + 1)
    defer { copy.deallocate() }
    UnsafeMutableRawPointer(copy).copyMemory(from: text, byteCount: count)
    copy[count] = 0
    return Swift.abs(strtod(copy, nil))
}
