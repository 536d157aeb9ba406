import Bach
import Devices

/// Differential testing of Bach against the CPU library: random programs run by NDArrays alone and
/// through BachNumeric on a device (the simulated one by default) with a random memory budget, down
/// to 2 KiB so that almost everything pages, and random calls forced onto the CPU.
public struct Fuzzer: Sendable {
    /// Which device runs the GPU side.
    public let device: DeviceChoice
    /// The largest number of elements of a program's arrays.
    public let maximumSize: Int

    public init(device: DeviceChoice = .simulated, maximumSize: Int = 1 << 16) {
        self.device = device
        self.maximumSize = maximumSize
    }

    /// A program whose results differ, shrunk to fewer calls and elements where that keeps the
    /// difference.
    public struct Mismatch: Sendable, CustomStringConvertible {
        /// The seed of the program (`bach fuzz --replay SEED` runs it again).
        public let seed: UInt64
        /// The program as first generated.
        public let program: String
        /// The smallest program found that still differs.
        public let shrunk: String
        /// What differed.
        public let detail: String

        public var description: String {
            "mismatch in program \(seed) (replay with: bach fuzz --replay \(seed)):\n\(program)\n  \(detail)\n"
                + "shrunk to:\n\(shrunk)"
        }
    }

    /// The seed of the `index`-th program of a run seeded with `seed`.
    public static func programSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var random = SplitMix(seed: seed &+ UInt64(index) &* 0xA076_1D64_78BD_642F)
        return random.next()
    }

    /// What one program exercised.
    public struct Coverage: Sendable {
        /// Stages run on the device, in batches, and stages that fell back to the CPU.
        public var deviceStages = 0
        public var batches = 0
        public var fallbacks = 0

        public init() {}
    }

    /// Runs the program of `seed`; returns its mismatch, if any, and what it exercised.
    public func check(seed: UInt64) throws -> (mismatch: Mismatch?, coverage: Coverage) {
        let program = Program.generate(seed: seed, maximumSize: maximumSize)
        let (detail, coverage) = try run(program)
        guard let detail else { return (nil, coverage) }
        let shrunk = try shrink(program)
        let mismatch = Mismatch(
            seed: seed, program: "\(program)", shrunk: "\(shrunk.program)\n  \(shrunk.detail)", detail: detail
        )
        return (mismatch, coverage)
    }

    /// The program's description (for `--replay`).
    public func describe(seed: UInt64) -> String {
        "\(Program.generate(seed: seed, maximumSize: maximumSize))"
    }

    private func differ(_ program: Program) throws -> String? {
        try run(program).detail
    }

    private func run(_ program: Program) throws -> (detail: String?, coverage: Coverage) {
        guard let device = try device.open(budget: program.budget) else {
            throw DeviceError.noDevice(reason: "the fuzzer needs a device (simulated or CUDA)")
        }
        var options = Bach.Options()
        options.cpuOnlyCalls = Set(program.cpuOnly)
        let runtime = Bach(device: device, options: options)
        let expected = HostInterpreter.run(program)
        let actual = LazyInterpreter.run(program, runtime: runtime)
        var coverage = Coverage()
        for stage in runtime.counters.stages where stage.calls.contains(where: { $0.backend == .gpu }) {
            coverage.deviceStages += 1
            coverage.batches += stage.batches
        }
        coverage.fallbacks = runtime.counters.stages.filter { $0.fallback != nil }.count
        let comparison = Comparison(deviceTolerance: device.properties.kind == .cuda ? 1e-9 : 0)
        if let detail = comparison.mismatch(expected, actual) { return (detail, coverage) }
        let held = device.counters.liveBytes - runtime.cachedDeviceBytes
        if held != 0 { return ("\(held) device bytes still held by values after evaluation", coverage) }
        try runtime.releaseDeviceMemory()
        let live = device.counters.liveBytes
        return (live == 0 ? nil : "\(live) device bytes still allocated after releasing the cache", coverage)
    }

    /// Removes calls from the end and the middle, and halves the size, while the program still
    /// differs (calls after a removed one may refer to variables that no longer exist; such
    /// candidates are skipped).
    private func shrink(_ program: Program) throws -> (program: Program, detail: String) {
        var best = program
        var detail = try differ(program) ?? ""
        var improved = true
        while improved {
            improved = false
            var candidates: [Program] = []
            for index in best.steps.indices.reversed() {
                var candidate = best
                candidate.steps.remove(at: index)
                candidates.append(candidate)
            }
            if best.rows > 1 {
                var candidate = best
                candidate.rows = best.rows / 2
                candidates.append(candidate)
            }
            for candidate in candidates where candidate.isWellFormed {
                if let found = try differ(candidate) {
                    (best, detail, improved) = (candidate, found, true)
                    break
                }
            }
        }
        return (best, detail)
    }
}

extension Program {
    /// Whether every operand refers to a variable or scalar that exists when it is read.
    var isWellFormed: Bool {
        var variables = inputs
        var scalars: [String] = []
        func valid(_ operand: Operand) -> Bool {
            switch operand {
            case .variable(let index): index < variables
            case .row: columns != nil
            case .constant: true
            case .scalar(let index):
                index < scalars.count && (scalars[index] == "min" || scalars[index] == "max")
            }
        }
        for step in steps {
            switch step {
            case .unary(_, let a):
                guard a < variables else { return false }
                variables += 1
            case .unaryInPlace(_, let a):
                guard a < variables else { return false }
            case .binary(_, let a, let b):
                guard valid(a), valid(b), a.isVariable || b.isVariable else { return false }
                variables += 1
            case .binaryOut(_, let a, let b, let target):
                guard valid(a), valid(b), target < variables else { return false }
            case .select(_, let a, let b, let x, let y):
                guard valid(a), valid(b), valid(x), valid(y), a.isVariable || b.isVariable else {
                    return false
                }
                variables += 1
            case .reduce(let name, let a):
                guard a < variables else { return false }
                scalars.append(name)
            }
        }
        return true
    }
}
