import BachRuntime
import BachNumeric
import Devices
import Frames
import GPUArrays
import GPUFrames
import NDArrays
import Testing

@testable import BachFrames

/// Lazy series operations against Frames, the CPU library they annotate, with missing values (NaN
/// in `Double` series, validity flags in `Int64` and `Bool` series), on the CPU alone, on a
/// simulated device, and paging through it.
struct LazySeriesTests {
    static let doubles = Series<Double>(sample(1000, seed: 1), name: "x")
    static let others = Series<Double>(sample(1000, seed: 2, missingEvery: 5), name: "y")
    static let integers = Series<Int64>((0..<1000).map { $0 % 9 == 4 ? nil : Int64($0 % 37) - 18 }, name: "n")
    static let flags = Series<Bool>((0..<1000).map { $0 % 11 == 2 ? nil : $0 % 3 == 0 }, name: "f")

    @Test func arithmeticMatchesFrames() throws {
        let (x, y, n) = (Self.doubles, Self.others, Self.integers)
        for (label, bach) in try runtimes() {
            let (lx, ly, ln) = (bach.lazy(x), bach.lazy(y), bach.lazy(n))
            let cases: [(LazySeries<Double>, Series<Double>)] = [
                (lx + ly, x + y), (lx - ly * 2, x - y * 2), ((lx * ly) / 3, (x * y) / 3),
                (10 - lx / ly, 10 - x / y), (-lx + 1, -x + 1), (2 * lx, 2 * x),
            ]
            for (index, (lazy, expected)) in cases.enumerated() {
                #expect(try lazy.value() == expected, "\(label) case \(index)")
            }
            #expect(try (ln * 3 + ln - 1).value() == n * 3 + n - 1, "\(label) Int64 with flags")
            #expect(try (5 - ln).value() == 5 - n, "\(label)")
        }
    }

    @Test func comparisonsAndLogicMatchFrames() throws {
        let (x, y, n, f) = (Self.doubles, Self.others, Self.integers, Self.flags)
        for (label, bach) in try runtimes() {
            let (lx, ly, ln, lf) = (bach.lazy(x), bach.lazy(y), bach.lazy(n), bach.lazy(f))
            #expect(try (lx > 3).value() == (x > 3), "\(label)")
            #expect(try (lx <= -1).value() == (x <= -1), "\(label)")
            #expect(try (lx != 0).value() == (x != 0), "\(label)")
            #expect(try (lx < ly).value() == (x < y), "\(label)")
            #expect(try (lx .!= ly).value() == (x .!= y), "\(label)")
            #expect(try (ln >= 2).value() == (n >= 2), "\(label) flags make missing false")
            #expect(try (ln != 2).value() == (n != 2), "\(label) and != true")
            #expect(try (ln .== ln).value() == (n .== n), "\(label)")
            #expect(try (lf & (lx > 0)).value() == (f & (x > 0)), "\(label)")
            #expect(try (!lf | (ln < 0)).value() == (!f | (n < 0)), "\(label)")
        }
    }

    @Test func maskWhereAndMissingValuesMatchFrames() throws {
        let (x, y, n, f) = (Self.doubles, Self.others, Self.integers, Self.flags)
        for (label, bach) in try runtimes() {
            let (lx, ly, ln, lf) = (bach.lazy(x), bach.lazy(y), bach.lazy(n), bach.lazy(f))
            #expect(try lx.mask(lx > 10, 0).value() == x.mask(x > 10, 0), "\(label)")
            #expect(try lx.where(lf, -1).value() == x.where(f, -1), "\(label) missing conditions replace")
            #expect(try lx.mask(lf).value() == x.mask(f), "\(label)")
            #expect(try lx.mask(lx < 0, ly).value() == x.mask(x < 0, y), "\(label)")
            #expect(try ln.mask(lf).value() == n.mask(f), "\(label) nil makes values missing")
            #expect(try ln.where(ln > 0, 100).value() == n.where(n > 0, 100), "\(label)")
            #expect(try ln.mask(lf, ln * 2).value() == n.mask(f, n * 2), "\(label)")
            #expect(try ln.fillingMissing(with: 0).value() == n.fillingMissing(with: 0), "\(label)")
            #expect(try lx.fillingMissing(with: 0).value() == x.fillingMissing(with: 0), "\(label)")
            #expect(try lx.isMissing().value() == x.isMissing(), "\(label)")
            #expect(try ln.isMissing().value() == n.isMissing(), "\(label)")
        }
    }

