import ArgumentParser
import BachRuntime
import Devices
import Workloads

#if canImport(Glibc)
    import Glibc
#endif

/// `bach bench`: runs one of the paper's benchmarks in one mode, as the seed's `run.py` does, and
/// validates its result.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark in mode cpu, gpu or bach and validate it against the cpu result.",
        discussion: """
            Benchmarks, by name or index: \(Benchmark.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: ", ")).
            The last lines are Median Init/Runtime/Total and Validation; with --json, one JSON object follows.
            """)

    @Option(name: [.short, .long], help: "Benchmark name or index 0-7.")
    var benchmark: String

    @Option(name: [.short, .long], help: "cpu (CPU library), gpu (hand-written GPU code) or bach.")
    var mode: String

    @Option(name: [.short, .long], help: "Log2 of the number of elements (default: the seed's).")
    var size: Int?

    @Option(help: "Number of trials.")
    var trials: Int = 1

    @Option(help: "auto (CUDA if present, else CPU), cuda or simulated.")
    var device: String = "auto"

    @Option(
        name: .customLong("gpu-memory"), help: "Device memory budget: bytes with optional KiB/MiB/GiB suffix."
    )
    var gpuMemory: String?

    @Flag(name: .customLong("force-cpu"), help: "In mode bach, run every call on the CPU.")
    var forceCPU = false

    @Flag(name: .customLong("random-data"), help: "Varied inputs instead of the seed's constant ones.")
    var randomData = false

    @Flag(name: .customLong("no-fusion"), help: "In mode bach, run every call on its own (no fused passes).")
    var noFusion = false

    @Flag(
        name: .customLong("in-memory"),
        help: "crime_index in mode bach: read the files in Init and time the program alone, as cpu mode does."
    )
    var inMemory = false

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func validate() throws {
        guard Benchmark(argument: benchmark) != nil else {
            throw ValidationError(
                "unknown benchmark '\(benchmark)': expected a name (\(Benchmark.allCases.map(\.name).joined(separator: ", "))) or 0-7"
            )
        }
        guard Mode(rawValue: mode.lowercased()) != nil else {
            throw ValidationError("unknown mode '\(mode)': expected cpu, gpu or bach")
        }
        if let size, !(0...34).contains(size) {
            throw ValidationError("size \(size) out of range: expected a log2 size from 0 to 34")
        }
        guard trials >= 1 else { throw ValidationError("trials \(trials): expected at least 1") }
        guard DeviceChoice(rawValue: device.lowercased()) != nil else {
            throw ValidationError("unknown device '\(device)': expected auto, cuda or simulated")
        }
        if let gpuMemory { _ = try parseGPUMemory(gpuMemory) }
        if inMemory, Benchmark(argument: benchmark) != .crimeIndex || mode.lowercased() != Mode.bach.rawValue
        {
            throw ValidationError(
                "--in-memory applies to crime_index in mode bach only, found \(benchmark) in mode \(mode)")
        }
    }

    mutating func run() throws {
        var configuration = BenchmarkConfiguration(
            benchmark: Benchmark(argument: benchmark)!, mode: Mode(rawValue: mode.lowercased())!,
            size: size.map { 1 << $0 }, trials: trials, device: DeviceChoice(rawValue: device.lowercased())!,
            gpuMemory: try gpuMemory.map(parseGPUMemory), forceCPU: forceCPU, randomData: randomData,
            fusion: !noFusion)
        configuration.inMemory = inMemory
        print("Trials: \(configuration.trials)")
        print("Benchmark: \(configuration.benchmark.name)")
        print(
            "Mode: \(configuration.mode.rawValue)\(forceCPU ? " (force-cpu)" : "")\(noFusion ? " (no fusion)" : "")\(inMemory ? " (in memory)" : "")"
        )
        print("Size: \(configuration.size)")
        let report: BenchmarkReport
        do {
            report = try BenchmarkRunner.run(configuration) { standardError($0) }
        } catch let error as BenchmarkError {
            standardError("bach bench: \(error)")
            throw ExitCode.failure
        } catch {
            standardError("bach bench: \(error)")
            throw ExitCode.failure
        }
        print("Device: \(report.device)")
        if let counters = report.runtime {
            for (index, stage) in counters.stages.enumerated() { print("Stage \(index): \(stage)") }
        }
        print("Median Data: \(report.medianData) (creating the inputs, outside the timings as in the seed)")
        print("Median Init: \(report.medianInit)")
        print("Median Runtime: \(report.medianRuntime)")
        print("Median Total: \(report.medianTotal)")
        print("Validation: \(report.valid ? "ok" : "FAILED") (\(report.validation))")
        if json { print(ResultLine.encode(report)) }
        if !report.valid { throw ExitCode.failure }
    }
}

/// `--gpu-memory`'s bytes, or a validation error naming the option.
func parseGPUMemory(_ text: String) throws -> Int {
    do {
        return try ByteCount.parse(text)
    } catch {
        throw ValidationError("--gpu-memory \(error)")
    }
}

/// Writes a line to standard error.
func standardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
