import BachRuntime
import BachNumeric
import Devices
import GPUArrays
import NDArrays
import Testing

@testable import Workloads

/// Each workload in every mode at small sizes, with varied inputs, validated by the runner: the cpu
/// mode against the scalar C library, gpu and bach against the cpu mode (relative 1e-9; the
/// simulated device's transcendental functions are the C library's, NDArrays' are libmvec's).
struct CrossModeTests {
    static let cases: [(Benchmark, Int)] = [
        (.blackscholesTorch, 1 << 10), (.blackscholesTorch, 1 << 16), (.haversineTorch, 1 << 10),
        (.haversineTorch, 1 << 16), (.blackscholesCupy, 1 << 12), (.haversineCupy, 1 << 12),
    ]

    @Test(arguments: cases.indices)
    func everyModeValidates(_ index: Int) throws {
        let (benchmark, size) = Self.cases[index]
        let working = BenchmarkRunner.workingSet(benchmark.workload!, size)
        let configurations = [
            BenchmarkConfiguration(benchmark: benchmark, mode: .cpu, size: size, randomData: true),
            BenchmarkConfiguration(
                benchmark: benchmark, mode: .gpu, size: size, device: .simulated, randomData: true),
            BenchmarkConfiguration(
                benchmark: benchmark, mode: .bach, size: size, device: .simulated, randomData: true),
            BenchmarkConfiguration(
                benchmark: benchmark, mode: .bach, size: size, device: .simulated, gpuMemory: working / 8,
                randomData: true),
            BenchmarkConfiguration(
                benchmark: benchmark, mode: .bach, size: size, forceCPU: true, randomData: true),
        ]
        var unfused = configurations[2]
        unfused.fusion = false
        for configuration in configurations + [unfused] {
            let report = try BenchmarkRunner.run(configuration) { _ in }
            #expect(
                report.valid,
                "\(configuration.mode) \(configuration.gpuMemory.map(String.init) ?? ""): \(report.validation)"
            )
            if let budget = configuration.gpuMemory {
                #expect(report.deviceCounters.peakBytes <= budget)
                #expect((report.runtime?.batches ?? 0) >= 8)
            }
        }
    }

    @Test func theSeedsConstantInputsValidateToo() throws {
        let report = try BenchmarkRunner.run(
            BenchmarkConfiguration(benchmark: .blackscholesTorch, mode: .bach, size: 4096, device: .simulated)
        ) { _ in }
        #expect(report.valid, "\(report.validation)")
    }

    @Test(arguments: [Benchmark.blackscholesCupy, .haversineCupy, .blackscholesTorch])
    func fusionRunsTheWholeProgramInOneKernelPerBatch(_ benchmark: Benchmark) throws {
        let size = 1 << 14
        let working = BenchmarkRunner.workingSet(benchmark.workload!, size)
        let paged = try BenchmarkRunner.run(
            BenchmarkConfiguration(
                benchmark: benchmark, mode: .bach, size: size, device: .simulated, gpuMemory: working / 8,
                randomData: true)
        ) { _ in }
        let batches = paged.runtime!.batches
        #expect(paged.valid && batches >= 8)
        #expect(paged.deviceCounters.kernelLaunches == batches, "one launch per batch")
        let inputs = benchmark.workload == BlackScholes.self ? 5 : 2
        let outputs = benchmark.workload == BlackScholes.self ? 2 : 1
        #expect(paged.deviceCounters.bytesToDevice == inputs * size * 8, "each input crosses once")
        #expect(paged.deviceCounters.bytesFromDevice == outputs * size * 8, "only the results come back")
        if benchmark.fusesOnTheDevice {
            let gpu = try BenchmarkRunner.run(
                BenchmarkConfiguration(
                    benchmark: benchmark, mode: .gpu, size: size, device: .simulated, randomData: true)
            ) { _ in }
            #expect(gpu.valid && gpu.deviceCounters.kernelLaunches == 1, "mode gpu writes one fused kernel")
        }
    }

    @Test func gpuModeNeedsTheWholeWorkingSet() {
        #expect(throws: BenchmarkError.self) {
            try BenchmarkRunner.run(
                BenchmarkConfiguration(
                    benchmark: .haversineTorch, mode: .gpu, size: 1 << 14, device: .simulated,
                    gpuMemory: 1 << 16)
            ) { _ in }
        }
    }

    @Test func benchmarkNamesAndIndices() {
        #expect(
            Benchmark(argument: "6") == .haversineTorch
                && Benchmark(argument: "BLACKSCHOLES_TORCH") == .blackscholesTorch)
        #expect(Benchmark(argument: "8") == nil && Benchmark(argument: "nbody") == nil)
        #expect(Benchmark.allCases.map(\.rawValue) == Array(0...7))
    }
}

