/// A JSON value: what a line of a results file holds (`bach bench --json`, `scripts/peers.py
/// --json`), read without Foundation.
///
/// Numbers are read as `Double`; besides standard JSON, the words Python and Swift print for
/// non-finite numbers (`NaN`, `Infinity`, `-Infinity`, `nan`, `inf`) are numbers too, so that a line
/// either tool wrote can be read back.
///
/// ```swift
/// let line = try JSONValue(parsing: #"{"size": 1024, "validation": "ok"}"#)
/// line["size"]?.number      // 1024.0
/// line["validation"]?.string // "ok"
/// ```
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number (integers too).
    case number(Double)
    /// A string, escapes resolved.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; a repeated member name keeps its last value.
    case object([String: JSONValue])

    /// The value `text` holds, which must be one JSON value with nothing but spaces around it.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws(JSONError) {
        var reader = JSONReader(Array(text.utf8))
        self = try reader.value(depth: 0)
        reader.skipSpaces()
        if reader.position < reader.bytes.count { throw reader.error(expected: "the end of the text") }
    }

    /// The member `key` of an object, or nil (also when the value is not an object).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The number, or nil when the value is not a number.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The string, or nil when the value is not a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, or nil when the value is not an array.
    public var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Why a text is not JSON: where, what was expected and what was found.
public struct JSONError: Error, Equatable, CustomStringConvertible {
    /// The byte offset of the problem.
    public let offset: Int
    /// What the reader expected there.
    public let expected: String
    /// What it found (a few bytes of the text, or its end).
    public let found: String

    /// "at byte N: expected …, found …".
    public var description: String { "at byte \(offset): expected \(expected), found \(found)" }
}

/// A cursor over the bytes of a JSON text.
private struct JSONReader {
    let bytes: [UInt8]
    var position = 0
    /// Nesting beyond this is refused rather than risking the stack on a hostile line.
    static let maximumDepth = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        skipSpaces()
        guard depth < Self.maximumDepth else { throw error(expected: "at most 64 nested values") }
        guard position < bytes.count else { throw error(expected: "a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        default: return try word()
        }
    }

    private mutating func object(depth: Int) throws(JSONError) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipSpaces()
        if consume("}") { return .object(members) }
        repeat {
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(expected: "a member name in quotes")
            }
            let key = try string()
            skipSpaces()
            guard consume(":") else { throw error(expected: "':' after a member name") }
            members[key] = try value(depth: depth + 1)
            skipSpaces()
        } while consume(",")
        guard consume("}") else { throw error(expected: "',' or '}' in an object") }
        return .object(members)
    }

    private mutating func array(depth: Int) throws(JSONError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipSpaces()
        if consume("]") { return .array(elements) }
        repeat {
            elements.append(try value(depth: depth + 1))
            skipSpaces()
        } while consume(",")
        guard consume("]") else { throw error(expected: "',' or ']' in an array") }
        return .array(elements)
    }

    private mutating func string() throws(JSONError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try escape())
            case 0..<0x20:
                position -= 1
                throw error(expected: "no control characters in a string")
            default:
                run.append(byte)
            }
        }
        throw error(expected: "'\"' closing the string")
    }

    private mutating func escape() throws(JSONError) -> Unicode.Scalar {
        guard position < bytes.count else { throw error(expected: "an escape after '\\'") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), position + 2 <= bytes.count,
                bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            {
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error(expected: "a low surrogate") }
                code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
            }
            return Unicode.Scalar(code) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error(expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error(expected: "four hexadecimal digits after \\u") }
        position += 4
        return code
    }

    /// `true`, `false`, `null` or a number.
    private mutating func word() throws(JSONError) -> JSONValue {
        let start = position
        while position < bytes.count, Self.isWordByte(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let value = Double(text), !text.isEmpty, !text.hasPrefix("0x"), !text.hasPrefix("-0x") {
                return .number(value)
            }
            position = start
            throw error(expected: "a value (object, array, string, number, true, false or null)")
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    mutating func skipSpaces() {
        while position < bytes.count,
            [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(
                bytes[position])
        {
            position += 1
        }
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
        position += 1
        return true
    }

    func error(expected: String) -> JSONError {
        let found: String
        if position >= bytes.count {
            found = "the end of the text"
        } else {
            let end = Swift.min(bytes.count, position + 12)
            found = "'" + String(decoding: bytes[position..<end], as: UTF8.self) + "'"
        }
        return JSONError(offset: position, expected: expected, found: found)
    }
}
