import Devices
import GPUArrays
import NDArrays

/// A context on a fresh simulated device of `memory` bytes.
func simulatedContext(memory: Int = 1 << 30) throws -> GPUContext {
    try GPUContext(device: try SimulatedDevice(memory: memory))
}

/// `array` copied to the device.
func upload<S: GPUScalar & NDScalar>(_ array: NDArray<S>, _ context: GPUContext) throws -> GPUArray<S> {
    try array.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: array.shape, in: context) }
}

/// `array` copied back to the host.
func download<S: GPUScalar & NDScalar>(_ array: GPUArray<S>) throws -> NDArray<S> {
    var host = NDArray<S>.empty(array.shape)
    try host.withUnsafeMutableBufferPointer { try array.copy(to: $0) }
    return host
}

/// Whether `a` and `b` have one shape and agree elementwise within `tolerance` relative to
/// max(1, |value|).
func agree(_ a: NDArray<Double>, _ b: NDArray<Double>, tolerance: Double) -> Bool {
    a.shape == b.shape
        && zip(a.scalars, b.scalars).allSatisfy { x, y in
            Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(x), Swift.abs(y))
        }
}
