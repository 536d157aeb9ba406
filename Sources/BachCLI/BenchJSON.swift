import Workloads

/// The `--json` line of `bach bench`: the keys DESIGN.md fixes, then the runtime's stages.
enum BenchJSON {
    static func encode(_ report: BenchmarkReport) -> String {
        let configuration = report.configuration
        let device = report.deviceCounters
        var fields: [(String, String)] = [
            ("benchmark", quote(configuration.benchmark.name)),
            ("mode", quote(configuration.mode.rawValue)),
            ("size", "\(configuration.size)"),
            ("device", quote(report.device)),
            ("trials", "\(configuration.trials)"),
            ("median_init_s", "\(report.medianInit)"),
            ("median_runtime_s", "\(report.medianRuntime)"),
            ("median_total_s", "\(report.medianTotal)"),
            ("validation", quote(report.valid ? "ok" : report.validation)),
            ("batches", "\(report.runtime?.batches ?? 0)"),
            ("bytes_to_device", "\(device.bytesToDevice)"),
            ("bytes_from_device", "\(device.bytesFromDevice)"),
            ("peak_device_bytes", "\(device.peakBytes)"),
            ("device_live_bytes_after", "\(report.deviceLiveBytesAfter)"),
            ("force_cpu", "\(configuration.forceCPU)"),
            ("gpu_memory", configuration.gpuMemory.map { "\($0)" } ?? "null"),
            ("fusion", "\(configuration.fusion)"),
            ("kernel_launches", "\(device.kernelLaunches)"),
            ("fused_calls", "\(report.runtime?.fusedCalls ?? 0)"),
            ("median_data_s", "\(report.medianData)"),
            ("init_s", "[\(report.initTimes.map { "\($0)" }.joined(separator: ","))]"),
            ("runtime_s", "[\(report.runtimes.map { "\($0)" }.joined(separator: ","))]"),
        ]
        if let stages = report.runtime?.stages {
            fields.append(("stages", "[\(stages.map { quote($0.description) }.joined(separator: ","))]"))
        }
        return "{" + fields.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `text` as a JSON string.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
