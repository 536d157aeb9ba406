import Frames
import NDArrays
import Testing

/// Series arithmetic, comparisons, selection and filtering against loops over optionals written
/// out in the test, with missing values in the operands.
@Suite struct SeriesOperationTests {
    static let count = 5_000

    /// Doubles with NaN in some rows, deterministic.
    static func doubles(_ seed: UInt64) -> [Double?] {
        var random = NumberParsingTests.Generator(state: seed)
        return (0..<count).map { _ in random.below(9) == 0 ? nil : Double(random.below(200_000)) / 7 - 10_000
        }
    }

    /// Integers with missing values in some rows, deterministic.
    static func integers(_ seed: UInt64) -> [Int64?] {
        var random = NumberParsingTests.Generator(state: seed)
        return (0..<count).map { _ in random.below(7) == 0 ? nil : Int64(random.below(2_000)) - 1_000 }
    }

    /// Applies `f` where both are present, nil elsewhere.
    func zipped<T, U, R>(_ a: [T?], _ b: [U?], _ f: (T, U) -> R) -> [R?] {
        zip(a, b).map { x, y in x.flatMap { x in y.map { y in f(x, y) } } }
    }

    @Test func doubleArithmeticPropagatesNaN() {
        let (a, b, c) = (Self.doubles(1), Self.doubles(2), Self.doubles(3))
        let result = (Series(a, name: "a") * 2 + Series(b, name: "b") - Series(c, name: "c") * 2000) / 100_000
        let expected = zip(zip(a, b), c).map { ab, c -> Double? in
            guard let x = ab.0, let y = ab.1, let z = c else { return nil }
            return (x * 2 + y - z * 2000) / 100_000
        }
        #expect(result.elements == expected)
        #expect(result.validity == nil)
        #expect((-Series(a)).elements == a.map { $0.map { -$0 } })
        #expect((1 - Series(a)).elements == a.map { $0.map { 1 - $0 } })
        #expect((3 / Series(b)).elements == b.map { $0.map { 3 / $0 } })
    }

    @Test func integerArithmeticKeepsMissingRows() {
        let (a, b) = (Self.integers(4), Self.integers(5))
        let x = Series(a, name: "x")
        let y = Series(b, name: "x")
        #expect((x + y).elements == zipped(a, b, +))
        #expect((x - y).elements == zipped(a, b, -))
        #expect((x * y).elements == zipped(a, b, *))
        #expect((x + y).name == "x")
        #expect((x * 3 + 1).elements == a.map { $0.map { $0 * 3 + 1 } })
        let quotient = x / y
        #expect(quotient.elements == zipped(a, b) { Double($0) / Double($1) })
        #expect((x / 4).elements == a.map { $0.map { Double($0) / 4 } })
    }

    @Test func comparisonsWithMissingAreFalseExceptNotEqual() {
        let (a, b) = (Self.doubles(6), Self.doubles(7))
        let x = Series(a)
        let y = Series(b)
        func expectation(_ f: (Double, Double) -> Bool, missing: Bool) -> [Bool?] {
            zip(a, b).map { u, v in u.flatMap { u in v.map { f(u, $0) } } ?? missing }
        }
        #expect((x < y).elements == expectation(<, missing: false))
        #expect((x <= y).elements == expectation(<=, missing: false))
        #expect((x > y).elements == expectation(>, missing: false))
        #expect((x >= y).elements == expectation(>=, missing: false))
        #expect((x .== y).elements == expectation(==, missing: false))
        #expect((x .!= y).elements == expectation(!=, missing: true))
        #expect((x > 0).elements == a.map { $0.map { $0 > 0 } ?? false })
        #expect((x != 0).elements == a.map { $0.map { $0 != 0 } ?? true })
        let i = Series(Self.integers(8))
        #expect((i == 3).elements == Self.integers(8).map { $0 == 3 })
        #expect((i != 3).elements == Self.integers(8).map { $0 != 3 })
        #expect((i >= -5).elements == Self.integers(8).map { $0.map { $0 >= -5 } ?? false })
    }

    @Test func textAndBooleanComparisons() {
        let text = Series<String>(["b", nil, "a", "ba", "é", ""])
        #expect((text == "b").elements == [true, false, false, false, false, false])
        #expect((text != "b").elements == [false, true, true, true, true, true])
        #expect((text < "b").elements == [false, false, true, false, false, true])
        #expect((text > "b").elements == [false, false, false, true, true, false])
        let flags = Series<Bool>([true, false, nil, true])
        #expect((flags == true).elements == [true, false, false, true])
        #expect((flags .== Series<Bool>([true, true, true, false])).elements == [true, false, false, false])
        #expect((flags < Series<Bool>([true, true, true, false])).elements == [false, true, false, false])
        #expect((flags & Series<Bool>([true, true, false, false])).elements == [true, false, nil, false])
        #expect((flags | Series<Bool>([false, false, true, false])).elements == [true, false, nil, true])
        #expect((!flags).elements == [false, true, nil, false])
    }

