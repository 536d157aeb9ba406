import Devices
import GPUArrays
import GPUFrames
import Testing

/// GPUSeries operations on the simulated device against naive loops over optional values, with
/// missing values as NaN (floating point) and as validity flags (integers).
struct GPUSeriesTests {
    @Test func arithmeticPropagatesMissingValues() throws {
        let context = try simulatedContext()
        let (a, b) = (sample(1000, seed: 1), sample(1000, seed: 2, missingEvery: 5))
        let (x, y) = (try series(a, name: "a", in: context), try series(b, name: "a", in: context))
        func naive(_ op: (Double, Double) -> Double) -> [Double?] {
            zip(a, b).map { p, q in p.flatMap { p in q.map { op(p, $0) } } }
        }
        #expect(agree(try (x + y).elements(), naive(+)))
        #expect(agree(try (x - y).elements(), naive(-)))
        #expect(agree(try (x * y).elements(), naive(*)))
        #expect(agree(try (x / y).elements(), naive(/)))
        #expect(agree(try (x * 2.5 - 1).elements(), a.map { $0.map { $0 * 2.5 - 1 } }))
        #expect(agree(try (10 / x).elements(), a.map { $0.map { 10 / $0 } }))
        #expect(agree(try (-x).elements(), a.map { $0.map { -$0 } }))
        #expect(try (x + y).name == "a" && (try x.renamed("b") + y).name == "")
        #expect(x.validity == nil, "NaN is the missing value of a Double series")
    }

    @Test func integerSeriesKeepValidityFlags() throws {
        let context = try simulatedContext()
        let a: [Int64?] = [1, nil, 3, 4, nil, 6]
        let b: [Int64?] = [10, 20, nil, 40, 50, 60]
        let (x, y) = (try series(a, in: context), try series(b, in: context))
        #expect(x.validity != nil)
        #expect(try (x + y).elements() == [11, nil, nil, 44, nil, 66])
        #expect(try (x * 3).elements() == [3, nil, 9, 12, nil, 18])
        #expect(try (100 - x).elements() == [99, nil, 97, 96, nil, 94])
        #expect(try (y + 1).validity != nil)
    }

    @Test func comparisonsAreFalseForMissingValuesExceptNotEqual() throws {
        let context = try simulatedContext()
        let a = sample(500, seed: 3)
        let x = try series(a, in: context)
        let cases: [(BinaryOperation, @Sendable (Double) -> Bool)] = [
            (.less, { $0 < 1.5 }), (.lessEqual, { $0 <= 1.5 }), (.greater, { $0 > 1.5 }),
            (.greaterEqual, { $0 >= 1.5 }), (.equal, { $0 == 1.5 }),
        ]
        for (op, test) in cases {
            let got = try x.compare(op, 1.5)
            let expected = a.map { value in value.map { test($0) } ?? false }
            #expect(got.validity == nil)
            #expect(try got.elements() == expected, "\(op)")
        }
        #expect(try (x != 1.5).elements() == a.map { $0.map { $0 != 1.5 } ?? true })
        let ints = try series([Int64?]([5, nil, 7]), in: context)
        #expect(try (ints > 5).elements() == [false, false, true])
        #expect(try (ints != 5).elements() == [false, true, true])
        let other = try series([Int64?]([5, 6, nil]), in: context)
        #expect(try ints.compare(.equal, other).elements() == [true, false, false])
        #expect(try ints.compare(.notEqual, other).elements() == [false, true, true])
    }

