import Frames
import NDArrays
import Testing

/// Reductions and `describe` against values computed once with pandas 3.1 and written here.
@Suite struct ReductionTests {
    static let a = Series<Double>([3.5, nil, -1.25, 8.0, 2.0, nil, 10.5, 0.25])

    /// `((i * 7919) % 1000) / 8 - 40`, missing where `i % 13 == 0`, for i in 0..<1000.
    static let c: Series<Double> = {
        func value(_ i: Int) -> Double? {
            guard i % 13 != 0 else { return nil }
            return Double((i * 7919) % 1000) / 8 - 40
        }
        return Series<Double>((0..<1000).map(value))
    }()

    @Test func doubleReductionsSkipNaN() {
        let a = Self.a
        #expect(a.sum() == 23.0)
        #expect(close(a.mean(), 3.8333333333333335))
        #expect(close(a.std(), 4.559788006768151))
        #expect(close(a.variance(), 20.791666666666664))
        #expect(a.min() == -1.25 && a.max() == 10.5)
        #expect(a.countPresent() == 6)
        let c = Self.c
        #expect(c.sum() == 20652.25)
        #expect(close(c.mean(), 22.37513542795233))
        #expect(close(c.std(), 36.050423240842754))
        #expect(close(c.std(ddof: 0), 36.030889008446245))
        #expect(c.min() == -39.875 && c.max() == 84.875 && c.countPresent() == 923)
    }

    @Test func integerReductions() {
        let b = Series<Int64>([4, nil, 7, -2, 9, 1])
        #expect(b.sum() == 19)
        #expect(close(b.mean(), 3.8))
        #expect(close(b.std(), 4.43846820423443))
        #expect(b.min() == -2 && b.max() == 9 && b.countPresent() == 5)
        let i = Series<Int64>([5, 3, 8, 1, 9, 2, 7])
        #expect(i.sum() == 35 && i.mean() == 5)
        #expect(close(i.std(), 3.1091263510296048))
        #expect(Series<Bool>([true, nil, false, true]).sum() == 2)
        #expect(Series<String>(["b", nil, "a", "c"]).min() == "a")
        #expect(Series<String>(["b", nil, "a", "c"]).max() == "c")
    }

    @Test func emptyAndAllMissingFollowPandas() {
        let empty = Series<Double>([Double](), name: "e")
        #expect(empty.sum() == 0 && empty.mean().isNaN && empty.std().isNaN && empty.min() == nil)
        #expect(empty.countPresent() == 0)
        let missing = Series<Double>([nil, nil])
        #expect(
            missing.sum() == 0 && missing.mean().isNaN && missing.countPresent() == 0 && missing.max() == nil)
        #expect(Series<Double>([2.5]).std().isNaN)
        #expect(Series<Int64>([nil, nil]).sum() == 0)
        let description = empty.describe()
        #expect(description.count == 0 && description.values.dropFirst().allSatisfy(\.isNaN))
        #expect(
            Series<Double>([2.5]).describe().values.map { $0.isNaN ? -1 : $0 } == [
                1, 2.5, -1, 2.5, 2.5, 2.5, 2.5, 2.5,
            ])
    }

    @Test func describeMatchesPandas() throws {
        let expectedA: [Double] = [
            6.0, 3.8333333333333335, 4.559788006768151, -1.25, 0.6875, 2.75, 6.875, 10.5,
        ]
        #expect(zip(Self.a.describe().values, expectedA).allSatisfy { close($0, $1) })
        let expectedC: [Double] = [
            923.0, 22.37513542795233, 36.050423240842754, -39.875, -8.8125, 22.25, 53.5625, 84.875,
        ]
        #expect(zip(Self.c.describe().values, expectedC).allSatisfy { close($0, $1) })
        let expectedI: [Double] = [7.0, 5.0, 3.1091263510296048, 1.0, 2.5, 5.0, 7.5, 9.0]
        #expect(
            zip(Series<Int64>([5, 3, 8, 1, 9, 2, 7]).describe().values, expectedI).allSatisfy {
                close($0, $1)
            })
        #expect(try Self.c.quantile(0.1) == -27.35)
        #expect(try Self.c.quantile(0.9) == 72.35000000000001)
        #expect(try Self.c.quantile(0.333) == 1.5032500000000013)
        #expect(frameError { try Self.c.quantile(1.5) } != nil)
        let frame = try DataFrame([
            Self.a.renamed("a").column, Series<String>(Array(repeating: "t", count: 8), name: "t").column,
        ])
        let summary = frame.describe()
        #expect(summary.columnNames == ["statistic", "a"])
        #expect(summary.typed("statistic", String.self)?.elements == Description.labels)
    }

    @Test func momentsCombineAcrossRowRanges() throws {
        let c = Self.c
        let parts = try [0..<100, 100..<101, 101..<101, 101..<1000].map { try c.slice($0).moments() }
        let combined = parts.dropFirst().reduce(parts[0]) { $0.combined(with: $1) }
        let whole = c.moments()
        #expect(combined.count == whole.count && combined.sum == whole.sum)
        #expect(combined.min == -39.875 && combined.max == 84.875)
        #expect(close(combined.mean, 22.37513542795233, ulps: 64))
        #expect(close(combined.variance().squareRoot(), 36.050423240842754, ulps: 64))
        #expect(try c.slice(0..<100).sum() + c.slice(100..<1000).sum() == c.sum())
    }
}
