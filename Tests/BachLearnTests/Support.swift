import BachRuntime
import Devices
import NDArrays

/// A runtime on a simulated device of `memory` bytes.
func simulatedRuntime(memory: Int = 1 << 30, cpuOnly: Set<String> = []) throws -> (Bach, SimulatedDevice) {
    let device = try SimulatedDevice(memory: memory)
    var options = Bach.Options()
    options.cpuOnlyCalls = cpuOnly
    return (Bach(device: device, options: options), device)
}

/// Whether `a` and `b` have one shape and agree elementwise within `tolerance` relative to
/// max(1, |value|).
func agree(_ a: NDArray<Double>, _ b: NDArray<Double>, tolerance: Double) -> Bool {
    a.shape == b.shape
        && zip(a.scalars, b.scalars).allSatisfy { x, y in
            Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(x), Swift.abs(y))
        }
}

/// Where each call of the last evaluation ran, by name (the last placement of a name wins).
func placements(_ bach: Bach) -> [String: Backend] {
    var result: [String: Backend] = [:]
    for stage in bach.counters.stages {
        for call in stage.calls { result[call.name] = call.backend }
    }
    return result
}
