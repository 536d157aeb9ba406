extension DataFrame {
    /// The frame as CSV text, as pandas' `to_csv(index=False)` writes it: a header row, `\n` line
    /// ends, missing values as empty fields, floats as Python's `repr` spells them, booleans as
    /// `True`/`False`, and fields quoted (quotes doubled) only when they hold the separator, a
    /// quote or a line break.
    ///
    /// ```swift
    /// try frame.toCSV().write(to: …)      // or readCSV(text: frame.toCSV()) to read it back
    /// ```
    public func toCSV(separator: Character = ",") -> String {
        let separator = String(separator)
        var text = columnNames.map { quoted($0, separator) }.joined(separator: separator) + "\n"
        for row in 0..<rowCount {
            // A lone empty field is written `""`, as Python's csv module writes it: an empty line
            // would read back as a blank line, which readers skip.
            if columns.count == 1 && columns[0].text(at: row).map({ $0.isEmpty }) != false {
                text += "\"\"\n"
                continue
            }
            text += columns.map { column in
                switch column {
                case .float64(let s): s[row].map(pythonRepr) ?? ""
                case .int64(let s): s[row].map { String($0) } ?? ""
                case .bool(let s): s[row].map { $0 ? "True" : "False" } ?? ""
                case .string(let s): s[row].map { quoted($0, separator) } ?? ""
                }
            }.joined(separator: separator)
            text += "\n"
        }
        return text
    }

    private func quoted(_ field: String, _ separator: String) -> String {
        let special = Set(separator.utf8).union([UInt8(ascii: "\""), ASCII.lineFeed, ASCII.carriageReturn])
        guard field.utf8.contains(where: special.contains) else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
            + "\""
    }
}

/// `value` as Python's `repr` writes a float: the shortest digits that read back to the same
/// value (Swift's `description` finds them), in positional notation when the decimal exponent is
/// between -4 and 16, else in scientific notation with at least two exponent digits.
func pythonRepr(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    let text = value.description
    let negative = text.hasPrefix("-")
    let body = negative ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: "e", maxSplits: 1)
    let mantissa = parts[0]
    let exponent = parts.count > 1 ? Int(parts[1])! : 0
    let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(pieces[0])
    let fraction = pieces.count > 1 ? String(pieces[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    while digits.count > 1 && digits.hasPrefix("0") {
        digits.removeFirst()
        point -= 1
    }
    while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
    let sign = negative ? "-" : ""
    if digits == "0" { return sign + "0.0" }
    if point > -4 && point <= 16 {
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
        }
        return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }
    let scientific = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
    let power = point - 1
    let powerText = String(Swift.abs(power))
    return sign + scientific + "e" + (power < 0 ? "-" : "+") + (powerText.count < 2 ? "0" : "") + powerText
}
