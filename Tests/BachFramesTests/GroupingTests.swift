import BachRuntime
import Devices
import Frames
import NDArrays
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import BachFrames

/// Lazy `unique` and `groupBy` against Frames' whole-frame results, with the frame split into
/// many batches whose partial results merge.
struct GroupingTests {
    /// 3000 rows with repeated keys of every type and missing values.
    static let frame: DataFrame = {
        let rows = 0..<3000
        return try! DataFrame([
            .int64(Series<Int64>(rows.map { Int64($0 % 17) - 8 }, name: "k")),
            .float64(Series<Double>(rows.map { $0 % 11 == 4 ? nil : Double($0 % 23) * 0.5 }, name: "x")),
            .bool(Series<Bool>(rows.map { $0 % 13 == 7 ? nil : $0 % 3 == 0 }, name: "f")),
            .string(
                Series<String>(
                    rows.map { $0 % 29 == 1 ? nil : ["Lyon", "Paris", "Nice"][$0 % 3] }, name: "c")),
        ])
    }()

    /// Whether two frames have the same columns, types and keys, and values equal (doubles within
    /// 1e-12 relative: partial sums add in another order).
    func agree(_ a: DataFrame, _ b: DataFrame) -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        return zip(a.columns, b.columns).allSatisfy { x, y in
            guard case .float64(let p) = x, case .float64(let q) = y else { return x == y }
            return zip(p.elements, q.elements).allSatisfy { u, v in
                switch (u, v) {
                case (nil, nil): true
                case (let u?, let v?): close(u, v)
                default: false
                }
            }
        }
    }

    @Test func uniqueKeepsTheFirstAppearanceAcrossBatches() throws {
        let x = try Self.frame.series("x", as: Double.self)
        let f = try Self.frame.series("f", as: Bool.self)
        for (label, bach) in try runtimes() {
            let lazy = bach.lazy(Self.frame)
            #expect(try lazy.series("x", as: Double.self).unique().value() == x.unique(), "\(label)")
            #expect(try lazy.series("f", as: Bool.self).unique().value() == f.unique(), "\(label)")
            let shifted = try (lazy.series("k", as: Int64.self) * 2).unique().value()
            #expect(shifted == Series<Int64>((0..<17).map { Int64($0) * 2 - 16 }, name: "k"), "\(label)")
        }
    }

    @Test(arguments: ["k", "f", "c"])
    func groupAggregationsMergeAcrossBatches(key: String) throws {
        let grouped = try Self.frame.groupBy(key)
        for (label, bach) in try runtimes() {
            let lazy = try bach.lazy(Self.frame).groupBy(key)
            let (sum, count, size, mean) = (lazy.sum(), lazy.count(), lazy.size(), lazy.mean())
            try bach.evaluate()
            #expect(agree(try sum.value(), grouped.sum()), "\(label) sum by \(key)")
            #expect(try count.value() == grouped.count(), "\(label) count by \(key)")
            #expect(try size.value() == grouped.size(), "\(label) size by \(key)")
            #expect(agree(try mean.value(), grouped.mean()), "\(label) mean by \(key)")
            if label == "cpu" { #expect(bach.counters.batches > 4) }
        }
    }

    @Test func groupingSeriesComputedLazily() throws {
        let keys = try Self.frame.series("k", as: Int64.self)
        let x = try Self.frame.series("x", as: Double.self)
        let expected = try DataFrame([.int64(keys * 3), .float64((x * 2).renamed("y"))]).groupBy("k").sum()
        for (label, bach) in try runtimes() {
            let lazy = bach.lazy(Self.frame)
            let frame = try LazyDataFrame([
                .int64(try lazy.series("k", as: Int64.self) * 3),
                .float64((try lazy.series("x", as: Double.self) * 2).renamed("y")),
            ])
            #expect(frame.rowCount == 3000 && frame.columnNames == ["k", "y"])
            #expect(agree(try frame.groupBy("k").sum().value(), expected), "\(label)")
        }
    }

    /// A group whose infinities cancel in one batch stays NaN when later batches merge in (found
    /// by the series fuzzer: the NaN partial sum was skipped as a missing value).
    @Test func groupedSumsOfInfinitiesAcrossBatches() throws {
        let rows = 0..<3000
        let x = rows.map { $0 == 10 || $0 == 2000 ? .infinity : $0 == 2500 ? -.infinity : 1.0 }
        let frame = try DataFrame([
            .int64(Series<Int64>(rows.map { Int64($0 % 3) }, name: "k")),
            .float64(Series<Double>(x, name: "x")),
        ])
        for (label, bach) in try runtimes() {
            let grouped = try bach.lazy(frame).groupBy("k")
            let (sum, mean) = (grouped.sum(), grouped.mean())
            let sums = try sum.value().series("x", as: Double.self).values.scalars
            #expect(sums[0] == 1000 && sums[1].isNaN && sums[2] == .infinity, "\(label): \(sums)")
            let means = try mean.value().series("x", as: Double.self).values.scalars
            #expect(means[0] == 1 && means[1].isNaN && means[2] == .infinity, "\(label): \(means)")
        }
    }

    /// The grouped mean of large integers sums them as doubles in every batch, as Frames does
    /// (found by the series fuzzer: partial sums in `Int64` wrapped and the mean changed sign).
    @Test func groupedMeansOfLargeIntegersDoNotWrap() throws {
        let rows = 0..<3000
        let frame = try DataFrame([
            .int64(Series<Int64>(rows.map { Int64($0 % 2) }, name: "k")),
            .int64(Series<Int64>(rows.map { $0 % 2 == 0 ? Int64.max : Int64.min }, name: "x")),
        ])
        let expected = try frame.groupBy("k").mean().series("x", as: Double.self).values.scalars
        #expect(expected == [0x1p63, -0x1p63])
        for (label, bach) in try runtimes() {
            let means = try bach.lazy(frame).groupBy("k").mean().value().series("x", as: Double.self)
            #expect(means.values.scalars == expected, "\(label): \(means.values.scalars)")
        }
    }

    @Test func aLazyFrameOfSeriesChecksItsColumns() throws {
        let bach = Bach()
        let a = bach.lazy(Series<Double>([1, 2, 3], name: "a"))
        let b = bach.lazy(Series<Int64>([1, 2], name: "b"))
        #expect(
            throws: FrameError.lengthMismatch(operation: "LazyDataFrame(\"b\")", expected: 3, found: 2)
        ) { try LazyDataFrame([.float64(a), .int64(b)]) }
        #expect(throws: FrameError.duplicateColumn(operation: "LazyDataFrame", name: "a")) {
            try LazyDataFrame([.float64(a), .float64(a * 2)])
        }
        #expect(
            throws: FrameError.invalidArgument(
                operation: "LazyDataFrame", expected: "at least one column", found: "none")
        ) { try LazyDataFrame([]) }
        let other = Bach().lazy(Series<Double>([4, 5, 6], name: "c"))
        #expect(
            throws: FrameError.invalidArgument(
                operation: "LazyDataFrame", expected: "columns of one Bach runtime",
                found: "column \"c\" of another")
        ) { try LazyDataFrame([.float64(a), .float64(other)]) }
    }

    @Test func groupingAFileReadLazily() throws {
        var text = "city,amount\n"
        for row in 0..<5000 {
            text += "\(["a", "b", "c", "d"][row % 4]),\(row % 7 == 0 ? "" : "\(row % 100)")\n"
        }
        let path = temporaryFile(text)
        defer { unlink(path) }
        let expected = try readCSV(path).groupBy("city").sum()
        let bach = Bach(options: Bach.Options(cpuBatchBytes: 1 << 12))
        let sums = try bach.readCSV(path).groupBy("city").sum()
        #expect(agree(try sums.value(), expected))
        #expect(bach.counters.stages[0].batches > 10)
        #expect(
            throws: FrameError.unknownColumn(
                operation: "groupBy", name: "town", available: ["city", "amount"])
        ) {
            try bach.readCSV(path).groupBy("town")
        }
    }
}
