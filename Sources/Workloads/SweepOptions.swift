import Devices

/// What `bach all` runs: which benchmarks and modes, at which sizes, how many trials, on which
/// device, and where the results go.
///
/// ```swift
/// var options = SweepOptions(results: "results")
/// options.benchmarks = try SweepOptions.benchmarks("blackscholes_torch,6")
/// options.sizes = .quick
/// ```
public struct SweepOptions: Sendable {
    /// The benchmarks, in the order they run (default: all, in the seed's order).
    public var benchmarks: [Benchmark] = Benchmark.allCases
    /// The modes, in the order they run for each benchmark (default: cpu, gpu, bach, as the seed).
    public var modes: [Mode] = Mode.allCases
    /// The sizes.
    public var sizes: SizeSweep = .seed
    /// Trials per run (the seed's `TRIALS=5`).
    public var trials: Int = 5
    /// The device for the gpu and bach modes.
    public var device: DeviceChoice = .auto
    /// The device memory budget in bytes for every run, if any (`--gpu-memory`).
    public var gpuMemory: Int?
    /// The results folder.
    public var results: ResultsFolder
    /// Where benchmarks that read files (crime_index) find them, writing them when absent.
    public var dataDirectory: String = BenchmarkConfiguration.defaultDataDirectory

    /// The defaults (everything, the seed's sizes, 5 trials, `--device auto`) writing into `results`.
    public init(results: String) {
        self.results = ResultsFolder(path: results)
    }

    /// The benchmarks a comma-separated list names (seed names or indices 0–7), in its order,
    /// without repeats.
    public static func benchmarks(_ list: String) throws(SweepError) -> [Benchmark] {
        var chosen: [Benchmark] = []
        for item in try items(list, option: "--benchmarks") {
            guard let benchmark = Benchmark(argument: item) else {
                throw .unknownBenchmark(
                    item, expected: Benchmark.allCases.map(\.name).joined(separator: ", ") + " or 0-7")
            }
            if !chosen.contains(benchmark) { chosen.append(benchmark) }
        }
        return chosen
    }

    /// The modes a comma-separated list names, in its order, without repeats.
    public static func modes(_ list: String) throws(SweepError) -> [Mode] {
        var chosen: [Mode] = []
        for item in try items(list, option: "--modes") {
            guard let mode = Mode(rawValue: item.lowercased()) else { throw .unknownMode(item) }
            if !chosen.contains(mode) { chosen.append(mode) }
        }
        return chosen
    }

    private static func items(_ list: String, option: String) throws(SweepError) -> [String] {
        let items = list.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingWhitespace()
        }
        guard !items.contains(where: \.isEmpty) else { throw .emptyItem(option: option, list: list) }
        return items
    }
}

/// Why `bach all` cannot start.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// A name in `--benchmarks` that is no benchmark.
    case unknownBenchmark(String, expected: String)
    /// A name in `--modes` that is no mode.
    case unknownMode(String)
    /// An empty item in a list (`a,,b`, or an empty list).
    case emptyItem(option: String, list: String)
    /// `--device cuda` and no CUDA device could be opened.
    case noDevice(String)

    /// What was wrong, with what was expected.
    public var description: String {
        switch self {
        case .unknownBenchmark(let name, let expected):
            "unknown benchmark '\(name)' in --benchmarks: expected \(expected)"
        case .unknownMode(let name): "unknown mode '\(name)' in --modes: expected cpu, gpu or bach"
        case .emptyItem(let option, let list):
            "\(option) '\(list)': expected names separated by commas, found an empty one"
        case .noDevice(let reason): "--device cuda: \(reason)"
        }
    }
}
