/// The line a run leaves in a results file: the JSON object of `bach bench --json` (the keys
/// DESIGN.md fixes, then the runtime's counters and the per-trial times), or, for a run that threw,
/// the same keys with null timings and the error in `validation`.
///
/// ```swift
/// let report = try BenchmarkRunner.run(configuration) { _ in }
/// print(ResultLine.encode(report))   // {"benchmark": "blackscholes_torch", "mode": "bach", …}
/// ```
public enum ResultLine {
    /// The JSON object for `report`, on one line.
    public static func encode(_ report: BenchmarkReport) -> String {
        let configuration = report.configuration
        let device = report.deviceCounters
        var fields: [(String, String)] = [
            ("benchmark", JSONValue.quote(configuration.benchmark.name)),
            ("mode", JSONValue.quote(configuration.mode.rawValue)),
            ("size", "\(configuration.size)"),
            ("device", JSONValue.quote(report.device)),
            ("trials", "\(configuration.trials)"),
            ("median_init_s", number(report.medianInit)),
            ("median_runtime_s", number(report.medianRuntime)),
            ("median_total_s", number(report.medianTotal)),
            ("validation", JSONValue.quote(report.valid ? "ok" : report.validation)),
            ("batches", "\(report.runtime?.batches ?? 0)"),
            ("bytes_to_device", "\(device.bytesToDevice)"),
            ("bytes_from_device", "\(device.bytesFromDevice)"),
            ("peak_device_bytes", "\(device.peakBytes)"),
            ("device_live_bytes_after", "\(report.deviceLiveBytesAfter)"),
            ("force_cpu", "\(configuration.forceCPU)"),
            ("gpu_memory", configuration.gpuMemory.map { "\($0)" } ?? "null"),
            ("fusion", "\(configuration.fusion)"),
            ("in_memory", "\(configuration.inMemory)"),
            ("kernel_launches", "\(device.kernelLaunches)"),
            ("fused_calls", "\(report.runtime?.fusedCalls ?? 0)"),
            ("median_data_s", number(report.medianData)),
            ("init_s", "[" + report.initTimes.map(number).joined(separator: ",") + "]"),
            ("runtime_s", "[" + report.runtimes.map(number).joined(separator: ",") + "]"),
        ]
        if let stages = report.runtime?.stages {
            fields.append(
                ("stages", "[" + stages.map { JSONValue.quote($0.description) }.joined(separator: ",") + "]"))
        }
        return object(fields)
    }

    /// The line for a run of `configuration` that threw `error` before it could be validated.
    public static func encodeError(_ configuration: BenchmarkConfiguration, _ error: String) -> String {
        object([
            ("benchmark", JSONValue.quote(configuration.benchmark.name)),
            ("mode", JSONValue.quote(configuration.mode.rawValue)),
            ("size", "\(configuration.size)"),
            ("device", JSONValue.quote(configuration.device.rawValue)),
            ("trials", "\(configuration.trials)"),
            ("median_init_s", "null"),
            ("median_runtime_s", "null"),
            ("median_total_s", "null"),
            ("validation", JSONValue.quote("error: " + error)),
        ])
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { JSONValue.quote($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// A finite number as Swift prints it (valid JSON), anything else as null.
    private static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }
}
