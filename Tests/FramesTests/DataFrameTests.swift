import Frames
import NDArrays
import Testing

/// Frame structure: columns by name, insertion and removal, head, shape, row ranges, and the
/// errors of bad input.
@Suite struct DataFrameTests {
    static func frame() throws -> DataFrame {
        try DataFrame([
            Series<Int64>([1, 2, 3, 4, 5, 6, 7], name: "a").column,
            Series<String>(["p", "q", "r", "s", "t", "u", "v"], name: "b").column,
        ])
    }

    @Test func columnsByName() throws {
        var frame = try Self.frame()
        #expect(frame.shape == (7, 2))
        #expect(frame.columnNames == ["a", "b"])
        #expect(frame["a"]?.type == .int64)
        #expect(frame["zzz"] == nil)
        #expect(try frame.series("b", as: String.self).elements.first == "p")
        #expect(frameError { try frame.series("a", as: Double.self) } != nil)
        #expect(
            frameError { try frame.column("c") }
                == .unknownColumn(operation: "column", name: "c", available: ["a", "b"]))
        frame["c"] = Series<Double>([1, 2, 3, 4, 5, 6, 7]).column
        #expect(frame.columnNames == ["a", "b", "c"] && frame["c"]?.name == "c")
        try frame.insert(Series<Bool>(Array(repeating: true, count: 7), name: "first").column, at: 0)
        #expect(frame.columnNames == ["first", "a", "b", "c"])
        frame["a"] = Series<Int64>([0, 0, 0, 0, 0, 0, 0]).column
        #expect(try frame.series("a", as: Int64.self).sum() == 0)
        #expect(frame.columnNames == ["first", "a", "b", "c"])
        let removed = try frame.removeColumn("b")
        #expect(removed.name == "b" && frame.columnNames == ["first", "a", "c"])
        frame["c"] = nil
        #expect(frame.columnNames == ["first", "a"])
        #expect(try frame.selecting(["a", "first"]).columnNames == ["a", "first"])
    }

    @Test func headRowsTakeAndConcatenate() throws {
        let frame = try Self.frame()
        #expect(frame.head().rowCount == 5)
        #expect(frame.head(2).typed("b", String.self)?.elements == ["p", "q"])
        #expect(frame.head(100).rowCount == 7)
        #expect(try frame.series("a", as: Int64.self).head(3).elements == [1, 2, 3])
        #expect(try frame.rows(2..<4).typed("a", Int64.self)?.elements == [3, 4])
        #expect(try frame.take([6, -1, 0]).typed("b", String.self)?.elements == ["v", nil, "p"])
        let halves = try [frame.rows(0..<3), frame.rows(3..<7)]
        #expect(try DataFrame.concatenate(halves) == frame)
    }

    @Test func badInputThrowsTypedErrors() throws {
        var frame = try Self.frame()
        #expect(
            frameError { try frame.setColumn(Series<Int64>([1, 2], name: "x").column) }
                == .lengthMismatch(operation: "setColumn(\"x\")", expected: 7, found: 2))
        #expect(
            frameError { try frame.insert(Series<Int64>([1, 2, 3, 4, 5, 6, 7], name: "a").column, at: 0) }
                == .duplicateColumn(operation: "insert", name: "a"))
        #expect(
            frameError { try frame.insert(Series<Int64>([1, 2, 3, 4, 5, 6, 7], name: "z").column, at: 9) }
                != nil)
        #expect(frameError { try frame.removeColumn("nope") } != nil)
        #expect(frameError { try frame.rows(5..<9) } != nil)
        #expect(frameError { try frame.take([7]) } != nil)
        #expect(
            frameError { try frame.filter(Series<Bool>([true])) }
                == .lengthMismatch(operation: "filter", expected: 7, found: 1))
        #expect(
            frameError {
                try DataFrame([
                    Series<Int64>([1], name: "a").column, Series<Int64>([1, 2], name: "b").column,
                ])
            } != nil)
        #expect(
            frameError {
                try DataFrame.concatenate([frame, DataFrame([Series<Int64>([1], name: "q").column])])
            } != nil)
        #expect(
            frameError { try Series<Int64>(name: "v", values: NDArray([1, 2]), validity: NDArray([true])) }
                != nil)
        #expect(
            frameError { try StringColumn(validatingOffsets: NDArray<Int64>([0, 5]), bytes: [1, 2]) } != nil)
        #expect(
            frameError { try StringColumn(validatingOffsets: NDArray<Int64>([0, 1]), bytes: [0xFF]) } != nil)
        #expect(
            try StringColumn(validatingOffsets: NDArray<Int64>([0, 1, 3]), bytes: Array("abc".utf8)).strings
                == ["a", "bc"])
    }

    @Test func emptyFrames() throws {
        let empty = DataFrame()
        #expect(empty.shape == (0, 0))
        #expect(empty.head().shape == (0, 0))
        #expect(try DataFrame.concatenate([]) == empty)
        let noRows = try Self.frame().rows(3..<3)
        #expect(noRows.shape == (0, 2))
        #expect(try noRows.series("a", as: Int64.self).sum() == 0)
        #expect(try noRows.groupBy("a").sum().rowCount == 0)
    }
}
