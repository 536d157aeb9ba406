import Frames
import NDArrays
import Testing

/// `readCSV` against hand-written documents, for every option and inference rule (the expected
/// values were checked against pandas 3.1 `read_csv`).
@Suite struct CSVReaderTests {
    @Test func infersInt64Float64BoolAndString() throws {
        let frame = try readCSV(text: "i,f,b,s\n1,1.5,True,x\n-2,2,false,y z\n3,-0.25,TRUE,\n")
        #expect(frame.shape == (3, 4))
        #expect(frame.columns.map(\.type) == [.int64, .float64, .bool, .string])
        #expect(frame.typed("i", Int64.self)?.elements == [1, -2, 3])
        #expect(frame.typed("f", Double.self)?.elements == [1.5, 2, -0.25])
        #expect(frame.typed("b", Bool.self)?.elements == [true, false, true])
        #expect(frame.typed("s", String.self)?.elements == ["x", "y z", nil])
    }

    @Test func emptyFieldMakesAnIntegerColumnFloat() throws {
        let frame = try readCSV(text: "a,b\n1,2\n,3\n4,NA\n")
        let a = try #require(frame.typed("a", Double.self))
        #expect(a.count == 3 && a[0] == 1 && a[1] == nil && a[2] == 4)
        #expect(frame.typed("b", Double.self)?.elements == [2, 3, nil])
    }

    @Test func anyFloatMakesAnIntegerColumnFloat() throws {
        let frame = try readCSV(text: "a\n1\n2\n1e5\n3\n")
        #expect(frame.typed("a", Double.self)?.elements == [1, 2, 100_000, 3])
    }

    @Test func mixedKindsBecomeText() throws {
        let frame = try readCSV(text: "a,b,c\n1,True,1\n2.5,1,abc\n")
        #expect(frame.typed("a", Double.self)?.elements == [1, 2.5])
        #expect(frame.typed("b", String.self)?.elements == ["True", "1"])
        #expect(frame.typed("c", String.self)?.elements == ["1", "abc"])
    }

    @Test func pandasMissingMarkersAndBooleanMissing() throws {
        let frame = try readCSV(text: "a,b,c\nNaN,True,x\n-nan,,NULL\nn/a,False,None\n7,TRUE,<NA>\n")
        #expect(frame.typed("a", Double.self)?.elements == [nil, nil, nil, 7])
        #expect(frame.typed("b", Bool.self)?.elements == [true, nil, false, true])
        #expect(frame.typed("c", String.self)?.elements == ["x", nil, nil, nil])
    }

    @Test func allMissingColumnIsFloatAndHeaderOnlyIsText() throws {
        let frame = try readCSV(text: "a,b\n,\n,\n")
        #expect(frame.columns.map(\.type) == [.float64, .float64])
        #expect(frame.typed("a", Double.self)?.elements == [nil, nil])
        let empty = try readCSV(text: "a,b\n")
        #expect(empty.shape == (0, 2))
        #expect(empty.columns.map(\.type) == [.string, .string])
    }

    @Test func numbersWithSpacesSignsAndSpecialFloats() throws {
        let frame = try readCSV(text: "a,b\n 2 ,1.\n+5,.5\n-0,-.5e-3\n00012,inf\n9,-Infinity\n")
        #expect(frame.typed("a", Int64.self)?.elements == [2, 5, 0, 12, 9])
        #expect(frame.typed("b", Double.self)?.elements == [1, 0.5, -0.0005, .infinity, -.infinity])
        let text = try readCSV(text: "a\n  True\n0x10\n1_000\n")
        #expect(text.typed("a", String.self)?.elements == ["  True", "0x10", "1_000"])
    }

    @Test func negativeZeroFollowsPandas() throws {
        // A float elsewhere makes pandas read every field as a float: "-0" is -0.0 …
        let floats = try readCSV(text: "a\n-0\n1\n2.5\n")
        #expect(floats.typed("a", Double.self)?.values.scalars.map(\.sign) == [.minus, .plus, .plus])
        // … while a column that is float only for a missing value converts its integers: 0.0.
        let missing = try readCSV(text: "a\n-0\nNA\n1\n")
        #expect(missing.typed("a", Double.self)?.values.scalars.first?.sign == .plus)
        let padded = try readCSV(text: "a,b\n-0,1\n,2\n")
        #expect(padded.typed("a", Double.self)?.values.scalars.first?.sign == .plus)
        #expect(try readCSV(text: "a\n-0\n-00\n").typed("a", Int64.self)?.elements == [0, 0])
    }

