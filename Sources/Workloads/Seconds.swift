#if canImport(Glibc)
    import Glibc
#endif

/// Durations as the sweep, the report and the charts print them, without Foundation's formatter.
///
/// ```swift
/// Seconds.text(0.000412345)   // "0.000412"
/// Seconds.text(12.345)        // "12.3"
/// Seconds.label(0.002)        // "2 ms"
/// ```
public enum Seconds {
    /// `seconds` with `digits` significant digits, in plain decimal notation.
    public static func text(_ seconds: Double, digits: Int = 3) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        guard seconds != 0 else { return "0" }
        let magnitude = Swift.abs(seconds)
        guard magnitude < 1e15 else { return "\(seconds)" }
        let exponent = Int(log10(magnitude).rounded(.down))
        let decimals = Swift.max(0, digits - 1 - exponent)
        let scaled = Int((magnitude * pow(10, Double(decimals))).rounded())
        var text = String(scaled)
        if decimals > 0 {
            if text.count <= decimals {
                text = String(repeating: "0", count: decimals + 1 - text.count) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return (seconds < 0 ? "-" : "") + text
    }

    /// `seconds` in the largest unit of ns, µs, ms and s that keeps it at 1 or more: "2 ms", "500 µs".
    public static func label(_ seconds: Double) -> String {
        let units: [(Double, String)] = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
        let (scale, unit) = units.first { seconds >= $0.0 * (1 - 1e-9) } ?? units[units.count - 1]
        var number = text(seconds / scale)
        if number.contains(".") {
            while number.hasSuffix("0") { number.removeLast() }
            if number.hasSuffix(".") { number.removeLast() }
        }
        return number + " " + unit
    }
}
