@testable import Frames
import NDArrays
import Testing

/// The CSV reader's number parsing against `Double(String)` (glibc's correctly rounded `strtod`)
/// and `Int64(String)`, through `readCSV`.
@Suite struct NumberParsingTests {
    /// A deterministic generator (SplitMix64), so that failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Reads one float64 column of `texts` and checks every value against `Double(text)`.
    func expectMatches(_ texts: [String]) throws {
        let frame = try readCSV(text: "x\n" + texts.joined(separator: "\n") + "\n", types: ["x": .float64])
        let column = try #require(frame.typed("x", Double.self))
        var mismatches = 0
        for (row, text) in texts.enumerated() {
            let expected = Double(text)!
            let found = column.values[row]
            if found.bitPattern != expected.bitPattern && !(found.isNaN && expected.isNaN) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(text): expected \(expected), found \(found)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func hardCasesRoundCorrectly() throws {
        try expectMatches([
            "0", "-0", "0.0", "1", "9007199254740993", "9007199254740992.5", "1e23", "8.98846567431158e307",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324", "1e-400", "1e400", "0.1", "0.30000000000000004",
            "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001",
            "3.14159265358979323846264338327950288419716939937510",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126", "7.2057594037927933e16", "5e-324",
            "1e-324",
            "12345678901234567.5", "99999999999999999999e-20", ".5", "5.", "-.25e+2", "1E5", "6e-3",
        ])
    }

    @Test func randomDecimalsRoundCorrectly() throws {
        var random = Generator(state: 42)
        var texts: [String] = []
        for _ in 0..<20_000 {
            let digits = (0..<(1 + random.below(24))).map { _ in String(random.below(10)) }.joined()
            let point = random.below(digits.count + 1)
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if text.hasPrefix(".") && random.below(2) == 0 { text = "0" + text }
            if random.below(3) > 0 { text += "e\(random.below(640) - 330)" }
            if random.below(2) == 0 { text = "-" + text }
            texts.append(text)
        }
        try expectMatches(texts)
    }

    @Test func shortestReprOfRandomDoublesRoundTrips() throws {
        var random = Generator(state: 7)
        let values = (0..<20_000).map { _ in Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) }
        try expectMatches(values.map(\.description))
    }

    @Test func integersMatchInt64() throws {
        var random = Generator(state: 3)
        var texts = [
            "0", "-0", "7", "-8", "12345678", "-12345678", "123456789", "9223372036854775807",
            "-9223372036854775808",
        ]
        for _ in 0..<5_000 {
            let value = Int64(bitPattern: random.next()) >> Int64(random.below(63))
            texts.append(String(value))
        }
        let frame = try readCSV(text: "x\n" + texts.joined(separator: "\n") + "\n")
        #expect(frame.typed("x", Int64.self)?.elements == texts.map { Int64($0)! })
    }

    @Test func powersOfFiveTableMatchesFastFloat() {
        // Entries of fast_float's table (its generator, run with Python's big integers).
        let known: [Int: (UInt64, UInt64)] = [
            -342: (0xeef4_53d6_923b_d65a, 0x113f_aa29_06a1_3b3f),
            -341: (0x9558_b466_1b65_65f8, 0x4ac7_ca59_a424_c507),
            -28: (0xfd87_b5f2_8300_ca0d, 0x8bca_9d6e_1888_53fc),
            -27: (0x9e74_d1b7_91e0_7e48, 0x775e_a264_cf55_347e),
            -1: (0xcccc_cccc_cccc_cccc, 0xcccc_cccc_cccc_cccd), 0: (0x8000_0000_0000_0000, 0),
            1: (0xa000_0000_0000_0000, 0), 27: (0xcecb_8f27_f420_0f3a, 0),
            28: (0x813f_3978_f894_0984, 0x4000_0000_0000_0000),
            308: (0x8e67_9c2f_5e44_ff8f, 0x570f_09ea_a7ea_7648),
        ]
        for (q, entry) in known {
            #expect(powersOfFive[q + 342].high == entry.0 && powersOfFive[q + 342].low == entry.1, "5^\(q)")
        }
    }

    @Test func eightDigitWordsParse() {
        for text in ["0", "7", "42", "12345678", "00000001", "99999999"] {
            // The digits minus "0", first digit in the lowest byte, shifted so that the unused
            // low bytes read as leading zeros: how the tokenizer calls it.
            let digits = text.utf8.enumerated().reduce(UInt64(0)) {
                $0 | UInt64($1.element - 48) << UInt64(8 * $1.offset)
            }
            #expect(eightDigitsValue(digits &<< UInt64(64 - 8 * text.count)) == UInt64(text)!)
        }
    }
}