    @Test func reductionsCombineAcrossBatchesAsFramesComputesThem() throws {
        let (x, n) = (Self.doubles, Self.integers)
        for (label, bach) in try runtimes() {
            let (lx, ln) = (bach.lazy(x), bach.lazy(n))
            let sum = lx.sum()
            let (count, mean, minimum, maximum) = (lx.countPresent(), lx.mean(), lx.min(), lx.max())
            let (variance, deviation) = (lx.variance(), lx.std(ddof: 0))
            let integers = (ln.sum(), ln.countPresent(), ln.min(), ln.max(), ln.mean(), ln.variance())
            try bach.evaluate()
            #expect(close(try sum.value(), x.sum()), "\(label)")
            #expect(try count.value() == Int64(x.countPresent()), "\(label)")
            #expect(close(try mean.value(), x.mean()), "\(label)")
            #expect(try minimum.value() == x.min() && maximum.value() == x.max(), "\(label)")
            #expect(close(try variance.value(), x.variance(), relative: 1e-10), "\(label)")
            #expect(close(try deviation.value(), x.std(ddof: 0), relative: 1e-10), "\(label)")
            #expect(
                try integers.0.value() == n.sum() && integers.1.value() == Int64(n.countPresent()), "\(label)"
            )
            #expect(try integers.2.value() == n.min() && integers.3.value() == n.max(), "\(label)")
            #expect(close(try integers.4.value(), n.mean()), "\(label)")
            #expect(close(try integers.5.value(), n.variance(), relative: 1e-10), "\(label)")
            if label == "paged" {
                #expect(bach.counters.batches >= 10, "\(label): \(bach.counters.stages)")
            }
        }
    }

    /// The mean of large integers sums them as doubles in every batch, as Frames and pandas do
    /// (found by the series fuzzer: partial sums in `Int64` wrapped and the mean changed sign).
    @Test func meansOfLargeIntegersDoNotWrap() throws {
        let n = Series<Int64>(
            (0..<1000).map { $0 % 5 == 3 ? nil : $0 % 2 == 0 ? Int64.max : Int64.max / 2 }, name: "n")
        #expect(n.mean() > 6.9e18)
        for (label, bach) in try runtimes() {
            let mean = try bach.lazy(n).mean().value()
            #expect(close(mean, n.mean()), "\(label): \(mean)")
        }
    }

    @Test func integersBecomeDoublesWithMissingValuesAsNaN() throws {
        let n = Self.integers
        let full = Series<Int64>((0..<1000).map { Int64($0 * 3 - 1500) }, name: "full")
        for (label, bach) in try runtimes() {
            #expect(try bach.lazy(n).toDouble().value() == n.toDouble(), "\(label)")
            #expect(try (bach.lazy(full).toDouble() / 4).value() == full.toDouble() / 4, "\(label)")
            #expect(bach.lazy(n).toDouble().validity == nil)
        }
        let device = try SimulatedDevice(memory: 64 << 20)
        let bach = Bach(device: device)
        _ = try bach.lazy(n).toDouble().sum().value()
        #expect(bach.counters.stages[0].calls.map(\.backend) == [.gpu, .gpu], "converted on the device")
        #expect(
            device.preparedKernels.contains { $0.name == "frames_int64_to_float64_masked" },
            "compiled before the stage")
    }

    @Test func reductionsOfNothing() throws {
        let empty = Series<Double>([nil, nil, nil] as [Double?])
        let none = Series<Int64>([nil, nil] as [Int64?])
        for (label, bach) in try runtimes() {
            #expect(try bach.lazy(empty).sum().value() == 0, "\(label)")
            #expect(try bach.lazy(empty).mean().value().isNaN, "\(label)")
            #expect(try bach.lazy(empty).min().value() == nil, "\(label)")
            #expect(try bach.lazy(none).max().value() == nil, "\(label)")
            #expect(try bach.lazy(none).countPresent().value() == 0, "\(label)")
            #expect(try bach.lazy(none).std().value().isNaN, "\(label)")
        }
    }

    @Test func aReductionIsAnOperandOfLaterCalls() throws {
        let x = Self.doubles
        for (label, bach) in try runtimes() {
            let lx = bach.lazy(x)
            let centred = try (lx - lx.mean().value()).value()
            #expect(try (bach.lazy(centred).sum().value()).magnitude < 1e-9, "\(label)")
            let scaled = BachNumeric.apply(.multiply, lx.values, lx.sum(), as: Double.self)
            #expect(close(try scaled.value()[0], x[0]! * x.sum()), "\(label)")
        }
    }

    @Test func intermediateSeriesFuseIntoOnePassPerBatch() throws {
        let device = try SimulatedDevice(memory: 64 << 20)
        let bach = Bach(device: device, options: Bach.Options(maximumDeviceBatch: 250))
        let (x, y) = (bach.lazy(Self.doubles), bach.lazy(Self.others))
        var z = (x * 2 + y - y * 3) / 7
        z = try z.mask(z > 1, 0.5)
        z = try z.mask(z < -1, -0.5)
        let total = z.sum()
        let expected = try {
            var z = (Self.doubles * 2 + Self.others - Self.others * 3) / 7
            z = try z.mask(z > 1, 0.5)
            return try z.mask(z < -1, -0.5).sum()
        }()
        #expect(close(try total.value(), expected))
        let stage = bach.counters.stages[0]
        #expect(stage.fusedGroups.count == 1 && stage.fusedGroups[0].count == 9 && stage.batches == 4)
        // One fused kernel, then the sum skipping NaN (a fill kernel and the two reduction passes).
        #expect(bach.counters.device.kernelLaunches == 4 * stage.batches)
    }

    @Test func theSameProgramRunsOnEverySeriesType() throws {
        func program<T: NumericSeries>(_ a: T, _ b: T) throws -> T.Total where T.Scalar == Double {
            let c = try T.subtract(T.add(T.multiply(a, 2), b), T.multiply(a, 0.5))
            let clipped = try T.mask(c, T.greaterThan(c, 3), 3)
            return try T.sum(T.mask(clipped, T.lessThan(clipped, -3), -3))
        }
        let (x, y) = (Self.doubles, Self.others)
        let cpu = try program(x, y)
        let context = try GPUContext(device: SimulatedDevice(memory: 64 << 20))
        let gpu = try program(try GPUSeries(x, in: context), try GPUSeries(y, in: context))
        let bach = Bach(device: try SimulatedDevice(memory: 64 << 20))
        let lazy = try program(bach.lazy(x), bach.lazy(y)).value()
        #expect(close(cpu, gpu) && close(cpu, lazy))
    }

    @Test func operandsMustFitTogether() throws {
        let bach = Bach()
        let (x, short) = (bach.lazy(Self.doubles), bach.lazy(Series<Double>([1, 2])))
        #expect(throws: FrameError.lengthMismatch(operation: "add", expected: 1000, found: 2)) {
            try x.adding(short)
        }
        #expect(throws: FrameError.lengthMismatch(operation: "mask", expected: 1000, found: 2)) {
            try x.mask(short > 0, 1)
        }
        let other = Bach().lazy(Self.doubles)
        #expect(
            throws: FrameError.invalidArgument(
                operation: "compare(less)", expected: "series of one Bach runtime", found: "series of two")
        ) { try x.compare(.less, other) }
        let values = bach.lazy(NDArray<Double>([1, 2, 3]))
        #expect(throws: FrameError.lengthMismatch(operation: "LazySeries(validity:)", expected: 3, found: 2))
        {
            try LazySeries(values: values, validity: bach.lazy(NDArray([true, false])))
        }
        let masked = try LazySeries(
            name: "m", values: values, validity: bach.lazy(NDArray([true, false, true])))
        #expect(masked.validity == nil)
        #expect(try masked.value() == Series<Double>([1, nil, 3], name: "m"))
    }

    @Test func seriesMoveBetweenFramesAndGPUFrames() throws {
        let context = try GPUContext(device: SimulatedDevice(memory: 64 << 20))
        for series in [Self.integers, Series<Int64>([1, 2, 3], name: "full")] {
            #expect(try Series(GPUSeries(series, in: context)) == series)
        }
        #expect(try Series(GPUSeries(Self.doubles, in: context)) == Self.doubles)
        #expect(try Series(GPUSeries(Self.flags, in: context)) == Self.flags)
    }
}