/// Command-line input the runner and the `bach` command reject, with messages that say what was
/// expected and what was found.
struct BadInputTests {
    @Test func byteCounts() throws {
        #expect(try ByteCount.parse("1048576") == 1 << 20)
        #expect(try ByteCount.parse("1MiB") == 1 << 20 && ByteCount.parse("64 KiB") == 64 << 10)
        #expect(try ByteCount.parse("1.5GiB") == 3 << 29 && ByteCount.parse("2g") == 2 << 30)
        for bad in ["", "MiB", "-1MiB", "12 parsecs", "0", "1e3"] {
            #expect(throws: ByteCount.Malformed(text: bad)) { try ByteCount.parse(bad) }
        }
        #expect("\(ByteCount.Malformed(text: "x"))".contains("expected a positive number of bytes"))
    }

    @Test func cudaAskedForWithoutCUDA() throws {
        guard (try? DeviceChoice.cuda.open(budget: nil)) == nil else { return }
        #expect {
            try BenchmarkRunner.run(
                BenchmarkConfiguration(benchmark: .haversineTorch, mode: .bach, size: 16, device: .cuda)
            ) { _ in }
        } throws: { error in
            "\(error)".contains("--device cuda") && "\(error)".contains("libcuda")
        }
    }

    @Test func autoWithoutCUDARunsBachOnTheCPUAndSaysSoOnce() throws {
        guard (try? DeviceChoice.cuda.open(budget: nil)) == nil else { return }
        var notes: [String] = []
        let report = try BenchmarkRunner.run(
            BenchmarkConfiguration(
                benchmark: .haversineTorch, mode: .bach, size: 1 << 12, trials: 3, randomData: true)
        ) { notes.append($0) }
        #expect(report.valid && notes.count == 1 && notes[0].contains("running bach on the CPU"))
    }
}

/// A NumPy-style program written once with operators, run eagerly, on the simulated device through
/// GPUArrays, as one fused kernel and lazily through Bach: the same values.
struct GenericProgramTests {
    static func haversine<A: NumericArray>(lat: A, lon: A) throws -> A where A.Scalar == Double {
        let dlat = try A.sin((lat - 0.70984286) / 2.0)
        let dlon = try A.sin((lon - 1.23892197) / 2.0)
        let a = dlat * dlat + (try A.cos(lat)) * 0.7596 * dlon * dlon
        let miles = try A.arcsin(A.sqrt(a)) * 2.0 * 3959.0
        return try A.where(miles .> 1000.0, miles, 0.0)
    }

    @Test func oneSourceFourArrayTypes() throws {
        let lat = NDArray<Double>.uniform([5000], low: -1.5, high: 1.5, seed: 1)
        let lon = NDArray<Double>.uniform([5000], low: -3, high: 3, seed: 2)
        let eager = try Self.haversine(lat: lat, lon: lon)
        let device = try SimulatedDevice()
        let context = try GPUContext(device: device)
        func upload(_ x: NDArray<Double>) throws -> GPUArray<Double> {
            try x.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: x.shape, in: context) }
        }
        let (dlat, dlon) = (try upload(lat), try upload(lon))
        #expect(try Self.haversine(lat: dlat, lon: dlon).scalars() == eager.scalars)
        let fused = try GPUArrays.fuse([dlat, dlon]) { v in [try Self.haversine(lat: v[0], lon: v[1])] }
        #expect(try fused[0].scalars() == eager.scalars)
        let bach = Bach(device: device)
        let lazy = try Self.haversine(lat: bach.lazy(lat), lon: bach.lazy(lon))
        #expect(try lazy.value() == eager)
        #expect(bach.counters.fusedCalls > 10, "the lazy program ran as one fused pass")
    }
}
