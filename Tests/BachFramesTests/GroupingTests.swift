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