    @Test func integersBeyondInt64AreFloat() throws {
        let frame = try readCSV(text: "a\n9223372036854775807\n-9223372036854775808\n")
        #expect(frame.typed("a", Int64.self)?.elements == [.max, .min])
        let big = try readCSV(text: "a\n9223372036854775808\n")
        #expect(big.typed("a", Double.self)?.elements == [9_223_372_036_854_775_808])
    }

    @Test func quotedFields() throws {
        let text =
            "a,b\n\"x\ny\",1\n\"q\"\"r\",2\n\"s,t\",3\n\"ab\"c,4\nab\"c,5\n\"5\",6\n\"\",7\n\"x\"  ,8\n"
        let frame = try readCSV(text: text)
        #expect(
            frame.typed("a", String.self)?.elements == [
                "x\ny", "q\"r", "s,t", "abc", "ab\"c", "5", nil, "x  ",
            ])
        #expect(frame.typed("b", Int64.self)?.elements == [1, 2, 3, 4, 5, 6, 7, 8])
        let numbers = try readCSV(text: "a,\"b,c\"\n\"1\",\"2.5\"\n")
        #expect(numbers.columnNames == ["a", "b,c"])
        #expect(numbers.typed("a", Int64.self)?.elements == [1])
        #expect(numbers.typed("b,c", Double.self)?.elements == [2.5])
    }

    @Test func lineEndsBlankLinesAndShortRows() throws {
        let expected: [Int64?] = [1, 2, 3]
        for text in [
            "a\r\n1\r\n2\r\n3", "a\r1\r2\r3\r", "a\n1\n2\n3", "a\n1\n\n2\n  \n3\n\n", "\n\na\n1\n2\n3\n",
        ] {
            #expect(
                try readCSV(text: text).typed("a", Int64.self)?.elements == expected,
                "\(text.debugDescription)")
        }
        let short = try readCSV(text: "a,b\n1,2\n3\n4,\n")
        #expect(short.typed("a", Int64.self)?.elements == [1, 3, 4])
        #expect(short.typed("b", Double.self)?.elements == [2, nil, nil])
    }

    @Test func customSeparatorAndQuote() throws {
        let frame = try readCSV(text: "a;b\n1;'x,y'\n2;\"z;w\"\n", separator: ";")
        #expect(frame.typed("b", String.self)?.elements == ["'x,y'", "z;w"])
        #expect(
            csvError { _ = try readCSV(text: "a;b\n1;'x;y'\n", separator: ";") }
                == .fieldCount(line: 2, expected: 2, found: 3))
        var options = CSVOptions(separator: ";", quote: "'")
        let quoted = try CSVFile(text: "a;b\n1;'x;y'\n2;'it''s'\n", options: options).read()
        #expect(quoted.typed("b", String.self)?.elements == ["x;y", "it's"])
        options = CSVOptions(separator: "\t")
        let tabs = try CSVFile(text: "a\tb\n1\t2.5\n", options: options).read()
        #expect(tabs.typed("b", Double.self)?.elements == [2.5])
        let pipes = try readCSV(text: "a|b\n10|20\n30|40\n", separator: "|")
        #expect(pipes.typed("b", Int64.self)?.elements == [20, 40])
    }

    @Test func headerNoneNamesAndHeaderRow() throws {
        let plain = try readCSV(text: "1,2\n3,4\n", header: nil)
        #expect(plain.columnNames == ["0", "1"])
        #expect(plain.typed("0", Int64.self)?.elements == [1, 3])
        let named = try readCSV(text: "1,2\n3,4\n", header: nil, names: ["x", "y"])
        #expect(named.typed("y", Int64.self)?.elements == [2, 4])
        let inferred = try readCSV(text: "a,b\n1,2\n", names: ["x", "y"])
        #expect(inferred.typed("x", String.self)?.elements == ["a", "1"])
        let replaced = try readCSV(text: "a,b\n1,2\n", header: 0, names: ["x", "y"])
        #expect(replaced.typed("x", Int64.self)?.elements == [1])
        let second = try readCSV(text: "junk\na,b\n1,2\n", header: 1)
        #expect(second.columnNames == ["a", "b"] && second.typed("b", Int64.self)?.elements == [2])
        let wider = try readCSV(text: "1,2\n3,4\n", header: nil, names: ["x", "y", "z"])
        #expect(wider.typed("z", Double.self)?.elements == [nil, nil])
    }

    @Test func duplicateAndEmptyHeaderNamesAreMangled() throws {
        let frame = try readCSV(text: "a,a,b,\n1,2,3,4\n")
        #expect(frame.columnNames == ["a", "a.1", "b", "Unnamed: 3"])
    }

    @Test func explicitTypes() throws {
        let frame = try readCSV(
            text: "a,b,c,d\n1,2,True,1.50\n3,4,False,x\n", types: ["a": .float64, "b": .string, "d": .string])
        #expect(frame.typed("a", Double.self)?.elements == [1, 3])
        #expect(frame.typed("b", String.self)?.elements == ["2", "4"])
        #expect(frame.typed("c", Bool.self)?.elements == [true, false])
        #expect(frame.typed("d", String.self)?.elements == ["1.50", "x"])
        let integers = try readCSV(text: "a\n1\n\n2\n", types: ["a": .int64])
        #expect(integers.typed("a", Int64.self)?.elements == [1, 2])
    }

    @Test func readsFilesFromDisk() throws {
        let path = temporaryFile("x,y\n1,a\n2,b\n")
        defer { removeFile(path) }
        let frame = try readCSV(path)
        #expect(frame.typed("x", Int64.self)?.elements == [1, 2])
        #expect(try CSVFile(path: path).byteCount == 12)
    }

    @Test func errorsNameLineAndColumn() {
        let bad = csvError { _ = try readCSV(text: "a,b\n1,2\n3,abc\n", types: ["b": .float64]) }
        #expect(bad == .badValue(line: 3, column: 2, expected: "a number", found: "abc"))
        #expect(bad?.description == "line 3, column 2: expected a number, found \"abc\"")
        #expect(
            csvError { _ = try readCSV(text: "a\n1\n1.5\n", types: ["a": .int64]) }
                == .badValue(line: 3, column: 1, expected: "an integer", found: "1.5"))
        #expect(
            csvError { _ = try readCSV(text: "a\n1\nNA\n", types: ["a": .int64]) }
                == .badValue(line: 3, column: 1, expected: "an integer", found: "NA"))
        #expect(
            csvError { _ = try readCSV(text: "a,b\nTrue,1\n2,3\n", types: ["a": .bool]) }
                == .badValue(line: 3, column: 1, expected: "True or False", found: "2"))
        #expect(
            csvError { _ = try readCSV(text: "a,b\n1,2\n3,4,5\n") }
                == .fieldCount(line: 3, expected: 2, found: 3))
        #expect(
            csvError { _ = try readCSV(text: "a,b\n\"x\ny\",1\n1,2,3\n") }
                == .fieldCount(line: 4, expected: 2, found: 3))
        #expect(csvError { _ = try readCSV(text: "a,b\n1,\"x\n") } == .unterminatedQuote(line: 2, column: 2))
        #expect(
            csvError { _ = try readCSV(text: "a,b\n1,\"x\n") }?.description
                == "line 2, column 2: expected a closing quote, found the end of the document")
    }

    @Test func emptyDocumentsAndBadOptions() {
        #expect(csvError { _ = try readCSV(text: "") } == .noColumns)
        #expect(csvError { _ = try readCSV(text: "\n\n  \n") } == .noColumns)
        #expect(csvError { _ = try readCSV(text: "a\n1\n", header: 5) } == .noColumns)
        if case .cannotOpen(let path, _)? = csvError({ _ = try readCSV("/nonexistent/file.csv") }) {
            #expect(path == "/nonexistent/file.csv")
        } else {
            Issue.record("expected cannotOpen")
        }
        #expect(
            csvError { _ = try readCSV(text: "a\n1\n", types: ["b": .int64]) }
                == .invalidOption(option: "types", expected: "names of columns in [\"a\"]", found: "\"b\""))
        if case .invalidOption(let option, _, _)? = csvError({ _ = try readCSV(text: "a\n", separator: "é") })
        {
            #expect(option == "separator")
        } else {
            Issue.record("expected invalidOption")
        }
        if case .invalidOption(let option, _, _)? = csvError({
            _ = try readCSV(text: "a\n1\n", names: ["x", "x"])
        }) {
            #expect(option == "names")
        } else {
            Issue.record("expected invalidOption")
        }
    }
}
