#if canImport(Glibc)
    import Glibc
#endif

/// The strings that mean "missing" in a field (pandas' `na_values`), matched exactly.
///
/// Most fields are ruled out without a comparison: by length, by first byte, and, for fields
/// that read as numbers or booleans, by knowing that no marker does (true of pandas' defaults).
struct MissingMarkers: Sendable {
    private let markers: [[UInt8]]
    /// Bit `b` set when a marker starts with byte `b`.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)
    private let lengths: ClosedRange<Int>
    /// Whether the empty field is a marker.
    let includesEmpty: Bool
    /// Whether a marker reads as an integer (then integer fields skip the fast path).
    let includesInteger: Bool
    /// Whether a marker reads as a number or a boolean (then such fields are looked up too).
    let includesValue: Bool

    init(_ markers: Set<String>) {
        let encoded = markers.map { Array($0.utf8) }.filter { !$0.isEmpty }
        self.markers = encoded
        var bits: [UInt64] = [0, 0, 0, 0]
        for marker in encoded { bits[Int(marker[0] >> 6)] |= 1 << UInt64(marker[0] & 63) }
        firstBytes = (bits[0], bits[1], bits[2], bits[3])
        let counts = encoded.map(\.count)
        lengths = (counts.min() ?? 1)...(counts.max() ?? 0)
        includesEmpty = markers.contains("")
        func reads(_ marker: [UInt8], _ parse: (UnsafePointer<UInt8>, Int) -> Bool) -> Bool {
            marker.withUnsafeBufferPointer { parse($0.baseAddress!, $0.count) }
        }
        includesInteger = encoded.contains { reads($0) { parseInteger($0, $1) != nil } }
        includesValue = encoded.contains { marker in
            reads(marker) { parseDouble($0, $1) != nil || parseBool($0, $1) != nil }
        }
    }

    /// Whether `text[0..<count]` is one of the markers.
    @inline(__always)
    func contains(_ text: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 { return includesEmpty }
        guard lengths.contains(count) else { return false }
        let first = text[0]
        let word: UInt64
        switch first >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        guard word & (1 << UInt64(first & 63)) != 0 else { return false }
        return lookUp(text, count)
    }

    private func lookUp(_ text: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        markers.contains { marker in
            marker.count == count
                && marker.withUnsafeBufferPointer { memcmp($0.baseAddress!, text, count) == 0 }
        }
    }
}