    @Test func maskAndWhereFollowPandas() throws {
        let context = try simulatedContext()
        let a: [Double?] = [1, nil, 3, 4, 5]
        let x = try series(a, in: context)
        let condition = try series([Bool?]([true, true, false, nil, false]), in: context)
        #expect(agree(try x.mask(condition, 0).elements(), [0, 0, 3, 0, 5]), "a missing condition replaces")
        #expect(agree(try x.where(condition, 0).elements(), [1, nil, 0, 0, 0]))
        #expect(agree(try x.mask(condition).elements(), [nil, nil, 3, nil, 5]))
        let y = try series([Double?]([10, 20, 30, 40, nil]), in: context)
        #expect(agree(try x.mask(condition, y).elements(), [10, 20, 3, 40, 5]))
        #expect(agree(try x.where(condition, y).elements(), [1, nil, 30, 40, nil]))
        let ints = try series([Int64?]([1, 2, nil, 4]), in: context)
        let flags = try series([Bool?]([true, false, true, false]), in: context)
        #expect(try ints.mask(flags).elements() == [nil, 2, nil, 4], "nil replaces with missing")
        #expect(try ints.mask(flags, 9).elements() == [9, 2, 9, 4])
        #expect(try ints.where(flags, 0).elements() == [1, 0, nil, 0])
        let full = try series([Int64?]([1, 2, 3, 4]), in: context)
        #expect(full.validity == nil)
        #expect(try full.mask(flags).elements() == [nil, 2, nil, 4])
        #expect(try ints.fillingMissing(with: -1).elements() == [1, 2, -1, 4])
        #expect(try x.isMissing().elements() == [false, true, false, false, false])
        #expect(try full.isMissing().elements() == [false, false, false, false])
    }

    @Test func logicalOperationsPropagateMissingValues() throws {
        let context = try simulatedContext()
        let p = try series([Bool?]([true, true, false, nil]), in: context)
        let q = try series([Bool?]([true, false, false, true]), in: context)
        #expect(try (p & q).elements() == [true, false, false, nil])
        #expect(try (p | q).elements() == [true, true, false, nil])
        #expect(try p.not().elements() == [false, false, true, nil])
    }