    @Test func maskAndWhereFollowPandas() throws {
        let a = Self.doubles(9)
        let x = Series(a, name: "x")
        let low = x < 0
        let high = x > 5_000
        let masked = try x.mask(low, 0).mask(high, 1)
        #expect(masked.elements == a.map { $0.map { $0 < 0 ? 0 : ($0 > 5_000 ? 1 : $0) } })
        let naiveSum = a.reduce(0) { total, v in total + (v.map { $0 < 0 ? 0 : ($0 > 5_000 ? 1 : $0) } ?? 0) }
        #expect(close(masked.sum(), naiveSum, ulps: 64))
        #expect(try x.mask(low).elements == a.map { v in v.flatMap { $0 < 0 ? nil : $0 } })
        #expect(try x.where(low, -1).elements == a.map { v in v.map { $0 < 0 ? $0 : -1 } ?? -1 })
        let other = Series(Self.doubles(10))
        #expect(
            try x.mask(low, other).elements
                == zip(a, Self.doubles(10)).map { v, o in (v.map { $0 < 0 } ?? false) ? o : v })
        let i = Series<Int64>([1, 2, 3, nil])
        let condition = Series<Bool>([true, false, true, false])
        #expect(try i.mask(condition).elements == [nil, 2, nil, nil])
        #expect(try i.where(condition, 9).elements == [1, 9, 3, 9])
        #expect(try i.where(condition, Series<Int64>([7, nil, 7, 8])).elements == [1, nil, 3, 8])
        #expect(try i.mask(Series<Bool>([nil, false, false, false])).elements == [nil, 2, 3, nil])
        let text = Series<String>(["a", "b", nil])
        #expect(try text.mask(Series<Bool>([false, true, false]), "z").elements == ["a", "z", nil])
        #expect(i.fillingMissing(with: 0).elements == [1, 2, 3, 0])
        #expect(Series<Double>([1, nil]).fillingMissing(with: 5).elements == [1, 5])
    }

    @Test func booleanFiltering() throws {
        let a = Self.doubles(11)
        let x = Series(a, name: "x")
        let keep = x > 100
        #expect(x[keep].elements == a.filter { ($0 ?? -.infinity) > 100 })
        #expect(x[keep].name == "x")
        let i = Series(Self.integers(12))
        #expect(i[i > 0].elements == Self.integers(12).filter { ($0 ?? 0) > 0 })
        let text = Series<String>(["a", nil, "c"])
        #expect(text[Series<Bool>([false, true, true])].elements == [nil, "c"])
        let frame = try DataFrame([x.column, Series(Self.integers(12), name: "i").column])
        let filtered = try frame.filter(keep)
        #expect(filtered.rowCount == a.filter { ($0 ?? -.infinity) > 100 }.count)
        #expect(
            filtered.typed("i", Int64.self)?.elements
                == zip(a, Self.integers(12)).filter { ($0.0 ?? -.infinity) > 100 }.map(\.1))
    }

    @Test func stringMethods() {
        let text = Series<String>(["apple", nil, "banana", "", "grapé", "cherry pie"], name: "fruit")
        #expect(text.str.contains("an").elements == [false, false, true, false, false, false])
        #expect(text.str.contains("").elements == [true, false, true, true, true, true])
        #expect(text.str.contains("pé").elements == [false, false, false, false, true, false])
        #expect(text.str[1..<3].elements == ["pp", nil, "an", "", "ra", "he"])
        #expect(text.str.slice(start: -3).elements == ["ple", nil, "ana", "", "apé", "pie"])
        #expect(text.str.slice(stop: -1).elements == ["appl", nil, "banan", "", "grap", "cherry pi"])
        #expect(text.str.slice(start: 3, stop: 100).elements == ["le", nil, "ana", "", "pé", "rry pie"])
        #expect(text.str.length().elements == [5, nil, 6, 0, 5, 10])
        #expect(text.str[0..<1].name == "fruit")
    }

    @Test func expressionsLeaveTheirOperandsUnchanged() throws {
        let a = Series<Double>([1, 2, 3], name: "a")
        let b = Series<Double>([10, nil, 30], name: "b")
        var copy = a
        let twice: Series<Double> = a * 2
        let sum: Series<Double> = twice + b
        let result: Series<Double> = (sum - a * 2000) / 4
        let expected: [Double?] = [-497, nil, -1491]
        #expect(result.elements == expected)
        let unchangedA: [Double?] = [1, 2, 3]
        let unchangedB: [Double?] = [10, nil, 30]
        #expect(a.elements == unchangedA)
        #expect(b.elements == unchangedB)
        copy = copy + 1
        #expect(copy.elements == [2, 3, 4])
        #expect(a.elements == unchangedA)
        let masked = try a.mask(a > 1, 0).mask(a > 2, 9)
        #expect(masked.elements == [1, 0, 9])
        #expect(a.elements == unchangedA)
        let i = Series<Int64>([1, nil, 3])
        let j: Series<Int64> = i * 2 + i
        #expect(j.elements == [3, nil, 9])
        #expect(i.elements == [1, nil, 3])
        let reversed: Series<Int64> = 10 - i
        #expect(reversed.elements == [9, nil, 7])
        let quotient: Series<Double> = 2.0 / a
        #expect(quotient.elements == [2, 1, 2.0 / 3])
    }

    @Test func mismatchedLengthsThrow() {
        let a = Series<Double>([1, 2, 3])
        let b = Series<Double>([1, 2])
        #expect(frameError { try a.adding(b) } == .lengthMismatch(operation: "add", expected: 3, found: 2))
        #expect(
            frameError { try a.compare(.less, b) }
                == .lengthMismatch(operation: "compare(less)", expected: 3, found: 2))
        #expect(
            frameError { try a.filter(Series<Bool>([true])) }
                == .lengthMismatch(operation: "filter", expected: 3, found: 1))
        #expect(
            frameError { try a.mask(Series<Bool>([true]), 0) }
                == .lengthMismatch(operation: "mask", expected: 3, found: 1))
        #expect(
            frameError { try a.filter(Series<Bool>([true, nil, false])) }
                == .missingValues(operation: "filter", count: 1))
        #expect(frameError { try a.slice(2..<5) } != nil)
        #expect(frameError { try a.take([0, 3]) } != nil)
    }
}
