import Testing

@testable import Workloads

/// The JSON reader of the results files.
struct JSONValueTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try JSONValue(
            parsing: #" {"a": [1, -2.5e-3, true, false, null], "b": {"c": "d"}, "e": "", "f": []} "#)
        #expect(value["a"] == .array([.number(1), .number(-0.0025), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"]?.string == "d")
        #expect(value["e"]?.string == "")
        #expect(value["f"]?.array == [])
        #expect(value["missing"] == nil)
        #expect(value["a"]?["not an object"] == nil)
    }

    @Test func readsEscapesAndNonASCIIText() throws {
        let value = try JSONValue(parsing: #""q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00 µs""#)
        #expect(value.string == "q\"b\\s/n\nt\tué😀 µs")
    }

    @Test func readsTheNonFiniteWordsPythonAndSwiftPrint() throws {
        let value = try JSONValue(parsing: "[NaN, Infinity, -Infinity, inf]")
        let numbers = value.array!.map { $0.number! }
        #expect(
            numbers[0].isNaN && numbers[1] == .infinity && numbers[2] == -.infinity && numbers[3] == .infinity
        )
    }

    @Test func quoteRoundTrips() throws {
        let text = "a \"quoted\" \\ path\n\twith \u{01} control and é"
        #expect(try JSONValue(parsing: JSONValue.quote(text)).string == text)
        #expect(JSONValue.quote("\u{01}") == #""\u0001""#)
    }

    @Test(arguments: [
        (#"{"a": 1"#, 7, "',' or '}' in an object"),
        (#"{"a" 1}"#, 5, "':' after a member name"),
        (#"{a: 1}"#, 1, "a member name in quotes"),
        (#"[1, 2"#, 5, "',' or ']' in an array"),
        (#""open"#, 5, "'\"' closing the string"),
        (#"{"a": tru}"#, 6, "a value (object, array, string, number, true, false or null)"),
        (#"{} {}"#, 3, "the end of the text"),
        ("", 0, "a value"),
        (#""\x""#, 2, #"one of \" \\ \/ \b \f \n \r \t \u"#),
        ("0x10", 0, "a value (object, array, string, number, true, false or null)"),
    ])
    func malformedTextSaysWhereAndWhat(_ text: String, offset: Int, expected: String) {
        #expect(throws: JSONError.self) { try JSONValue(parsing: text) }
        do {
            _ = try JSONValue(parsing: text)
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(error.expected == expected, "\(error)")
        }
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError.self) { try JSONValue(parsing: text) }
    }
}
