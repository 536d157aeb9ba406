/// Why a CSV document could not be read. Every message says what was expected and what was
/// found, and where: lines are the physical lines of the file counted from 1 (as an editor shows
/// them, so a quoted field with line breaks spans several), columns are fields counted from 1.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or mapped.
    case cannotOpen(path: String, reason: String)
    /// The document is empty or holds only blank lines (pandas' `EmptyDataError`).
    case noColumns
    /// A quoted field whose closing quote never comes.
    case unterminatedQuote(line: Int, column: Int)
    /// A row with more fields than the document has columns.
    case fieldCount(line: Int, expected: Int, found: Int)
    /// A field that is not a value of its column's explicit type.
    case badValue(line: Int, column: Int, expected: String, found: String)
    /// An option that cannot be used as given.
    case invalidOption(option: String, expected: String, found: String)
    /// A row or byte range outside the document, or an index made for another document.
    case outOfRange(operation: String, expected: String, found: String)

    /// The message: where (line and column when a field is at fault), what was expected, what was found.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open \"\(path)\": \(reason)"
        case .noColumns:
            "no columns to parse: expected a header or a data row, found an empty document"
        case .unterminatedQuote(let line, let column):
            "line \(line), column \(column): expected a closing quote, found the end of the document"
        case .fieldCount(let line, let expected, let found):
            "line \(line): expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)"
        case .badValue(let line, let column, let expected, let found):
            "line \(line), column \(column): expected \(expected), found \"\(found)\""
        case .invalidOption(let option, let expected, let found):
            "\(option): expected \(expected), found \(found)"
        case .outOfRange(let operation, let expected, let found):
            "\(operation): expected \(expected), found \(found)"
        }
    }
}

/// A parse failure at a byte offset; becomes a `CSVError` once the line of the offset is counted.
struct CSVFailure: Error {
    enum Reason {
        case unterminatedQuote
        case fieldCount(expected: Int, found: Int)
        case badValue(expected: String, found: String)
    }

    let reason: Reason
    /// Where the offending field (or row) starts.
    let offset: Int
    /// The field's 0-based column, when the failure is about one field.
    let column: Int

    init(_ reason: Reason, offset: Int, column: Int = 0) {
        self.reason = reason
        self.offset = offset
        self.column = column
    }

    /// The public error, with the line counted in `bytes`.
    func error(in bytes: UnsafePointer<UInt8>) -> CSVError {
        let line = lineNumber(of: offset, in: bytes)
        switch reason {
        case .unterminatedQuote: return .unterminatedQuote(line: line, column: column + 1)
        case .fieldCount(let expected, let found):
            return .fieldCount(line: line, expected: expected, found: found)
        case .badValue(let expected, let found):
            return .badValue(line: line, column: column + 1, expected: expected, found: found)
        }
    }
}
