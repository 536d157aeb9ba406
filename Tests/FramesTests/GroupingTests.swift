import Frames
import NDArrays
import Testing

/// `groupBy`, `merge`, `unique` and `valueCounts` against dictionaries computed in the test.
@Suite struct GroupingTests {
    static let rows = 3_000

    /// Keys from a small alphabet with missing ones, values with NaN, integers, booleans, text.
    static func frame(seed: UInt64) -> DataFrame {
        var random = NumberParsingTests.Generator(state: seed)
        let letters = ["d", "b", "a", "c", "e"]
        var keys: [String?] = []
        var values: [Double?] = []
        var counts: [Int64?] = []
        var flags: [Bool?] = []
        for _ in 0..<rows {
            keys.append(random.below(10) == 0 ? nil : letters[random.below(letters.count)])
            values.append(random.below(8) == 0 ? nil : Double(random.below(1000)) / 4)
            counts.append(random.below(6) == 0 ? nil : Int64(random.below(100)))
            flags.append(random.below(5) == 0 ? nil : random.below(2) == 0)
        }
        return try! DataFrame([
            Series(keys, name: "key").column, Series(values, name: "value").column,
            Series(counts, name: "n").column,
            Series(flags, name: "flag").column,
        ])
    }

    @Test func groupBySumsMeansCountsAndSizes() throws {
        let frame = Self.frame(seed: 1)
        let keys = try frame.series("key", as: String.self).elements
        let values = try frame.series("value", as: Double.self).elements
        let counts = try frame.series("n", as: Int64.self).elements
        let flags = try frame.series("flag", as: Bool.self).elements
        var sums: [String: Double] = [:]
        var present: [String: Int] = [:]
        var integerSums: [String: Int64] = [:]
        var integerCounts: [String: Int] = [:]
        var trues: [String: Int64] = [:]
        var sizes: [String: Int64] = [:]
        for row in 0..<Self.rows {
            guard let key = keys[row] else { continue }
            sizes[key, default: 0] += 1
            if let value = values[row] {
                sums[key, default: 0] += value
                present[key, default: 0] += 1
            }
            if let count = counts[row] {
                integerSums[key, default: 0] += count
                integerCounts[key, default: 0] += 1
            }
            if flags[row] == true { trues[key, default: 0] += 1 }
        }
        let sorted = sizes.keys.sorted()
        let grouped = try frame.groupBy("key")
        #expect(grouped.groupCount == sorted.count)
        let sum = grouped.sum()
        #expect(sum.columnNames == ["key", "value", "n", "flag"])
        #expect(sum.typed("key", String.self)?.elements == sorted)
        #expect(sum.typed("value", Double.self)?.elements == sorted.map { sums[$0] ?? 0 })
        #expect(sum.typed("n", Int64.self)?.elements == sorted.map { integerSums[$0] ?? 0 })
        #expect(sum.typed("flag", Int64.self)?.elements == sorted.map { trues[$0] ?? 0 })
        let mean = grouped.mean()
        let means = try #require(mean.typed("value", Double.self))
        #expect(zip(means.values.scalars, sorted).allSatisfy { close($0, sums[$1]! / Double(present[$1]!)) })
        let integerMeans = try #require(mean.typed("n", Double.self))
        #expect(
            zip(integerMeans.values.scalars, sorted).allSatisfy {
                close($0, Double(integerSums[$1]!) / Double(integerCounts[$1]!))
            })
        let count = grouped.count()
        #expect(count.typed("value", Int64.self)?.elements == sorted.map { Int64(present[$0] ?? 0) })
        #expect(count.typed("n", Int64.self)?.elements == sorted.map { Int64(integerCounts[$0] ?? 0) })
        let size = grouped.size()
        #expect(size.columnNames == ["key", "size"])
        #expect(size.typed("size", Int64.self)?.elements == sorted.map { sizes[$0] })
    }

    @Test func groupByNumericKeysSortsByValueAndConcatenatesText() throws {
        let frame = try DataFrame([
            Series<Double>([2.5, nil, -1, 2.5, 10, -1], name: "k").column,
            Series<String>(["x", "y", "z", "w", "v", nil], name: "t").column,
        ])
        let sum = try frame.groupBy("k").sum()
        #expect(sum.typed("k", Double.self)?.elements == [-1, 2.5, 10])
        #expect(sum.typed("t", String.self)?.elements == ["z", "xw", "v"])
        #expect(try frame.groupBy("k").mean().columnNames == ["k"])
        #expect(
            frameError { try frame.groupBy("missing") }
                == .unknownColumn(operation: "column", name: "missing", available: ["k", "t"]))
    }

    /// pandas' `groupby(k).sum()` of `[inf, 1, 2]` is inf and of `[inf, 1, -inf, 2]` NaN (found by
    /// the series fuzzer: the Kahan compensation turned NaN after an infinity and every later value
    /// made the sum NaN).
    @Test func groupedSumsOfInfiniteValuesFollowPandas() throws {
        let frame = try DataFrame([
            Series<Int64>([1, 1, 1, 2, 2, 2, 2, 3], name: "k").column,
            Series<Double>([.infinity, 1, 2, .infinity, 1, -.infinity, 2, -.infinity], name: "x").column,
        ])
        let sums = try #require(try frame.groupBy("k").sum().typed("x", Double.self)?.values.scalars)
        #expect(sums[0] == .infinity && sums[1].isNaN && sums[2] == -.infinity)
        let means = try #require(try frame.groupBy("k").mean().typed("x", Double.self)?.values.scalars)
        #expect(means[0] == .infinity && means[1].isNaN && means[2] == -.infinity)
    }

    @Test func groupedSumsOfRowRangesCombine() throws {
        let frame = Self.frame(seed: 2)
        let whole = try frame.groupBy("key").sum()
        let parts = try [0..<1000, 1000..<1001, 1001..<3000].map { try frame.rows($0).groupBy("key").sum() }
        let again = try DataFrame.concatenate(parts).groupBy("key").sum()
        #expect(again.typed("key", String.self) == whole.typed("key", String.self))
        #expect(again.typed("n", Int64.self) == whole.typed("n", Int64.self))
        let a = try #require(again.typed("value", Double.self)?.values.scalars)
        let b = try #require(whole.typed("value", Double.self)?.values.scalars)
        #expect(zip(a, b).allSatisfy { close($0, $1) })
    }

    @Test func uniqueKeepsFirstAppearanceAndMissingOnce() {
        let keys = Series<String>(["b", "a", "b", nil, "c", "a", nil], name: "k")
        #expect(keys.unique().elements == ["b", "a", nil, "c"])
        #expect(Series<Double>([3, nil, 1, 3, nil]).unique().elements == [3, nil, 1])
        let frame = Self.frame(seed: 3)
        let values = (try? frame.series("n", as: Int64.self))!.elements
        var seen = Set<Int64?>()
        let firstSeen = values.filter { seen.insert($0).inserted }
        #expect((try? frame.series("n", as: Int64.self))?.unique().elements == firstSeen)
    }

    @Test func valueCountsSortByCountThenFirstAppearance() {
        let keys = Series<String>(["b", "a", "b", nil, "c", "a"], name: "k")
        let counts = keys.valueCounts()
        #expect(counts.values.elements == ["b", "a", "c"])
        #expect(counts.counts.elements == [2, 2, 1])
        #expect(counts.counts.name == "count" && counts.values.name == "k")
        let numbers = Series<Int64>([3, 1, 2, 3, 1, 2])
        #expect(numbers.valueCounts().values.elements == [3, 1, 2])
        let frame = Self.frame(seed: 4)
        let values = (try? frame.series("n", as: Int64.self))!.elements
        var tally: [Int64: Int64] = [:]
        var order: [Int64] = []
        for value in values.compactMap({ $0 }) {
            if tally[value] == nil { order.append(value) }
            tally[value, default: 0] += 1
        }
        let expected = order.enumerated().sorted { a, b in
            tally[a.element]! != tally[b.element]!
                ? tally[a.element]! > tally[b.element]! : a.offset < b.offset
        }.map(\.element)
        let found = (try? frame.series("n", as: Int64.self))!.valueCounts()
        #expect(found.values.elements == expected)
        #expect(found.counts.elements == expected.map { tally[$0] })
    }

    @Test func innerAndLeftMergeFollowPandas() throws {
        let left = try DataFrame([
            Series<String>(["a", "b", "c", "a", nil, "d"], name: "key").column,
            Series<Int64>([1, 2, 3, 4, 5, 6], name: "value").column,
            Series<Double>([0.5, 1.5, 2.5, 3.5, 4.5, 5.5], name: "left").column,
        ])
        let right = try DataFrame([
            Series<String>(["b", "a", "a", nil, "e"], name: "key").column,
            Series<Int64>([20, 10, 11, 99, 50], name: "value").column,
            Series<Bool>([true, false, true, false, true], name: "right").column,
        ])
        let inner = try left.merge(right, on: "key")
        #expect(inner.columnNames == ["key", "value_x", "left", "value_y", "right"])
        #expect(inner.typed("key", String.self)?.elements == ["a", "a", "b", "a", "a", nil])
        #expect(inner.typed("value_x", Int64.self)?.elements == [1, 1, 2, 4, 4, 5])
        #expect(inner.typed("value_y", Int64.self)?.elements == [10, 11, 20, 10, 11, 99])
        #expect(inner.typed("right", Bool.self)?.elements == [false, true, true, false, true, false])
        let outer = try left.merge(right, on: "key", how: .left)
        #expect(outer.typed("key", String.self)?.elements == ["a", "a", "b", "c", "a", "a", nil, "d"])
        #expect(outer.typed("value_y", Int64.self)?.elements == [10, 11, 20, nil, 10, 11, 99, nil])
        #expect(outer.typed("left", Double.self)?.elements == [0.5, 0.5, 1.5, 2.5, 3.5, 3.5, 4.5, 5.5])
        #expect(
            outer.typed("right", Bool.self)?.elements == [false, true, true, nil, false, true, false, nil])
    }

    @Test func mergeAgainstDictionaryJoin() throws {
        let left = Self.frame(seed: 5)
        let right = try DataFrame([
            Series<String>(["c", "a", "c", "e", "z"], name: "key").column,
            Series<Int64>([1, 2, 3, 4, 5], name: "r").column,
        ])
        let keys = try left.series("key", as: String.self).elements
        let rightKeys: [String?] = ["c", "a", "c", "e", "z"]
        var expectedRight: [Int64?] = []
        var expectedKeys: [String?] = []
        for key in keys {
            let matches = rightKeys.indices.filter { rightKeys[$0] == key }
            for match in matches {
                expectedKeys.append(key)
                expectedRight.append(Int64(match + 1))
            }
        }
        let joined = try left.merge(right, on: "key")
        #expect(joined.typed("key", String.self)?.elements == expectedKeys)
        #expect(joined.typed("r", Int64.self)?.elements == expectedRight)
    }

    @Test func mergeRefusesMismatchedKeys() throws {
        let left = try DataFrame([Series<Int64>([1], name: "k").column])
        let right = try DataFrame([Series<String>(["1"], name: "k").column])
        #expect(frameError { try left.merge(right, on: "k") } != nil)
        #expect(frameError { try left.merge(right, on: "x") } != nil)
    }
}
