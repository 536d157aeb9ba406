import BachRuntime
import BachNumeric
import Devices
import GPUArrays
import NDArrays

/// What `bach bench` runs: one benchmark in one mode, for some trials.
public struct BenchmarkConfiguration: Sendable {
    public var benchmark: Benchmark
    public var mode: Mode
    /// Elements (the seed's `1 << size`).
    public var size: Int
    public var trials: Int
    public var device: DeviceChoice
    /// The device memory budget in bytes (`--gpu-memory`), if any.
    public var gpuMemory: Int?
    /// Run every call on the CPU in mode bach (`--force-cpu`).
    public var forceCPU: Bool
    /// Varied inputs instead of the seed's constant ones.
    public var randomData: Bool
    /// Whether Bach fuses consecutive elementwise calls (`--no-fusion` turns it off).
    public var fusion: Bool
    /// crime_index in mode bach: read the files eagerly in Init and time only the program on the
    /// in-memory series (`--in-memory`), as cpu mode does; by default the reads are lazy and run
    /// inside the evaluation, batch by batch.
    public var inMemory: Bool = false
    /// The CUDA libraries to load (by default those `BACH_CUDA_DRIVER` and `BACH_NVRTC` name).
    public var cudaLibraries: CUDALibraries = .environment
    /// Where benchmarks that read files (crime_index) write them when absent.
    public var dataDirectory: String = BenchmarkConfiguration.defaultDataDirectory

    public init(
        benchmark: Benchmark, mode: Mode, size: Int? = nil, trials: Int = 1, device: DeviceChoice = .auto,
        gpuMemory: Int? = nil, forceCPU: Bool = false, randomData: Bool = false, fusion: Bool = true
    ) {
        self.fusion = fusion
        self.benchmark = benchmark
        self.mode = mode
        self.size = size ?? benchmark.defaultSize
        self.trials = Swift.max(1, trials)
        self.device = device
        self.gpuMemory = gpuMemory
        self.forceCPU = forceCPU
        self.randomData = randomData
    }
}

/// What a benchmark run measured and whether its results were right.
public struct BenchmarkReport: Sendable {
    public let configuration: BenchmarkConfiguration
    /// Seconds creating the inputs, per trial: outside Init and Runtime, as in the seed, whose
    /// `run` returns `(0, runtime)` for these workloads.
    public let dataTimes: [Double]
    /// Seconds of setup before the program runs, per trial (0 here, as in the seed).
    public let initTimes: [Double]
    /// Seconds running the program, transfers included, per trial.
    public let runtimes: [Double]
    /// The device used, or why none was.
    public let device: String
    /// Whether the outputs matched the reference.
    public let valid: Bool
    /// How they compared ("N values, max abs diff …") or why they did not match.
    public let validation: String
    /// The runtime's counters from the last trial (mode bach).
    public let runtime: RuntimeCounters?
    /// The device's counters from the last trial (modes gpu and bach).
    public let deviceCounters: DeviceCounters
    /// Device bytes still allocated once the last trial had finished (0 when memory was returned).
    public let deviceLiveBytesAfter: Int

    public var medianData: Double { median(dataTimes) }
    public var medianInit: Double { median(initTimes) }
    public var medianRuntime: Double { median(runtimes) }
    public var medianTotal: Double { medianInit + medianRuntime }
}

extension BenchmarkReport {
    /// The report of a run on `device` (nil: the CPU) whose last trial left the runtime's
    /// `counters` (mode bach; nil otherwise): the device's description, its counters or the
    /// runtime's view of them, and the bytes it still holds now.
    init(
        _ configuration: BenchmarkConfiguration, dataTimes: [Double], initTimes: [Double], runtimes: [Double],
        device: (any Device)?, counters: RuntimeCounters?, valid: Bool, validation: String
    ) {
        self.init(
            configuration: configuration, dataTimes: dataTimes, initTimes: initTimes, runtimes: runtimes,
            device: device.map { $0.properties.description } ?? "none (CPU)", valid: valid,
            validation: validation, runtime: counters,
            deviceCounters: counters?.device ?? device?.counters ?? DeviceCounters(),
            deviceLiveBytesAfter: device?.counters.liveBytes ?? 0)
    }
}

