import Devices

#if canImport(Glibc)
    import Glibc
#endif

/// One run of a sweep: a benchmark in a mode at a size.
public struct SweepRun: Equatable, Sendable, CustomStringConvertible {
    /// The benchmark.
    public var benchmark: Benchmark
    /// The mode.
    public var mode: Mode
    /// Log2 of the number of elements.
    public var log2Size: Int

    /// `benchmark` in `mode` at 2^`log2Size` elements.
    public init(_ benchmark: Benchmark, _ mode: Mode, log2Size: Int) {
        self.benchmark = benchmark
        self.mode = mode
        self.log2Size = log2Size
    }

    /// `blackscholes_torch bach 2^22`.
    public var description: String { "\(benchmark.name) \(mode.rawValue) 2^\(log2Size)" }
}

/// Whether the gpu and bach modes have a device to run on.
public enum DeviceAvailability: Equatable, Sendable {
    /// A device (CUDA or simulated).
    case available
    /// No device (`--device auto` without CUDA): gpu is skipped, bach runs on the CPU.
    case none(reason: String)

    /// Opens `choice` once to see whether it works, as `bach bench` would. `--device cuda` without
    /// CUDA is an error, `auto` without CUDA is `.none`; the simulated device is always there.
    public static func probe(_ choice: DeviceChoice, budget: Int?) throws(SweepError) -> DeviceAvailability {
        var reason = ""
        do {
            let device = try choice.open(budget: budget) { reason = $0 }
            return device == nil ? .none(reason: reason) : .available
        } catch {
            throw .noDevice("\(error)")
        }
    }
}

/// The runs a sweep still has to do, after what its results folder already holds, with a note for
/// everything it leaves out and why.
///
/// A size counts as done when its benchmark's file for the mode holds a line for it whose
/// validation is "ok" and whose options match (the same `--gpu-memory`); failed runs are run again.
/// The gpu mode without a device is skipped with the reason, and sizes whose estimated working set
/// exceeds the machine's memory with the estimate (`--max-size` caps them).
public struct SweepPlan: Sendable {
    /// What to run, in order: benchmark by benchmark, mode by mode, smallest size first.
    public var runs: [SweepRun]
    /// Sizes skipped because their results are already there.
    public var alreadyDone: Int
    /// One line for each thing left out, and for each benchmark and mode that is partly done.
    public var notes: [String]
    /// Lines of the results files that could not be read (they are run again).
    public var warnings: [String]

    /// The plan for `options` with the gpu and bach modes on `device`, leaving out sizes whose
    /// working set exceeds `memory` bytes (default: this machine's physical memory).
    public init(
        _ options: SweepOptions, device: DeviceAvailability, memory: Int = SweepPlan.physicalMemory
    ) throws(ResultsError) {
        (runs, alreadyDone, notes, warnings) = ([], 0, [], [])
        if case .none(let reason) = device, options.modes.contains(.gpu) {
            notes.append("gpu: skipped, no CUDA device (\(reason)); use --device simulated to run it")
        }
        for benchmark in options.benchmarks {
            for mode in options.modes {
                if mode == .gpu, case .none = device { continue }
                let file = options.results.file(benchmark, mode)
                let (records, unreadable) = try options.results.records(in: file)
                warnings += unreadable
                let series = ResultRecord.series(mode: mode.rawValue, gpuMemory: options.gpuMemory)
                let done = Set(
                    records.filter { $0.isValid && $0.benchmark == benchmark.name && $0.series == series }
                        .map(\.size))
                var tooLarge: [Int] = []
                var skipped = 0
                for log2Size in options.sizes.log2Sizes(benchmark, mode) {
                    if done.contains(1 << log2Size) {
                        skipped += 1
                    } else if BenchmarkRunner.workingSet(benchmark, 1 << log2Size) > memory {
                        tooLarge.append(log2Size)
                    } else {
                        runs.append(SweepRun(benchmark, mode, log2Size: log2Size))
                    }
                }
                alreadyDone += skipped
                if skipped > 0 {
                    notes.append(
                        "\(benchmark.name) \(mode.rawValue): \(skipped) sizes already in \(file), skipped")
                }
                if let first = tooLarge.first, let last = tooLarge.last {
                    let needed = BenchmarkRunner.workingSet(benchmark, 1 << first)
                    notes.append(
                        "\(benchmark.name) \(mode.rawValue): 2^\(first)…2^\(last) skipped, about "
                            + "\(Self.gibibytes(needed)) GiB at 2^\(first) exceeds this machine's "
                            + "\(Self.gibibytes(memory)) GiB (--max-size caps the sweep)")
                }
            }
        }
    }

    /// Bytes of physical memory (`Int.max` where the system does not say).
    public static var physicalMemory: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return .max }
        return pages.multipliedReportingOverflow(by: size).overflow ? .max : pages * size
    }

    private static func gibibytes(_ bytes: Int) -> String {
        let value = Double(bytes) / Double(1 << 30)
        return value >= 10 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)"
    }
}
