/// The sizes `bach all` runs each benchmark at, in log2 of the number of elements (the seed's
/// `run.py -s`).
///
/// `.seed` is the sweep of the seed's `benchmarks/run_all.sh` (offload-annotations, last version):
/// every size from the benchmark's start to the mode's end in steps of one, the gpu mode ending
/// earlier where the whole working set had to fit the paper's 16 GB P100. `.quick` is two small
/// sizes for every benchmark and mode (2^10 and 2^12, or the seed's first size and two doublings
/// above it where that is smaller), so that the whole sweep takes seconds (CI). A cap (`--max-size`)
/// drops larger sizes, for machines with less memory than the paper's 512 GB server.
///
/// ```swift
/// SizeSweep.seed.log2Sizes(.haversineTorch, .gpu)        // [20, 21, …, 28]
/// SizeSweep(.seed, maximum: 24).log2Sizes(.haversineTorch, .cpu)   // [20, …, 24]
/// ```
public struct SizeSweep: Equatable, Sendable {
    /// Which sizes.
    public enum Kind: Equatable, Sendable {
        /// The seed's `run_all.sh`.
        case seed
        /// Two small sizes per benchmark (seconds for everything).
        case quick
    }

    /// The seed's sweep or the quick one.
    public var kind: Kind
    /// The largest log2 size to run, if capped.
    public var maximum: Int?

    /// The sizes of `kind`, none above 2^`maximum` if given.
    public init(_ kind: Kind, maximum: Int? = nil) {
        self.kind = kind
        self.maximum = maximum
    }

    /// The seed's sweep, uncapped.
    public static let seed = SizeSweep(.seed)
    /// The quick sweep.
    public static let quick = SizeSweep(.quick)

    /// The log2 sizes for `benchmark` in `mode`, smallest first.
    public func log2Sizes(_ benchmark: Benchmark, _ mode: Mode) -> [Int] {
        let sizes: [Int] =
            switch kind {
            case .seed: Array(Self.seedRange(benchmark, mode))
            case .quick: Self.quickSizes(benchmark)
            }
        guard let maximum else { return sizes }
        return sizes.filter { $0 <= maximum }
    }

    /// 2^10 and 2^12, or the seed's first size and 4 times it where the seed starts lower.
    static func quickSizes(_ benchmark: Benchmark) -> [Int] {
        let first = Swift.min(10, seedRange(benchmark, .cpu).lowerBound)
        return [first, first + 2]
    }

    /// The range of `seq $start 1 $end` in the seed's `run_all.sh` for `benchmark` and `mode`.
    public static func seedRange(_ benchmark: Benchmark, _ mode: Mode) -> ClosedRange<Int> {
        switch (benchmark, mode) {
        case (.blackscholesTorch, .gpu), (.blackscholesCupy, .gpu): 16...27
        case (.blackscholesTorch, _), (.blackscholesCupy, _): 16...31
        case (.crimeIndex, .gpu): 13...27
        case (.crimeIndex, _): 13...31
        case (.haversineTorch, .gpu), (.haversineCupy, .gpu): 20...28
        case (.haversineTorch, _), (.haversineCupy, _): 20...32
        case (.dbscan, .cpu): 8...16
        case (.dbscan, .gpu): 8...22
        case (.dbscan, .bach): 8...21
        case (.pca, .cpu): 4...18
        case (.pca, .gpu): 4...12
        case (.pca, .bach): 4...19
        case (.tsvd, .cpu): 10...22
        case (.tsvd, _): 10...20
        }
    }
}