/// Runs benchmarks.
public enum BenchmarkRunner {
    /// Runs `configuration`; `note` receives one-line remarks for standard error (e.g. that no
    /// GPU was found and bach runs on the CPU).
    public static func run(_ configuration: BenchmarkConfiguration, note: (String) -> Void) throws
        -> BenchmarkReport
    {
        switch configuration.benchmark {
        case .blackscholesTorch, .blackscholesCupy: try run(BlackScholes.self, configuration, note: note)
        case .haversineTorch, .haversineCupy: try run(Haversine.self, configuration, note: note)
        case .crimeIndex: try CrimeIndexRunner.run(configuration, note: note)
        case .tsvd: try LearnRunner.run(TSVDWorkload.self, configuration, note: note)
        case .pca: try LearnRunner.run(PCAWorkload.self, configuration, note: note)
        case .dbscan: try LearnRunner.run(DBSCANWorkload.self, configuration, note: note)
        }
    }

    /// Bytes of inputs, outputs and temporaries of `benchmark` at `size` (an upper estimate, for
    /// messages and for leaving out sizes a machine cannot hold).
    public static func workingSet(_ benchmark: Benchmark, _ size: Int) -> Int {
        switch benchmark {
        case .blackscholesTorch, .blackscholesCupy: workingSet(BlackScholes.self, size)
        case .haversineTorch, .haversineCupy: workingSet(Haversine.self, size)
        case .crimeIndex: CrimeIndexRunner.workingSet(size: size)
        case .tsvd: TSVDWorkload.workingSet(size: size)
        case .pca: PCAWorkload.workingSet(size: size)
        case .dbscan: DBSCANWorkload.workingSet(size: size)
        }
    }

    /// Runs an elementwise array workload.
    private static func run(
        _ workload: any Workload.Type, _ configuration: BenchmarkConfiguration, note: (String) -> Void
    ) throws -> BenchmarkReport {
        let device = try openDevice(configuration, note: note)
        // One runtime (or GPU context) serves every trial, as one would serve a whole application:
        // pinned staging memory is allocated in the first trial and reused after.
        let bach = runtime(configuration, device)
        let context = try configuration.mode == .gpu ? GPUContext(device: device!) : nil
        var dataTimes: [Double] = []
        var initTimes: [Double] = []
        var runtimes: [Double] = []
        var outputs: [NDArray<Double>] = []
        var inputs: [NDArray<Double>] = []
        var counters: RuntimeCounters?
        for _ in 0..<configuration.trials {
            device?.resetCounters()
            let trial = try runTrial(workload, configuration, bach: bach, context: context)
            dataTimes.append(trial.dataTime)
            initTimes.append(trial.initTime)
            runtimes.append(trial.runtime)
            (inputs, outputs, counters) = (trial.inputs, trial.outputs, trial.counters)
        }
        try bach.releaseDeviceMemory()
        let (valid, validation) = try validate(workload, configuration, inputs: inputs, outputs: outputs)
        return BenchmarkReport(
            configuration, dataTimes: dataTimes, initTimes: initTimes, runtimes: runtimes, device: device,
            counters: counters, valid: valid, validation: validation)
    }

    /// The runtime a run of `configuration` evaluates with on `device`.
    static func runtime(_ configuration: BenchmarkConfiguration, _ device: (any Device)?) -> Bach {
        Bach(
            device: device,
            options: Bach.Options(forceCPU: configuration.forceCPU, fusion: configuration.fusion))
    }

    static func openDevice(_ configuration: BenchmarkConfiguration, note: (String) -> Void) throws
        -> (any Device)?
    {
        if configuration.mode == .cpu || (configuration.mode == .bach && configuration.forceCPU) {
            return nil
        }
        var reason = ""
        let device: (any Device)?
        do {
            device = try configuration.device.open(
                budget: configuration.gpuMemory, libraries: configuration.cudaLibraries
            ) { reason = $0 }
        } catch {
            throw BenchmarkError.noDevice(
                mode: configuration.mode.rawValue,
                reason: "--device \(configuration.device.rawValue): \(error)")
        }
        if device == nil {
            if configuration.mode == .gpu {
                throw BenchmarkError.noDevice(
                    mode: "gpu", reason: "\(reason) (use --device simulated to run without a GPU)")
            }
            note("bach: no CUDA device (\(reason)); running bach on the CPU")
        }
        return device
    }

    private struct Trial {
        let dataTime: Double
        let initTime: Double
        let runtime: Double
        let inputs: [NDArray<Double>]
        let outputs: [NDArray<Double>]
        let counters: RuntimeCounters?
    }

