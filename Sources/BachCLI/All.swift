import ArgumentParser
import Devices
import Workloads

/// `bach all`: the seed's `run_all.sh` — every benchmark over its size sweep in each mode, one
/// results file per benchmark and mode, resumable.
struct All: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every benchmark over the seed's size sweep in each mode, into results files.",
        discussion: """
            Sizes (log2 of the elements) are those of the seed's run_all.sh: blackscholes 16-31 (gpu 16-27), \
            crime_index 13-31 (gpu 13-27), haversine 20-32 (gpu 20-28), dbscan 8-16/8-22/8-21, pca 4-18/4-12/4-19, \
            tsvd 10-22/10-20/10-20 (cpu/gpu/bach); --quick runs two small sizes instead (2^10 and 2^12, dbscan \
            2^8 and 2^10, pca 2^4 and 2^6), --max-size caps either. \
            Each run appends the JSON line of `bach bench --json` to <results>/<benchmark>_<mode>.jsonl; sizes \
            with a line whose validation is ok are skipped, so an interrupted sweep resumes where it stopped \
            (failed runs run again). The gpu mode without a device (--device auto \
            and no CUDA; bach then runs on the CPU) and sizes larger than this machine's memory are skipped \
            with a note. Exits 1 if any run failed validation or threw; `bach report` summarises the files.
            """)

    @Flag(help: "Run two small sizes per benchmark only (seconds in all; for CI).")
    var quick = false

    @Option(help: "Trials per run (the seed's 5).")
    var trials: Int = 5

    @Option(help: "The results folder.")
    var results: String = "results"

    @Option(help: "Comma-separated benchmarks, names or 0-7 (default: all).")
    var benchmarks: String?

    @Option(help: "Comma-separated modes among cpu, gpu, bach (default: all three).")
    var modes: String?

    @Option(help: "auto (CUDA if present, else CPU), cuda or simulated.")
    var device: String = "auto"

    @Option(name: .customLong("max-size"), help: "Largest log2 size to run.")
    var maxSize: Int?

    @Option(
        name: .customLong("gpu-memory"),
        help: "Device memory budget for every run: bytes with optional KiB/MiB/GiB."
    )
    var gpuMemory: String?

    func validate() throws {
        guard trials >= 1 else { throw ValidationError("trials \(trials): expected at least 1") }
        guard DeviceChoice(rawValue: device.lowercased()) != nil else {
            throw ValidationError("unknown device '\(device)': expected auto, cuda or simulated")
        }
        if let maxSize, !(0...34).contains(maxSize) {
            throw ValidationError("--max-size \(maxSize) out of range: expected a log2 size from 0 to 34")
        }
        _ = try options()
    }

    /// The sweep's options, or a validation error naming the bad list item or byte count.
    func options() throws -> SweepOptions {
        var options = SweepOptions(results: results)
        do {
            if let benchmarks { options.benchmarks = try SweepOptions.benchmarks(benchmarks) }
            if let modes { options.modes = try SweepOptions.modes(modes) }
        } catch {
            throw ValidationError("\(error)")
        }
        options.sizes = SizeSweep(quick ? .quick : .seed, maximum: maxSize)
        options.trials = trials
        options.device = DeviceChoice(rawValue: device.lowercased()) ?? .auto
        options.gpuMemory = try gpuMemory.map(parseGPUMemory)
        return options
    }

    mutating func run() throws {
        let options = try options()
        do {
            let needsDevice = options.modes.contains { $0 != .cpu }
            let device =
                needsDevice
                ? try DeviceAvailability.probe(options.device, budget: options.gpuMemory) : .available
            let plan = try SweepPlan(options, device: device)
            for warning in plan.warnings { standardError("bach all: warning: \(warning)") }
            for note in plan.notes { standardError("bach all: \(note)") }
            let outcome = try Sweep.run(
                plan, options, progress: { print($0) }, note: { standardError("bach all: \($0)") })
            print(
                "\(outcome.ran) runs, \(outcome.failures.count) failed, \(plan.alreadyDone) already done; "
                    + "results in \(options.results.path)/")
            for failure in outcome.failures { print("FAILED: \(failure.run): \(failure.reason)") }
            if !outcome.failures.isEmpty { throw ExitCode.failure }
        } catch let error as SweepError {
            standardError("bach all: \(error)")
            throw ExitCode.failure
        } catch let error as ResultsError {
            standardError("bach all: \(error)")
            throw ExitCode.failure
        }
    }
}
