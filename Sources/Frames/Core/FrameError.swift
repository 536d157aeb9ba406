/// Why a `Series` or `DataFrame` operation could not run. Every message names the operation, what
/// it expected and what it found.
public enum FrameError: Error, Equatable, CustomStringConvertible {
    /// Operands of different lengths (frames have no index to align them by, so rows pair up by
    /// position and the lengths must agree).
    case lengthMismatch(operation: String, expected: Int, found: Int)
    /// A column or value of another type than the operation needs.
    case typeMismatch(operation: String, expected: String, found: String)
    /// A column name the frame does not have.
    case unknownColumn(operation: String, name: String, available: [String])
    /// A column name the frame already has.
    case duplicateColumn(operation: String, name: String)
    /// Missing values where the operation cannot take them (a boolean filter with missing
    /// values, an `Int64` or `Bool` series converted to an array that has no NaN).
    case missingValues(operation: String, count: Int)
    /// An argument outside what the operation accepts (a row range past the end, a negative count).
    case invalidArgument(operation: String, expected: String, found: String)

    /// The message: the operation, what it expected, what it found.
    public var description: String {
        switch self {
        case .lengthMismatch(let op, let expected, let found):
            "\(op): expected \(expected) rows, found \(found)"
        case .typeMismatch(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        case .unknownColumn(let op, let name, let available):
            "\(op): expected one of the columns \(available), found \"\(name)\""
        case .duplicateColumn(let op, let name):
            "\(op): expected a new column name, found \"\(name)\", which the frame already has"
        case .missingValues(let op, let count):
            "\(op): expected no missing values, found \(count)"
        case .invalidArgument(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        }
    }
}

/// Runs `body`, trapping with the error's message if it throws: for operators and subscripts,
/// which cannot throw in Swift, and which have a throwing named counterpart.
func trapping<T, E: Error>(_ body: () throws(E) -> T) -> T {
    do {
        return try body()
    } catch {
        fatalError("\(error)")
    }
}
