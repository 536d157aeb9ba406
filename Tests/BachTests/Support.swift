import Testing
import BachRuntime
import Devices
import NDArrays

@testable import BachNumeric

/// A runtime on a simulated device of `memory` bytes (8 GiB by default) and the device.
func simulatedRuntime(memory: Int = 8 << 30, inFlight: Int = 3) -> (Bach, SimulatedDevice) {
    let device = try! SimulatedDevice(memory: memory)
    return (Bach(device: device, options: Bach.Options(inFlight: inFlight)), device)
}

/// Uniform doubles in [low, high).
func uniform(_ n: Int, _ low: Double = -1, _ high: Double = 1, seed: UInt64 = 1) -> NDArray<Double> {
    NDArray<Double>.uniform([n], low: low, high: high, seed: seed)
}

/// Whether `a` and `b` agree elementwise within `relative` of the larger magnitude, or of 1 for
/// values below 1 (where sums that cancel make relative errors meaningless). NaNs are equal.
func agree(_ a: NDArray<Double>, _ b: NDArray<Double>, relative: Double) -> Bool {
    a.shape == b.shape
        && zip(a.scalars, b.scalars).allSatisfy { x, y in
            x == y || x.isNaN && y.isNaN
                || Swift.abs(x - y) <= relative * Swift.max(1, Swift.abs(x), Swift.abs(y))
        }
}

/// A call annotated for the CPU only (the seed's `sa`): elementwise `-a`.
func negateOnCPU(_ a: LazyArray<Double>) -> LazyArray<Double> {
    let annotation = Annotation.split(
        "negateOnCPU", infer: ElementwiseAnnotation.inference(.unary(.negative), Double.self, hasOut: false),
        cpu: { pieces, _ in NDArrays.negative(try pieces.take(0, as: NDArray<Double>.self)) })
    return LazyArray(a.runtime.record(annotation, [.lazy(a.handle)]))
}

/// Checks that no value holds device memory after an evaluation (only the runtime's cache does),
/// and that releasing the cache returns the device to no live bytes at all.
func expectDeviceMemoryReturned(
    _ bach: Bach, _ device: SimulatedDevice, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(
        device.counters.liveBytes == bach.cachedDeviceBytes, "only the cache holds device memory",
        sourceLocation: sourceLocation)
    try bach.releaseDeviceMemory()
    #expect(device.counters.liveBytes == 0, "releasing the cache frees it", sourceLocation: sourceLocation)
    #expect(device.counters.pinnedBytes == 0, "and the pinned staging memory", sourceLocation: sourceLocation)
}
