/// A kernel in two bodies: CUDA C for a GPU, and a host function for the simulated device. Both
/// come from one description (see GPUArrays' expression IR), so the simulated device runs the
/// same computation the GPU would.
///
/// CUDA convention: the entry point is `extern "C" __global__ void <name>(...)` over `count`
/// elements, with parameters in the order of `arguments` followed by `long long count`; it is
/// launched with one thread per element, grid-stride style, so any grid size is correct.
public protocol Kernel: Sendable {
    /// The entry point's name, unique per distinct kernel (it keys the compiled-module cache).
    var name: String { get }
    /// A complete CUDA C translation unit defining the entry point.
    var cudaSource: String { get }
    /// Runs the kernel on the host: buffers are host addresses (the simulated device's memory).
    func runOnHost(_ arguments: [KernelArgument], count: Int)

    /// How many blocks of how many threads a GPU launch over `count` elements uses.
    func grid(for count: Int) -> (blocks: Int, threads: Int)
}

extension Kernel {
    /// One thread per element in blocks of 256, at most 65,535 blocks (the loops are grid-stride).
    public func grid(for count: Int) -> (blocks: Int, threads: Int) {
        (Swift.max(1, Swift.min(65_535, (count + 255) / 256)), 256)
    }
}

/// One kernel parameter.
public enum KernelArgument: Sendable, Hashable {
    /// Device memory (passed as a pointer to the byte at `offset`).
    case buffer(DeviceBuffer, offset: Int)
    case int64(Int64)
    case int32(Int32)
    case float64(Double)
    case float32(Float)

    /// The address a buffer argument points to.
    public var address: UInt? {
        if case .buffer(let buffer, let offset) = self { return buffer.address + UInt(offset) }
        return nil
    }
}
