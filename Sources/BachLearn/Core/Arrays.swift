import GPUArrays
import NDArrays

/// `array` copied to the device in `context` (the copy is issued to its stream).
func upload<S: GPUScalar & NDScalar>(_ array: NDArray<S>, _ context: GPUContext) throws -> GPUArray<S> {
    try array.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: array.shape, in: context) }
}

/// `array` copied to the host, waiting for the work that produces it.
func download<S: GPUScalar & NDScalar>(_ array: GPUArray<S>) throws -> NDArray<S> {
    var host = NDArray<S>.empty(array.shape)
    try host.withUnsafeMutableBufferPointer { try array.copy(to: $0) }
    return host
}
