/// The benchmarks of the paper, in the seed's order (`bach bench -b NAME` or `-b 0…7`).
public enum Benchmark: Int, CaseIterable, Sendable, CustomStringConvertible {
    case blackscholesTorch = 0, blackscholesCupy, crimeIndex, tsvd, pca, dbscan, haversineTorch, haversineCupy

    /// The seed's name, e.g. `blackscholes_torch`.
    public var name: String {
        switch self {
        case .blackscholesTorch: "blackscholes_torch"
        case .blackscholesCupy: "blackscholes_cupy"
        case .crimeIndex: "crime_index"
        case .tsvd: "tsvd"
        case .pca: "pca"
        case .dbscan: "dbscan"
        case .haversineTorch: "haversine_torch"
        case .haversineCupy: "haversine_cupy"
        }
    }

    public var description: String { name }

    /// The benchmark named `text` (a seed name or an index 0–7).
    public init?(argument text: String) {
        let lowered = text.lowercased()
        if let index = Int(lowered), let benchmark = Benchmark(rawValue: index) {
            self = benchmark
        } else if let benchmark = Benchmark.allCases.first(where: { $0.name == lowered }) {
            self = benchmark
        } else {
            return nil
        }
    }

    /// The seed's default number of elements.
    public var defaultSize: Int {
        switch self {
        case .tsvd: TSVDWorkload.defaultSize
        case .pca: PCAWorkload.defaultSize
        case .dbscan: DBSCANWorkload.defaultSize
        case .blackscholesTorch, .blackscholesCupy: BlackScholes.defaultSize
        case .haversineTorch, .haversineCupy: Haversine.defaultSize
        case .crimeIndex: CrimeIndex.defaultSize
        }
    }
}

/// How a benchmark runs.
public enum Mode: String, CaseIterable, Sendable {
    /// The CPU library alone (the NumPy role).
    case cpu
    /// Hand-written GPU code with explicit transfers (the PyTorch role).
    case gpu
    /// The CPU program through the annotated library and the Bach runtime.
    case bach
}

/// Why a benchmark could not run as asked.
public enum BenchmarkError: Error, CustomStringConvertible, Equatable {
    /// The mode needs a device and none was found or asked for.
    case noDevice(mode: String, reason: String)
    /// The working set does not fit the device in a mode that cannot page.
    case doesNotFit(mode: String, needed: Int, budget: Int)
    /// A data file holds something else than the benchmark writes.
    case badData(path: String, found: String)

    public var description: String {
        switch self {
        case .noDevice(let mode, let reason):
            "mode \(mode) needs a device: \(reason)"
        case .doesNotFit(let mode, let needed, let budget):
            "mode \(mode) keeps all data on the device and needs \(needed) bytes, but the budget is \(budget)"
                + " bytes (mode bach pages data through a smaller budget)"
        case .badData(let path, let found):
            "\(path): expected one column of numbers, found a column of \(found) (delete the file to rewrite it)"
        }
    }
}
