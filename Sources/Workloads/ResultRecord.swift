/// One line of a results file, read back: a run of ours (`bach bench --json`, `bach all`) or of a
/// peer (`python3 scripts/peers.py --json`), reduced to what the sweep and the report need.
///
/// ```swift
/// let record = try ResultRecord(line: #"{"benchmark": "haversine", "library": "numpy", "size": 1024, "#
///     + #""median_runtime_s": 0.002, "validation": "reference"}"#)
/// record.series   // "numpy"
/// record.isPeer   // true
/// ```
public struct ResultRecord: Equatable, Sendable {
    /// The benchmark's name: ours (`blackscholes_torch`) or the peer script's (`blackscholes`).
    public var benchmark: String
    /// The mode of our runs (`cpu`, `gpu`, `bach`) with the options that change what it measures
    /// (`bach no-fusion`, `bach force-cpu`, `gpu budget 64 MiB`), the library of a peer's (`numpy`,
    /// `torch`, …): runs of one series are comparable, so their trials may be pooled.
    public var series: String
    /// Whether the line comes from the peer script.
    public var isPeer: Bool
    /// Elements.
    public var size: Int
    /// The device our run used, as `bach bench` names it (nil for peers and error lines).
    public var device: String?
    /// Seconds per trial that the report takes medians of: init plus runtime for our runs (the
    /// seed's "Median Total"), runtime alone for a peer (whose init is creating the inputs, which
    /// our runs leave out as the seed does). Lines without per-trial times give their median as
    /// one value. Empty for a run that failed.
    public var times: [Double]
    /// "ok" (or a peer's "reference"), else what went wrong.
    public var validation: String

    /// Whether the run was validated (a peer that served as the others' reference counts).
    public var isValid: Bool {
        !times.isEmpty && (validation == "ok" || (isPeer && validation == "reference"))
    }

    /// The record `line` holds, or an error saying which key is missing or malformed.
    public init(line: String) throws(ResultsError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            throw .malformedLine("not JSON, \(error)")
        }
        guard case .object = value else {
            throw .malformedLine("expected a JSON object, found \(line.prefix(20))")
        }
        func text(_ key: String) throws(ResultsError) -> String {
            guard let text = value[key]?.string else {
                throw .malformedLine("expected a string '\(key)', found \(Self.describe(value[key]))")
            }
            return text
        }
        benchmark = try text("benchmark")
        isPeer = value["library"] != nil
        if isPeer {
            series = try text("library")
        } else {
            series = Self.series(
                mode: try text("mode"), forceCPU: value["force_cpu"] == .bool(true),
                fusion: value["fusion"] != .bool(false), inMemory: value["in_memory"] == .bool(true),
                gpuMemory: value["gpu_memory"]?.number.map { Int($0) })
        }
        guard let elements = value["size"]?.number, elements >= 1, elements < 9.2e18,
            elements.rounded() == elements
        else {
            throw .malformedLine("expected a positive whole 'size', found \(Self.describe(value["size"]))")
        }
        size = Int(elements)
        validation = try text("validation")
        times = try Self.times(value, isPeer: isPeer)
        device = isPeer || times.isEmpty ? nil : value["device"]?.string
    }

    /// The record of one of our runs or a peer's, as the report's tests and callers build them.
    public init(
        benchmark: String, series: String, isPeer: Bool = false, size: Int, times: [Double],
        validation: String, device: String? = nil
    ) {
        self.benchmark = benchmark
        self.series = series
        self.isPeer = isPeer
        self.size = size
        self.times = times
        self.validation = validation
        self.device = device
    }

    /// The series of our runs in `mode` with these options: the mode, then `force-cpu`,
    /// `no-fusion` and `in-memory` (bach), then `budget …` (gpu and bach), the options of
    /// `bach bench` that change what a run measures.
    public static func series(
        mode: String, forceCPU: Bool = false, fusion: Bool = true, inMemory: Bool = false,
        gpuMemory: Int? = nil
    )
        -> String
    {
        var words = [mode]
        if mode == Mode.bach.rawValue && forceCPU { words.append("force-cpu") }
        if mode == Mode.bach.rawValue && !fusion { words.append("no-fusion") }
        if mode == Mode.bach.rawValue && inMemory { words.append("in-memory") }
        if mode != Mode.cpu.rawValue, let gpuMemory { words.append("budget " + bytes(gpuMemory)) }
        return words.joined(separator: " ")
    }

    /// `bytes` in the largest of GiB, MiB and KiB that divides it, else in bytes.
    private static func bytes(_ bytes: Int) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) B"
    }

    private static func times(_ value: JSONValue, isPeer: Bool) throws(ResultsError) -> [Double] {
        let medianKey = isPeer ? "median_runtime_s" : "median_total_s"
        guard let median = value[medianKey] else {
            throw .malformedLine("expected a number '\(medianKey)', found nothing")
        }
        if case .null = median { return [] }
        guard let median = median.number, median.isFinite, median >= 0 else {
            throw .malformedLine("expected a number '\(medianKey)' of seconds, found \(describe(median))")
        }
        if !isPeer, let runtimes = numbers(value["runtime_s"]), let inits = numbers(value["init_s"]),
            runtimes.count == inits.count, !runtimes.isEmpty
        {
            return zip(inits, runtimes).map { $0 + $1 }
        }
        return [median]
    }

    private static func numbers(_ value: JSONValue?) -> [Double]? {
        guard let elements = value?.array else { return nil }
        let numbers = elements.compactMap(\.number)
        return numbers.count == elements.count && numbers.allSatisfy({ $0.isFinite && $0 >= 0 })
            ? numbers : nil
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case nil: "nothing"
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "\(number)"
        case .string(let text): JSONValue.quote(text)
        case .array: "an array"
        case .object: "an object"
        }
    }
}
