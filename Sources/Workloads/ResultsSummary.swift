/// `bach report`, the seed's `parse.sh`: the median time per benchmark, mode (or peer library) and
/// size, from the records of a results folder.
///
/// The median is taken over every trial of every valid line for that benchmark, series and size
/// (a line without per-trial times counts as one trial at its median), so a size measured twice
/// pools both runs. Our runs count init plus runtime (the seed's "Median Total"); peers count their
/// runtime, since their init creates the inputs, which ours leave out as the seed does. A peer of
/// workload `blackscholes` joins every benchmark named `blackscholes` or `blackscholes_…`.
///
/// ```swift
/// let (summary, warnings) = try ResultsSummary.load(ResultsFolder(path: "results"))
/// print(summary.markdown())
/// ```
public struct ResultsSummary: Sendable {
    /// One benchmark: its series, ours first (cpu, gpu, bach), then the peers by name.
    public struct Group: Sendable {
        /// Our benchmark's name, or a peer's workload that none of ours joins.
        public var benchmark: String
        /// Its series in the order of tables and legends.
        public var series: [Series]
    }

    /// One line of a chart, one column of a table.
    public struct Series: Sendable {
        /// The mode or the peer's library.
        public var name: String
        /// Whether the series is a peer's (drawn dashed, labelled "(peer)").
        public var isPeer: Bool
        /// One point per size, smallest first.
        public var points: [Point]

        /// The name to show: the mode, or the library followed by "(peer)".
        public var label: String { isPeer ? "\(name) (peer)" : name }
    }

    /// The result at one size.
    public struct Point: Equatable, Sendable {
        /// Elements.
        public var size: Int
        /// The median seconds, or nil if every run at this size failed.
        public var median: Double?
        /// How many trials the median is over.
        public var trials: Int
        /// Why the last failed run failed, when no run at this size was valid.
        public var failure: String?
    }

    /// The benchmarks, in the seed's order, then any other names alphabetically.
    public var groups: [Group]
    /// One line for each series whose valid runs were made on more than one device (their trials
    /// are pooled all the same: keep one results folder per machine).
    public var mixedDevices: [String] = []

    /// The summary of `records`.
    public init(records: [ResultRecord]) {
        var names = Set(records.filter { !$0.isPeer }.map(\.benchmark))
        for peer in records
        where peer.isPeer && !names.contains(where: { Self.peer(peer.benchmark, joins: $0) }) {
            names.insert(peer.benchmark)
        }
        let seedOrder = Benchmark.allCases.map(\.name)
        let ordered = names.sorted { left, right in
            let (l, r) = (
                seedOrder.firstIndex(of: left) ?? seedOrder.count,
                seedOrder.firstIndex(of: right) ?? seedOrder.count
            )
            return l != r ? l < r : left < right
        }
        groups = []
        for name in ordered {
            let mine = records.filter {
                $0.isPeer ? Self.peer($0.benchmark, joins: name) : $0.benchmark == name
            }
            var keys: [(name: String, isPeer: Bool)] = []
            for record in mine where !keys.contains(where: { $0 == (record.series, record.isPeer) }) {
                keys.append((record.series, record.isPeer))
            }
            keys.sort(by: Self.precedes)
            let series = keys.map { key in
                let runs = mine.filter { $0.series == key.name && $0.isPeer == key.isPeer }
                let devices = Set(runs.filter(\.isValid).compactMap(\.device)).sorted()
                if devices.count > 1 {
                    mixedDevices.append(
                        "\(name) \(key.name) pools runs on \(devices.joined(separator: " and "))")
                }
                return Series(name: key.name, isPeer: key.isPeer, points: Self.points(runs))
            }
            groups.append(Group(benchmark: name, series: series))
        }
    }

    /// Ours before peers; ours by mode in the order cpu, gpu, bach, then by the options after it.
    private static func precedes(_ left: (name: String, isPeer: Bool), _ right: (name: String, isPeer: Bool))
        -> Bool
    {
        if left.isPeer != right.isPeer { return !left.isPeer }
        let modes = Mode.allCases.map(\.rawValue)
        func rank(_ name: String) -> Int {
            modes.firstIndex(of: String(name.prefix { $0 != " " })) ?? modes.count
        }
        let (l, r) = (rank(left.name), rank(right.name))
        return l != r ? l < r : left.name < right.name
    }

    /// The summary of every `.jsonl` file in `folder`, and a warning for each line that could not be
    /// read (it is left out).
    public static func load(_ folder: ResultsFolder) throws(ResultsError) -> (
        ResultsSummary, warnings: [String]
    ) {
        var records: [ResultRecord] = []
        var warnings: [String] = []
        for file in try folder.files() {
            let (read, unreadable) = try folder.records(in: file)
            records += read
            warnings += unreadable
        }
        return (ResultsSummary(records: records), warnings)
    }

    /// The summary as markdown: per benchmark, a table of median seconds with a row per size and a
    /// column per series ("–" where a series has no run at that size, "failed" where every run failed).
    public func markdown() -> String {
        var lines: [String] = []
        for group in groups {
            lines.append("## \(group.benchmark)")
            lines.append("")
            lines.append(
                "Median seconds per size: init + runtime for our modes, runtime for peers; over every valid trial."
            )
            lines.append("")
            lines.append("| size | " + group.series.map(\.label).joined(separator: " | ") + " |")
            lines.append("|---:|" + String(repeating: "---:|", count: group.series.count))
            let sizes = Set(group.series.flatMap { $0.points.map(\.size) }).sorted()
            for size in sizes {
                let cells = group.series.map { series -> String in
                    guard let point = series.points.first(where: { $0.size == size }) else { return "–" }
                    return point.median.map { Seconds.text($0) } ?? "failed"
                }
                lines.append("| \(Self.sizeLabel(size)) | " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// `2^k` for a power of two, else the number.
    public static func sizeLabel(_ size: Int) -> String {
        size > 0 && size & (size - 1) == 0 ? "2^\(size.trailingZeroBitCount)" : "\(size)"
    }

    /// Whether a peer's workload `peer` belongs to our benchmark `name`.
    static func peer(_ peer: String, joins name: String) -> Bool {
        name == peer || name.hasPrefix(peer + "_")
    }

    private static func points(_ records: [ResultRecord]) -> [Point] {
        Set(records.map(\.size)).sorted().map { size in
            let here = records.filter { $0.size == size }
            let times = here.filter(\.isValid).flatMap(\.times)
            if times.isEmpty {
                return Point(size: size, median: nil, trials: 0, failure: here.last?.validation)
            }
            return Point(size: size, median: median(times), trials: times.count, failure: nil)
        }
    }
}
