/// Byte counts as the command line spells them: `1048576`, `512KiB`, `1MiB`, `16GiB` (also KB/MB/GB
/// and K/M/G, all powers of 1024), for `--gpu-memory`.
public enum ByteCount {
    /// Why a byte count could not be read.
    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "'\(text)': expected a positive number of bytes with an optional KiB, MiB or GiB suffix"
        }
    }

    /// The number of bytes `text` stands for.
    public static func parse(_ text: String) throws(Malformed) -> Int {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).lowercased().trimmingWhitespace()
        let scale: Double? =
            switch unit {
            case "", "b": 1
            case "k", "kb", "kib": 1024
            case "m", "mb", "mib": 1_048_576
            case "g", "gb", "gib": 1_073_741_824
            case "t", "tb", "tib": 1_099_511_627_776
            default: nil
            }
        guard let value = Double(digits), let scale, value * scale >= 1, value * scale < 9.2e18 else {
            throw Malformed(text: text)
        }
        return Int(value * scale)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
