import BachRuntime
import Devices

/// What both fuzzers check of the runtime besides the values a program computes.
enum RuntimeChecks {
    /// Adds to `coverage` what `runtime`'s evaluations exercised: stages with a call on the
    /// device and their batches, stages that fell back to the CPU, calls that ran fused.
    static func record(_ runtime: Bach, into coverage: inout Fuzzer.Coverage) {
        let stages = runtime.counters.stages
        for stage in stages where stage.calls.contains(where: { $0.backend == .gpu }) {
            coverage.deviceStages += 1
            coverage.batches += stage.batches
        }
        coverage.fallbacks += stages.filter { $0.fallback != nil }.count
        coverage.fusedCalls += runtime.counters.fusedCalls
    }

    /// On CUDA, a stage that fell back to the CPU (every program fits the device there), or nil.
    static func fallback(_ runtime: Bach, cuda: Bool) -> String? {
        guard cuda, let stage = runtime.counters.stages.first(where: { $0.fallback != nil }) else {
            return nil
        }
        return "a stage fell back to the CPU on CUDA (\(stage))"
    }

    /// Device memory still held by values after evaluation, or still allocated once `runtime` has
    /// released its cache, or nil when `device` is back to nothing.
    static func leftOver(_ runtime: Bach, on device: any Device) throws -> String? {
        let held = device.counters.liveBytes - runtime.cachedDeviceBytes
        if held != 0 { return "\(held) device bytes still held by values after evaluation" }
        try runtime.releaseDeviceMemory()
        let live = device.counters.liveBytes
        if live != 0 { return "\(live) device bytes still allocated after releasing the cache" }
        return nil
    }
}
