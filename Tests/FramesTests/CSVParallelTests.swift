@testable import Frames
import NDArrays
import Testing

/// Parallel parsing against serial parsing and against the values the document was written
/// from, on documents whose quoted fields (with separators and line breaks inside) span the
/// byte ranges' cuts; and the index's row and byte ranges against whole reads.
@Suite struct CSVParallelTests {
    /// A document of `rows` rows with every kind of column, and the values it was written from.
    struct Document {
        var text = "id,price,flag,note,qty\n"
        var ids: [Int64?] = []
        var prices: [Double?] = []
        var flags: [Bool?] = []
        var notes: [String?] = []
        var quantities: [Int64?] = []

        init(rows: Int, seed: UInt64) {
            var random = NumberParsingTests.Generator(state: seed)
            let notes = [
                "plain", "with, comma", "line\nbreak", "say \"hi\"", "two\nline\nbreaks", "a,\"b\",\nc", "x",
            ]
            for row in 0..<rows {
                let price: Double? = random.below(10) == 0 ? nil : Double(random.below(1_000_000)) / 64 - 3000
                let flag: Bool? = random.below(8) == 0 ? nil : random.below(2) == 0
                let note: String? = random.below(6) == 0 ? nil : notes[random.below(notes.count)]
                let quantity = Int64(random.below(2_000_001)) - 1_000_000
                ids.append(Int64(row))
                prices.append(price)
                flags.append(flag)
                self.notes.append(note)
                quantities.append(quantity)
                let noteField =
                    note.map {
                        "\""
                            + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(
                                separator: "\"\"") + "\""
                    } ?? ""
                let fields = [
                    "\(row)", price.map { "\($0)" } ?? "", flag.map { $0 ? "True" : "False" } ?? "",
                    noteField, "\(quantity)",
                ]
                text += fields.joined(separator: ",") + (random.below(3) == 0 ? "\r\n" : "\n")
                if random.below(50) == 0 { text += "\n" }
            }
        }

        func expect(_ frame: DataFrame) {
            #expect(frame.columnNames == ["id", "price", "flag", "note", "qty"])
            #expect(frame.columns.map(\.type) == [.int64, .float64, .bool, .string, .int64])
            #expect(frame.typed("id", Int64.self)?.elements == ids)
            #expect(frame.typed("price", Double.self)?.elements == prices)
            #expect(frame.typed("flag", Bool.self)?.elements == flags)
            #expect(frame.typed("note", String.self)?.elements == notes)
            #expect(frame.typed("qty", Int64.self)?.elements == quantities)
        }
    }

    @Test func anyNumberOfRangesGivesTheSerialResult() throws {
        let document = Document(rows: 3_000, seed: 11)
        let file = try CSVFile(text: document.text)
        let serial = try file.read(ranges: 1)
        document.expect(serial)
        for ranges in [2, 3, 7, 16, 61, 250, 2_000] {
            #expect(try file.read(ranges: ranges) == serial, "\(ranges) ranges")
        }
    }

    @Test func largeDocumentsParseInParallelByDefault() throws {
        let document = Document(rows: 40_000, seed: 5)
        #expect(document.text.utf8.count > 1 << 20)
        let path = temporaryFile(document.text)
        defer { removeFile(path) }
        document.expect(try readCSV(path))
    }

    @Test func columnsThatTurnToTextLateAreReparsed() throws {
        var text = "a,b,c\n"
        for row in 0..<20_000 { text += "\(row),\(row % 2 == 0),\(row)\n" }
        text += "x,1,\n"
        let file = try CSVFile(text: text)
        for ranges in [1, 8, 33] {
            let frame = try file.read(ranges: ranges)
            #expect(frame.typed("a", String.self)?.elements == (0..<20_000).map { "\($0)" } + ["x"])
            let flags = (0..<20_000).map { "\($0 % 2 == 0)" } + ["1"]
            #expect(frame.typed("b", String.self)?.elements == flags)
            #expect(frame.typed("c", Double.self)?.elements == (0..<20_000).map { Double($0) } + [nil])
        }
    }

    @Test func errorsAreReportedFromTheRightRange() {
        var text = "a,b\n"
        for row in 0..<10_000 { text += "\(row),\"q\nq\"\n" }
        text += "1,2,3\n"
        for ranges in [1, 9, 40] {
            let error = csvError { _ = try CSVFile(text: text).read(ranges: ranges) }
            #expect(error == .fieldCount(line: 20_002, expected: 2, found: 3), "\(ranges) ranges")
        }
    }

    @Test func indexRowRangesEqualWholeReads() throws {
        let document = Document(rows: 5_000, seed: 23)
        let file = try CSVFile(text: document.text)
        let whole = try file.read()
        for stride in [1, 7, 1_000, 1 << 16] {
            let index = try file.index(every: stride)
            #expect(index.rowCount == 5_000)
            #expect(index.columnTypes == [.int64, .float64, .bool, .string, .int64])
            #expect(index.checkpointRows.first == 0)
            #expect(
                zip(index.checkpointRows, index.checkpointRows.dropFirst()).allSatisfy {
                    $1 - $0 <= stride && $1 > $0
                })
            for range in [0..<5_000, 0..<1, 4_999..<5_000, 1_234..<3_456, 2_000..<2_000, 17..<18] {
                #expect(
                    try file.read(rows: range, index: index) == whole.rows(range),
                    "rows \(range), every \(stride)")
            }
        }
    }

    @Test func byteRangesPartitionTheRows() throws {
        let document = Document(rows: 2_000, seed: 31)
        let file = try CSVFile(text: document.text)
        let index = try file.index(every: 100)
        let whole = try file.read()
        for parts in [1, 2, 5, 13] {
            let size = file.byteCount / parts + 1
            let pieces = try (0..<parts).map { part in
                try file.read(bytes: (part * size)..<min(file.byteCount, (part + 1) * size), index: index)
            }
            #expect(try DataFrame.concatenate(pieces) == whole, "\(parts) parts")
        }
        let rows = try file.rows(startingIn: 0..<file.dataBytes.lowerBound, index: index)
        #expect(rows == 0..<0)
    }

    @Test func indexTypesFollowTheWholeDocument() throws {
        var text = "a,b\n"
        for row in 0..<3_000 { text += "\(row),\(row)\n" }
        text += ",2.5\n"
        let file = try CSVFile(text: text)
        let index = try file.index(every: 500)
        #expect(index.columnTypes == [.float64, .float64])
        #expect(index.missingCounts == [1, 0], "the empty field of the last row")
        let head = try file.read(rows: 0..<10, index: index)
        #expect(head.typed("a", Double.self)?.elements == (0..<10).map { Double($0) })
    }

    @Test func indexRefusesRangesAndOtherDocuments() throws {
        let file = try CSVFile(text: "a\n1\n2\n")
        let index = try file.index()
        #expect(csvError { _ = try file.read(rows: 0..<3, index: index) } != nil)
        let other = try CSVFile(text: "a\n1\n2\n3\n")
        #expect(csvError { _ = try other.read(rows: 0..<1, index: index) } != nil)
        #expect(csvError { _ = try file.index(every: 0) } != nil)
    }
}
