import Foundation
import Testing

@testable import NDArrays

/// Reductions against naive loops (sums within a tolerance, since summation order differs).
struct ReductionTests {
    @Test func sumsMatchNaiveSums() {
        for length in awkwardLengths + [threadedLength, 1 << 20] {
            let a = sample(length)
            let naive = a.scalars.reduce(0, +)
            #expect(Swift.abs(sum(a) - naive) <= 1e-12 * Double(Swift.max(length, 1)) * 10, "\(length)")
        }
        #expect(sum(NDArray<Double>.zeros([0])) == 0)
        #expect(sum(NDArray<Int32>([Int32.max, 1])) == Int32.min, "integers wrap")
    }

    @Test func pairwiseSumIsAccurateAndThreadIndependent() {
        let a = NDArray<Double>.full([1 << 22], 0.1)
        #expect(Swift.abs(sum(a) - 0.1 * Double(1 << 22)) < 1e-6)
        let b = sample(1 << 21)
        #expect(singleThreaded { sum(b) } == sum(b))
    }

    @Test func meanVarianceStd() {
        let a = sample(10_001)
        let values = a.scalars
        let m = values.reduce(0, +) / Double(values.count)
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        #expect(Swift.abs(mean(a) - m) < 1e-12)
        #expect(Swift.abs(variance(a) - v) < 1e-10)
        #expect(Swift.abs(std(a) - v.squareRoot()) < 1e-10)
        #expect(Swift.abs(variance(a, ddof: 1) - v * Double(values.count) / Double(values.count - 1)) < 1e-10)
        #expect(mean(NDArray<Double>.zeros([0])).isNaN, "the mean of nothing is NaN, as in NumPy")
    }

    @Test func extremaAndTheirIndices() throws {
        let a = NDArray<Double>([3, -1, 7, -1, 7])
        #expect(try min(a) == -1)
        #expect(try max(a) == 7)
        #expect(try argmin(a) == 1)
        #expect(try argmax(a) == 2)
        let withNaN = NDArray<Double>([3, .nan, 7, .nan])
        #expect(try min(withNaN).isNaN && max(withNaN).isNaN)
        #expect(try argmin(withNaN) == 1 && argmax(withNaN) == 1, "the first NaN wins")
        let big = sample(threadedLength)
        let values = big.scalars
        #expect(try min(big) == values.min()!)
        #expect(try argmax(big) == values.indices.max { values[$0] < values[$1] })
        #expect(try max(NDArray<Int64>([4, 9, 2])) == 9)
    }

    @Test func axisReductions() throws {
        let m = try NDArray<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(try sum(m, axis: 0).scalars == [5, 7, 9])
        #expect(try sum(m, axis: 1).scalars == [6, 15])
        #expect(try mean(m, axis: 0).scalars == [2.5, 3.5, 4.5])
        #expect(try mean(m, axis: 1).scalars == [2, 5])
        #expect(try min(m, axis: 0).scalars == [1, 2, 3])
        #expect(try max(m, axis: 1).scalars == [3, 6])
        #expect(try argmin(m, axis: 1).scalars == [0, 0])
        #expect(try argmax(m, axis: 0).scalars == [1, 1, 1])
        #expect(try variance(m, axis: 0).scalars == [2.25, 2.25, 2.25])
        #expect(
            allClose(
                try std(m, axis: 1), NDArray([(2.0 / 3).squareRoot(), (2.0 / 3).squareRoot()]),
                tolerance: 1e-15))
        #expect(
            try sum(NDArray([1.0, 2, 3]), axis: 0).shape == [], "axis 0 of a 1-D array reduces it to rank 0")
        let big = NDArray<Double>.uniform([513, 129], seed: 4)
        let columnSums = try sum(big, axis: 0).scalars
        for j in [0, 64, 128] {
            let naive = (0..<513).reduce(0.0) { $0 + big[$1, j] }
            #expect(Swift.abs(columnSums[j] - naive) < 1e-10)
        }
    }

    @Test func reductionErrors() {
        let empty = NDArray<Double>.zeros([0])
        #expect(throws: NDArrayError.emptyInput(operation: "argmin")) { try argmin(empty) }
        #expect(throws: NDArrayError.emptyInput(operation: "max")) { try max(empty) }
        #expect(throws: NDArrayError.invalidAxis(operation: "sum", axis: 2, rank: 2)) {
            try sum(NDArray<Double>.zeros([2, 2]), axis: 2)
        }
        #expect(throws: NDArrayError.emptyInput(operation: "min")) {
            try min(NDArray<Double>.zeros([0, 3]), axis: 0)
        }
        #expect(
            "\(NDArrayError.invalidAxis(operation: "sum", axis: 2, rank: 2))"
                == "sum: axis 2 is out of bounds for an array of rank 2 (expected 0..<2)")
    }
}
