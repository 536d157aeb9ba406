import BachRuntime
import Devices
import NDArrays

/// Differential testing of Bach against the CPU library: random programs run by NDArrays alone and
/// through BachNumeric on a device (the simulated one by default) with a random memory budget, down
/// to 2 KiB so that almost everything pages, and random calls forced onto the CPU.
public struct Fuzzer: Sendable {
    /// Which device runs the GPU side.
    public let device: DeviceChoice
    /// The largest number of elements of a program's arrays.
    public let maximumSize: Int
    /// The CUDA libraries to load for `device: .cuda`.
    public let cudaLibraries: CUDALibraries

    public init(
        device: DeviceChoice = .simulated, maximumSize: Int = 1 << 16,
        cudaLibraries: CUDALibraries = .environment
    ) {
        self.device = device
        self.maximumSize = maximumSize
        self.cudaLibraries = cudaLibraries
    }

    /// A program whose results differ, shrunk to fewer calls and elements where that keeps the
    /// difference.
    public struct Mismatch: Sendable, CustomStringConvertible {
        /// The seed of the program.
        public let seed: UInt64
        /// The command that runs the program again (`bach fuzz --replay SEED --max-size N --device D`:
        /// the size bounds the program generated from the seed).
        public let replay: String
        /// The program as first generated.
        public let program: String
        /// The smallest program found that still differs.
        public let shrunk: String
        /// What differed.
        public let detail: String

        public var description: String {
            "mismatch in program \(seed) (replay with: \(replay)):\n\(program)\n  \(detail)\n"
                + "shrunk to:\n\(shrunk)"
        }
    }

    /// The seed of the `index`-th program of a run seeded with `seed`.
    public static func programSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0xA076_1D64_78BD_642F)
        return random.next()
    }

    /// What one program exercised.
    public struct Coverage: Sendable {
        /// Stages run on the device, in batches, and stages that fell back to the CPU.
        public var deviceStages = 0
        public var batches = 0
        public var fallbacks = 0
        /// Calls that ran fused with others.
        public var fusedCalls = 0

        public init() {}
    }

    /// Runs the program of `seed`; returns its mismatch, if any, and what it exercised.
    public func check(seed: UInt64) throws -> (mismatch: Mismatch?, coverage: Coverage) {
        let program = Program.generate(seed: seed, maximumSize: maximumSize)
        let (detail, coverage) = try run(program)
        guard let detail else { return (nil, coverage) }
        let shrunk = try program.shrunk { try differ($0) }
        let mismatch = Mismatch(
            seed: seed,
            replay: "bach fuzz --replay \(seed) --max-size \(maximumSize) --device \(device.rawValue)",
            program: "\(program)",
            shrunk: "\(shrunk.program)\n  \(shrunk.detail)", detail: detail
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

    /// Runs `program` with NDArrays alone, then through Bach with fusion and without; the first
    /// difference from NDArrays (or device memory left behind) is the detail.
    ///
    /// On CUDA every call runs on the device (no calls forced onto the CPU, budgets of 64 KiB and
    /// more, so that no stage falls back), because the reference there is GPUArrays' own kernels:
    /// a value computed on the CPU would differ from it by an ulp.
    private func run(_ original: Program) throws -> (detail: String?, coverage: Coverage) {
        var program = original
        let cuda = device == .cuda
        if cuda {
            program.cpuOnly = []
            program.budget = Swift.max(program.budget, 64 << 10)
        }
        let host = HostInterpreter.run(program)
        var coverage = Coverage()
        var expected = host
        for fusion in [true, false] {
            guard let device = try device.open(budget: program.budget, libraries: cudaLibraries) else {
                throw DeviceError.noDevice(reason: "the fuzzer needs a device (simulated or CUDA)")
            }
            var options = Bach.Options()
            options.cpuOnlyCalls = Set(program.cpuOnly)
            options.fusion = fusion
            if fusion && device.properties.kind == .cuda,
                let whole = try self.device.open(budget: nil, libraries: cudaLibraries)
            {
                expected = DeviceInterpreter.run(program, on: whole, host: host)
            }
            let runtime = Bach(device: device, options: options)
            let actual = LazyInterpreter.run(program, runtime: runtime)
            RuntimeChecks.record(runtime, into: &coverage)
            let mode = fusion ? "with fusion" : "without fusion"
            if let detail = try RuntimeChecks.fallback(runtime, cuda: cuda)
                ?? Comparison().mismatch(expected, actual) ?? RuntimeChecks.leftOver(runtime, on: device)
            {
                return ("\(mode): \(detail)", coverage)
            }
        }
        return (nil, coverage)
    }
}

extension Program {
    /// Whether every operand refers to a variable or scalar that exists when it is read.
    var isWellFormed: Bool {
        var variables = inputs
        var scalars: [Program.Reduction] = []
        func valid(_ operand: Operand) -> Bool {
            switch operand {
            case .variable(let index): index < variables
            case .row: columns != nil
            case .constant: true
            case .scalar(let index): index < scalars.count && scalars[index].feedsCalls
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
            case .select(let condition, let x, let y):
                guard condition.operands.allSatisfy(valid), valid(x), valid(y),
                    condition.a.isVariable || condition.b.isVariable
                else {
                    return false
                }
                variables += 1
            case .reduce(let op, let a):
                guard a < variables else { return false }
                scalars.append(op)
            }
        }
        return true
    }
}