    private static func runTrial(
        _ workload: any Workload.Type, _ configuration: BenchmarkConfiguration, bach: Bach,
        context: GPUContext?
    ) throws -> Trial {
        let start = ContinuousClock.now
        let inputs = workload.inputs(size: configuration.size, random: configuration.randomData)
        let ready = ContinuousClock.now
        let outputs: [NDArray<Double>]
        var counters: RuntimeCounters?
        switch configuration.mode {
        case .cpu:
            outputs = try workload.run(inputs)
        case .gpu:
            outputs = try runOnDevice(workload, inputs, context: context!, configuration)
        case .bach:
            let lazyOutputs = try workload.run(inputs.map { bach.lazy($0) })
            try bach.evaluate()
            outputs = try lazyOutputs.map { try $0.value() }
            counters = bach.counters
        }
        let end = ContinuousClock.now
        if let context { try context.releaseMemory() }
        return Trial(
            dataTime: (ready - start).seconds, initTime: 0, runtime: (end - ready).seconds, inputs: inputs,
            outputs: outputs, counters: counters)
    }

    /// The gpu mode, as `run_torch` does it: copy every input to the device, compute there (one
    /// kernel per call, or, for the CuPy flavour, the whole program as one fused kernel), copy the
    /// outputs back. Everything lives on the device at once, so a budget below the working set fails.
    private static func runOnDevice(
        _ workload: any Workload.Type, _ inputs: [NDArray<Double>], context: GPUContext,
        _ configuration: BenchmarkConfiguration
    ) throws -> [NDArray<Double>] {
        do {
            let onDevice = try inputs.map { input in
                try input.withUnsafeBufferPointer {
                    try GPUArray(copying: $0, shape: input.shape, in: context)
                }
            }
            let results =
                configuration.benchmark.fusesOnTheDevice
                ? try GPUArrays.fuse(onDevice) { values in try workload.run(values) }
                : try workload.run(onDevice)
            return try results.map { result in
                var host = NDArray<Double>.empty(result.shape)
                try host.withUnsafeMutableBufferPointer { try result.copy(to: $0) }
                return host
            }
        } catch GPUArrayError.device(.outOfMemory) {
            try? context.releaseMemory()
            throw BenchmarkError.doesNotFit(
                mode: "gpu", needed: workingSet(workload, configuration.size),
                budget: context.device.properties.memoryBudget)
        }
    }

    /// Bytes of inputs plus outputs plus temporaries of a benchmark (upper estimate for messages).
    static func workingSet(_ workload: any Workload.Type, _ size: Int) -> Int {
        (workload == BlackScholes.self ? 12 : 5) * size * MemoryLayout<Double>.stride
    }

    /// Compares outputs with the cpu mode's (modes gpu and bach), or the cpu mode's with the scalar
    /// oracle on a sample of elements.
    private static func validate(
        _ workload: any Workload.Type, _ configuration: BenchmarkConfiguration, inputs: [NDArray<Double>],
        outputs: [NDArray<Double>]
    ) throws -> (Bool, String) {
        let tolerance = 1e-9
        var worst = 0.0
        var compared = 0
        var failure: String?
        func check(_ got: Double, _ expected: Double, output: Int, index: Int) {
            compared += 1
            let difference = got == expected || got.isNaN && expected.isNaN ? 0 : Swift.abs(got - expected)
            worst = Swift.max(worst, difference.isNaN ? .infinity : difference)
            if failure == nil && !(difference <= tolerance * (1 + Swift.abs(expected))) {
                failure = "output \(output) at \(index): got \(got), expected \(expected)"
            }
        }
        if configuration.mode == .cpu {
            let count = inputs[0].count
            let step = Swift.max(1, count / 4096)
            for index in stride(from: 0, to: count, by: step) {
                for (output, expected) in zip(outputs, workload.reference(inputs, at: index)).enumerated() {
                    check(expected.0[index], expected.1, output: output, index: index)
                }
            }
        } else {
            let reference = try workload.run(inputs)
            for (output, (got, expected)) in zip(outputs, reference).enumerated() {
                guard got.shape == expected.shape else {
                    return (false, "output \(output) has shape \(got.shape), expected \(expected.shape)")
                }
                let (values, wanted) = (got.scalars, expected.scalars)
                for index in values.indices {
                    check(values[index], wanted[index], output: output, index: index)
                }
            }
        }
        let summary = "\(compared) values, max abs diff \(worst), tolerance \(tolerance) relative"
        if let failure { return (false, "\(failure) (\(summary))") }
        return (true, "\(summary) vs \(configuration.mode == .cpu ? "scalar C library" : "cpu mode")")
    }
}

/// The median of `values` (the mean of the middle two for an even count), as the seed computes it.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle] + sorted[middle - 1]) / 2
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
