import Frames
import NDArrays
import Testing

/// Conversions to and from `NDArray`, and `toCSV` against pandas' `to_csv(index=False)`.
@Suite struct ConversionTests {
    @Test func seriesFromAndToNDArray() throws {
        let array = NDArray<Double>([1, .nan, 3])
        let series = try Series(array, name: "x")
        #expect(series.elements == [1, nil, 3] && series.name == "x")
        #expect(try series.toNDArray().scalars.map { $0.isNaN ? -1 : $0 } == [1, -1, 3])
        let integers = try Series(NDArray<Int64>([4, 5]))
        #expect(try integers.toNDArray() == NDArray<Int64>([4, 5]))
        #expect(
            frameError { try Series<Int64>([1, nil, 3]).toNDArray() }
                == .missingValues(operation: "toNDArray", count: 1))
        #expect(
            frameError { try Series<Bool>([nil]).toNDArray() }
                == .missingValues(operation: "toNDArray", count: 1))
        #expect(try Series<Int64>([1, nil]).fillingMissing(with: 0).toNDArray() == NDArray<Int64>([1, 0]))
        let matrix = try NDArray<Double>(rows: [[1, 2], [3, 4]])
        #expect(frameError { try Series(matrix) } != nil)
        #expect(Series<Int64>([1, nil, 3]).toDouble().elements == [1, nil, 3])
        #expect(Series<Bool>([true, false]).toDouble().elements == [1, 0])
    }

    @Test func frameToMatrix() throws {
        let frame = try DataFrame([
            Series<Double>([1, nil], name: "a").column, Series<Int64>([3, 4], name: "b").column,
            Series<Bool>([true, false], name: "c").column,
        ])
        let matrix = try frame.toNDArray()
        #expect(matrix.shape == [2, 3])
        #expect(matrix.scalars.map { $0.isNaN ? -1 : $0 } == [1, 3, 1, -1, 4, 0])
        var text = frame
        try text.setColumn(Series<String>(["x", "y"], name: "t").column)
        #expect(frameError { try text.toNDArray() } != nil)
        #expect(frameError { try DataFrame().toNDArray() } != nil)
    }

    @Test func toCSVMatchesPandas() throws {
        let floats: [Double?] = [
            1e16, 1e-5, 0.1, nil, -0.0, 123_456_789_012_345_680, 1e15, 0.0001, 1.5e300, 2.5, 100, 1e22,
            .leastNonzeroMagnitude, .infinity,
            1_234_567_890_123_456.7, 0.30000000000000004,
        ]
        let strings: [String?] = [
            "a,b", "q\"r", "x\ny", "", nil, "plain", " sp", "cd", "e", "f", "g", "h", "i", "j", "k", "l",
        ]
        let frame = try DataFrame([
            Series(floats, name: "f").column, Series(strings, name: "s").column,
            Series<Int64>((-3..<13).map { Int64($0) }, name: "i").column,
            Series<Bool>((0..<16).map { $0 % 2 == 0 }, name: "b").column,
        ])
        let pandas =
            "f,s,i,b\n1e+16,\"a,b\",-3,True\n1e-05,\"q\"\"r\",-2,False\n0.1,\"x\ny\",-1,True\n,,0,False\n-0.0,,1,True\n"
            + "1.2345678901234568e+17,plain,2,False\n1000000000000000.0, sp,3,True\n0.0001,cd,4,False\n"
            + "1.5e+300,e,5,True\n2.5,f,6,False\n100.0,g,7,True\n1e+22,h,8,False\n5e-324,i,9,True\ninf,j,10,False\n"
            + "1234567890123456.8,k,11,True\n0.30000000000000004,l,12,False\n"
        #expect(frame.toCSV() == pandas)
    }

    @Test func loneEmptyFieldsAreQuoted() throws {
        let frame = try DataFrame([Series<String>(["a", "", nil], name: "s").column])
        #expect(frame.toCSV() == "s\na\n\"\"\n\"\"\n")
        #expect(try readCSV(text: frame.toCSV()).typed("s", String.self)?.elements == ["a", nil, nil])
    }

    @Test func toCSVReadsBack() throws {
        let frame = try DataFrame([
            Series<Double>([1.25, nil, -3e-7], name: "x").column,
            Series<String>(["a\r\nb", "c;d", nil], name: "t").column,
        ])
        let back = try readCSV(text: frame.toCSV())
        #expect(back == frame, "\(frame.toCSV().debugDescription) read as \(back)")
        #expect(try readCSV(text: frame.toCSV(separator: ";"), separator: ";") == frame)
    }
}