    @Test func reductionsSkipMissingValues() throws {
        let context = try simulatedContext()
        let a = sample(3001, seed: 4)
        let present = a.compactMap { $0 }
        let x = try series(a, in: context)
        let sum = present.reduce(0, +)
        #expect(Swift.abs(try x.sum() - sum) <= 1e-12 * Swift.abs(sum) + 1e-9)
        #expect(try x.countPresent() == present.count)
        #expect(try x.min() == present.min() && x.max() == present.max())
        let mean = sum / Double(present.count)
        #expect(Swift.abs(try x.mean() - mean) <= 1e-12)
        let variance = present.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(present.count - 1)
        #expect(Swift.abs(try x.variance() - variance) <= 1e-10 * variance)
        #expect(
            Swift.abs(
                try x.std(ddof: 0)
                    - (variance * Double(present.count - 1) / Double(present.count)).squareRoot()) <= 1e-10)
        let ints = try series([Int64?]([4, nil, -2, 9, nil]), in: context)
        #expect(try ints.sum() == 11 && ints.countPresent() == 3 && ints.min() == -2 && ints.max() == 9)
        #expect(try ints.mean() == 11.0 / 3)
    }

    @Test func reductionsOfNothing() throws {
        let context = try simulatedContext()
        let missing = try series([Double?]([nil, nil, nil]), in: context)
        #expect(try missing.sum() == 0 && missing.countPresent() == 0)
        #expect(try missing.min() == nil && missing.max() == nil)
        #expect(try missing.mean().isNaN && missing.variance().isNaN)
        let one = try series([Int64?]([nil, 7]), in: context)
        #expect(try one.min() == 7 && one.max() == 7 && one.sum() == 7)
    }

    /// An infinite value makes the spread NaN, as pandas' `Series([1.0, inf]).var()` (found by the
    /// series fuzzer: the NaN deviation of the infinite value was dropped as if missing).
    @Test func spreadsOfInfiniteValuesAreNaN() throws {
        let context = try simulatedContext()
        let x = try series([Double?]([1, .infinity, nil, 2]), in: context)
        #expect(try x.variance().isNaN && x.std().isNaN)
        #expect(try x.presentMoments().scalars()[2].isNaN)
        let y = try series([Double?]([nil, 1, 3]), in: context)
        #expect(try y.variance() == 2)
    }

    /// Found by the series fuzzer: min and max of an empty series failed, and the mean of large
    /// integers wrapped (pandas sums integers in floating point for a mean).
    @Test func extremaOfEmptySeriesAndMeansOfLargeIntegers() throws {
        let context = try simulatedContext()
        let empty = try series([Int64?](), in: context)
        #expect(try empty.min() == nil && empty.max() == nil)
        #expect(try empty.presentExtremum(largest: true).item() == Int64.min)
        let large = try series([Int64?]([.max, .max, nil, 2]), in: context)
        #expect(try large.mean() == (2 * Double(Int64.max) + 2) / 3)
        #expect(try large.sum() == 0, "sums wrap, as Frames' and NumPy's")
    }

    @Test func partialsStayOnTheDeviceAndCombine() throws {
        let context = try simulatedContext()
        let a = sample(2000, seed: 5)
        let x = try series(a, in: context)
        let moments = try x.presentMoments().scalars()
        let present = a.compactMap { $0 }
        let mean = present.reduce(0, +) / Double(present.count)
        #expect(moments[0] == Double(present.count) && Swift.abs(moments[1] - mean) <= 1e-12)
        #expect(try x.presentCount(as: Double.self).item() == Double(present.count))
        #expect(try x.presentExtremum(largest: true).item() == present.max())
        let halves = try [x.slice(0..<1000), x.slice(1000..<2000)]
        let total = try halves.map { try $0.presentSum().item() }.reduce(0, +)
        #expect(Swift.abs(total - present.reduce(0, +)) <= 1e-9)
    }

    @Test func integersBecomeDoubles() throws {
        let context = try simulatedContext()
        let masked = try series([Int64?]([3, nil, -7, Int64(1) << 53]), in: context)
        #expect(agree(try masked.toDouble().elements(), [3, nil, -7, 9_007_199_254_740_992]))
        let full = try series([Int64?]([1, 2]), name: "n", in: context)
        let doubles = try full.toDouble()
        #expect(try doubles.elements() == [1, 2] && doubles.name == "n" && doubles.validity == nil)
        #expect(ConversionKernel(masked: true).cudaSource.contains("valid[i] ?"))
    }

    @Test func hostRoundTrip() throws {
        let context = try simulatedContext()
        let values: [Int64] = [3, 0, 5]
        let flags = [true, false, true]
        let x = try values.withUnsafeBufferPointer { v in
            try flags.withUnsafeBufferPointer { f in
                try GPUSeries(copying: v, validity: f, name: "n", in: context)
            }
        }
        var (back, present) = ([Int64](repeating: -1, count: 3), [Bool](repeating: false, count: 3))
        try back.withUnsafeMutableBufferPointer { b in
            try present.withUnsafeMutableBufferPointer { p in try x.copy(values: b, validity: p) }
        }
        #expect(back == values && present == flags && x.name == "n" && x.count == 3)
        let doubles = try series([Double?]([1, nil]), in: context)
        #expect(try doubles.elements() == [1, nil])
    }

    @Test func errorsSayWhatWasExpected() throws {
        let context = try simulatedContext()
        let x = try series([Double?]([1, 2, 3]), in: context)
        let y = try series([Double?]([1, 2]), in: context)
        #expect(throws: GPUFrameError.lengthMismatch(operation: "add", expected: 3, found: 2)) { try x + y }
        #expect(throws: GPUFrameError.lengthMismatch(operation: "mask", expected: 3, found: 2)) {
            try x.mask(try y > 1, 0)
        }
        #expect(
            throws: GPUFrameError.invalidArgument(
                operation: "compare", expected: "a comparison", found: "add")
        ) {
            try x.compare(.add, 1)
        }
        #expect(
            throws: GPUFrameError.invalidArgument(
                operation: "slice", expected: "a range within 0..<3", found: "2..<5")
        ) {
            try x.slice(2..<5)
        }
        let matrix = try GPUArray<Double>(empty: [2, 2], in: context)
        #expect(
            throws: GPUFrameError.invalidArgument(
                operation: "GPUSeries", expected: "1-D values", found: "2 dimensions")
        ) {
            try GPUSeries(values: matrix)
        }
        let small = try simulatedContext(memory: 4096)
        let big = [Double](repeating: 1, count: 1000)
        #expect {
            try big.withUnsafeBufferPointer { try GPUSeries(copying: $0, in: small) }
        } throws: { error in
            guard case .outOfMemory = (error as? GPUFrameError)?.deviceError else { return false }
            return "\(error)".contains("requested 8.0 KiB")
        }
    }
}
