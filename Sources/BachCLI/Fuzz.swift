import ArgumentParser
import Devices
import Fuzzing

/// `bach fuzz`: differential testing of Bach against the CPU library on random programs.
struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run random programs in cpu and bach and compare the results.",
        discussion: """
            Array programs (the default) run with NDArrays and through BachNumeric; series programs \
            (--series) with Frames and through GPUFrames and BachFrames. The last line is \
            'N programs, M mismatches'; the exit status is non-zero when M > 0.
            """)

    @Flag(help: "Fuzz series programs (the pandas role: Frames, GPUFrames, BachFrames) instead of arrays.")
    var series = false

    @Option(help: "Number of programs.")
    var programs: Int = 100

    @Option(help: "Seed of the run (program seeds derive from it).")
    var seed: UInt64 = 1

    @Option(help: "Run one program by its own seed (printed with every mismatch), showing it.")
    var replay: UInt64?

    @Option(help: "simulated or cuda.")
    var device: String = "simulated"

    @Option(name: .customLong("max-size"), help: "Most elements per array (rows per series).")
    var maximumSize: Int = 1 << 16

    func validate() throws {
        guard programs >= 0 else { throw ValidationError("--programs \(programs): expected 0 or more") }
        guard let choice = DeviceChoice(rawValue: device), choice != .auto else {
            throw ValidationError("unknown device '\(device)': expected simulated or cuda")
        }
        guard maximumSize >= 0 && maximumSize <= 1 << 24 else {
            throw ValidationError("--max-size \(maximumSize): expected 0 to \(1 << 24)")
        }
    }

    mutating func run() throws {
        let choice = DeviceChoice(rawValue: device)!
        let check: (UInt64) throws -> (mismatch: Fuzzer.Mismatch?, coverage: Fuzzer.Coverage)
        let describe: (UInt64) -> String
        if series {
            let fuzzer = SeriesFuzzer(device: choice, maximumSize: maximumSize)
            (check, describe) = (fuzzer.check(seed:), fuzzer.describe(seed:))
        } else {
            let fuzzer = Fuzzer(device: choice, maximumSize: maximumSize)
            (check, describe) = (fuzzer.check(seed:), fuzzer.describe(seed:))
        }
        let seeds = replay.map { [$0] } ?? (0..<programs).map { Fuzzer.programSeed(seed, $0) }
        if let replay { print(describe(replay)) }
        var mismatches = 0
        var total = Fuzzer.Coverage()
        for programSeed in seeds {
            do {
                let (mismatch, coverage) = try check(programSeed)
                total.deviceStages += coverage.deviceStages
                total.batches += coverage.batches
                total.fallbacks += coverage.fallbacks
                total.fusedCalls += coverage.fusedCalls
                if let mismatch {
                    mismatches += 1
                    print(mismatch)
                }
            } catch {
                standardError("bach fuzz: \(error)")
                throw ExitCode.failure
            }
        }
        print(
            "coverage: \(total.deviceStages) stages on the device in \(total.batches) batches, "
                + "\(total.fallbacks) stages fell back to the CPU, \(total.fusedCalls) calls fused")
        print("\(seeds.count) programs, \(mismatches) mismatches")
        if mismatches > 0 { throw ExitCode.failure }
    }
}
