/// Which row of a CSV document names the columns (pandas' `header=`).
///
/// Written as a literal: `header: 0` (the first row, the default when no names are given),
/// `header: nil` (no header row; names come from `names:` or are "0", "1", …).
public enum CSVHeader: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    /// Row 0 unless `names` are given, then none (pandas' `header='infer'`).
    case infer
    /// No header row.
    case none
    /// The header is row `n` (counting non-blank rows from 0); the rows before it are skipped.
    case row(Int)

    /// `header: n`: the header is row `n`.
    public init(integerLiteral value: Int) { self = .row(value) }
    /// `header: nil`: no header row.
    public init(nilLiteral: ()) { self = .none }
}

/// How to read a CSV document: pandas' `read_csv` options that this reader supports.
///
/// ```swift
/// var options = CSVOptions()
/// options.separator = ";"
/// options.types = ["price": .float64]
/// let frame = try readCSV("prices.csv", options: options)
/// ```
public struct CSVOptions: Sendable, Equatable {
    /// The field separator, one ASCII character (pandas' `sep`).
    public var separator: Character
    /// The quote character, one ASCII character (pandas' `quotechar`).
    public var quote: Character
    /// Which row names the columns.
    public var header: CSVHeader
    /// Column names; they replace the header row when there is one (pandas' `names`).
    public var names: [String]?
    /// Fixed types by column name (pandas' `dtype`); other columns are inferred.
    public var types: [String: FrameType]
    /// Field texts read as missing values (pandas' `na_values` with `keep_default_na`).
    public var missingValues: Set<String>

    /// pandas' default `na_values`.
    public static let defaultMissingValues: Set<String> = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
        "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    /// Options with pandas' defaults unless given.
    public init(
        separator: Character = ",", quote: Character = "\"", header: CSVHeader = .infer,
        names: [String]? = nil,
        types: [String: FrameType] = [:], missingValues: Set<String> = CSVOptions.defaultMissingValues
    ) {
        self.separator = separator
        self.quote = quote
        self.header = header
        self.names = names
        self.types = types
        self.missingValues = missingValues
    }

    /// The separator and quote as bytes; throws unless each is one ASCII character other than a
    /// line end, and they differ.
    func delimiters() throws(CSVError) -> Delimiters {
        func byte(_ character: Character, _ option: String) throws(CSVError) -> UInt8 {
            guard let ascii = character.asciiValue, character != "\n", character != "\r", character != "\r\n"
            else {
                throw .invalidOption(
                    option: option, expected: "one ASCII character other than a line end",
                    found: "\"\(character)\"")
            }
            return ascii
        }
        let separator = try byte(separator, "separator")
        let quote = try byte(quote, "quote")
        guard separator != quote else {
            throw .invalidOption(
                option: "quote", expected: "a character other than the separator", found: "\"\(self.quote)\"")
        }
        return Delimiters(separator: separator, quote: quote)
    }
}
