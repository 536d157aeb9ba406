import BachRuntime
import Devices
import GPUArrays

/// Differential testing of the pandas role: random series programs (`Double`, `Int64` and `Bool`
/// series with missing values) run by Frames alone (the reference), by GPUFrames one kernel per
/// call on the device, and through BachFrames on the device with a random memory budget (8 KiB to
/// 1 MiB, so that series page through it in batches), fused and unfused, with random calls forced
/// onto the CPU, and all on the CPU (`forceCPU`) in small batches. See `SeriesComparison` for what
/// must agree.
///
/// ```swift
/// let fuzzer = SeriesFuzzer(maximumSize: 1 << 12)
/// let (mismatch, _) = try fuzzer.check(seed: Fuzzer.programSeed(7, 0))   // nil: all agree
/// ```
public struct SeriesFuzzer: Sendable {
    /// Which device runs the GPU side.
    public let device: DeviceChoice
    /// The largest number of rows of a program's series.
    public let maximumSize: Int
    /// The CUDA libraries to load for `device: .cuda`.
    public let cudaLibraries: CUDALibraries
    /// A mistake the reference makes on purpose, so that tests see the fuzzer fail.
    var fault: SeriesFault?

    public init(
        device: DeviceChoice = .simulated, maximumSize: Int = 1 << 16,
        cudaLibraries: CUDALibraries = .environment
    ) {
        self.device = device
        self.maximumSize = maximumSize
        self.cudaLibraries = cudaLibraries
    }

    /// Runs the program of `seed` (seeds as `Fuzzer.programSeed` derives them); returns its
    /// mismatch, shrunk, if any, and what it exercised.
    public func check(seed: UInt64) throws -> (mismatch: Fuzzer.Mismatch?, coverage: Fuzzer.Coverage) {
        let program = SeriesProgram.generate(seed: seed, maximumSize: maximumSize)
        let (detail, coverage) = try run(program)
        guard let detail else { return (nil, coverage) }
        let shrunk = try program.shrunk { try run($0).detail }
        let mismatch = Fuzzer.Mismatch(
            seed: seed,
            replay:
                "bach fuzz --series --replay \(seed) --max-size \(maximumSize) --device \(device.rawValue)",
            program: "\(program)",
            shrunk: "\(shrunk.program)\n  \(shrunk.detail)", detail: detail)
        return (mismatch, coverage)
    }

    /// The program's description (for `--replay`).
    public func describe(seed: UInt64) -> String {
        "\(SeriesProgram.generate(seed: seed, maximumSize: maximumSize))"
    }

    /// Runs `program` with Frames, then GPUFrames, then BachFrames in three ways; the first
    /// difference from Frames (or device memory left behind) is the detail.
    ///
    /// On CUDA budgets are 64 KiB and more, so that no stage falls back to the CPU.
    func run(_ original: SeriesProgram) throws -> (detail: String?, coverage: Fuzzer.Coverage) {
        var program = original
        let cuda = device == .cuda
        if cuda { program.budget = Swift.max(program.budget, 64 << 10) }
        let inputs = program.inputSeries()
        let expected = SeriesInterpreter.run(program, inputs: inputs, library: FramesLibrary(), fault: fault)
        let bounds = expected.error == nil ? SeriesComparison.bounds(program, expected) : []
        let comparison = SeriesComparison()
        var coverage = Fuzzer.Coverage()

        let context = try GPUContext(device: try open(budget: nil))
        let eager = SeriesInterpreter.run(
            program, inputs: inputs, library: GPUFramesLibrary(context: context))
        if let detail = comparison.mismatch(expected, eager, bounds: bounds) {
            return ("GPUFrames: \(detail)", coverage)
        }
        try context.releaseMemory()

        for (fusion, forceCPU) in [(true, false), (false, false), (true, true)] {
            let device = try open(budget: program.budget)
            var options = Bach.Options(
                forceCPU: forceCPU, cpuBatchBytes: program.cpuBatchBytes, fusion: fusion)
            options.cpuOnlyCalls = Set(program.cpuOnly)
            let runtime = Bach(device: device, options: options)
            let actual = SeriesInterpreter.run(
                program, inputs: inputs, library: LazyFramesLibrary(runtime: runtime))
            RuntimeChecks.record(runtime, into: &coverage)
            let mode =
                forceCPU ? "BachFrames on the CPU" : "BachFrames \(fusion ? "with" : "without") fusion"
            if let detail = try RuntimeChecks.fallback(runtime, cuda: cuda)
                ?? comparison.mismatch(expected, actual, bounds: bounds)
                ?? RuntimeChecks.leftOver(runtime, on: device)
            {
                return ("\(mode): \(detail)", coverage)
            }
        }
        return (nil, coverage)
    }

    private func open(budget: Int?) throws -> any Device {
        guard let device = try device.open(budget: budget, libraries: cudaLibraries) else {
            throw DeviceError.noDevice(reason: "the fuzzer needs a device (simulated or CUDA)")
        }
        return device
    }
}
