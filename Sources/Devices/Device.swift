/// A compute device the runtime and the GPU libraries drive: memory with a budget, streams that run
/// copies and kernels in order, events to order streams against each other and the host, and
/// pinned host memory for asynchronous copies.
///
/// The protocol follows CUDA's model so that `CUDADevice` maps onto it call for call, and
/// `SimulatedDevice` implements the same contract on the host, with a hard memory budget, deferred
/// stream execution and a log, so that CI can test every planner and executor behaviour without a
/// GPU. Operations on a stream run in issue order, asynchronously to the host: a host buffer passed
/// to a copy must stay valid and unchanged (source) or unread (destination) until an event
/// recorded after the copy has completed.
///
/// ```swift
/// let device: any Device = try DeviceChoice.simulated.open(budget: 1 << 20)!  // or .cuda
/// let stream = try device.makeStream()
/// let buffer = try device.allocate(4096 * 8)
/// let input = [Double](repeating: 2, count: 4096)
/// var output = [Double](repeating: 0, count: 4096)
/// try input.withUnsafeBytes { bytes in
///     try device.copy(from: bytes.baseAddress!, to: buffer, offset: 0, bytes: bytes.count, on: stream)
/// }
/// try output.withUnsafeMutableBytes { bytes in
///     try device.copy(from: buffer, offset: 0, to: bytes.baseAddress!, bytes: bytes.count, on: stream)
/// }
/// try device.synchronize(stream)  // only now may `output` be read
/// device.free(buffer)
/// ```
///
/// GPU libraries (GPUArrays) wrap this in arrays that allocate from a `MemoryPool` on a stream.
public protocol Device: AnyObject, Sendable {
    /// What the device is.
    var properties: DeviceProperties { get }

    /// Byte counts and launches since the last `resetCounters()`; live and peak memory.
    var counters: DeviceCounters { get }

    /// Zeroes the transfer and launch counts and sets the peak to the bytes live now.
    func resetCounters()

    /// Device memory of `bytes` bytes; throws `DeviceError.outOfMemory` past the budget.
    func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer

    /// Returns memory from `allocate`. The caller guarantees no stream still uses it.
    func free(_ buffer: DeviceBuffer)

    /// Page-locked host memory, which copies can read and write asynchronously.
    func allocateHost(_ bytes: Int) throws(DeviceError) -> HostBuffer

    /// Returns memory from `allocateHost`.
    func freeHost(_ buffer: HostBuffer)

    /// A new stream: operations issued to it run in order, concurrently with other streams. It is
    /// destroyed when the last reference to it goes away (work issued to it still completes).
    func makeStream() throws(DeviceError) -> DeviceStream

    /// Copies `bytes` bytes from host memory to `destination + offset`, asynchronously when the
    /// host memory is pinned.
    func copy(
        from source: UnsafeRawPointer, to destination: DeviceBuffer, offset: Int, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError)

    /// Copies `bytes` bytes from `source + offset` to host memory, asynchronously when the host
    /// memory is pinned.
    func copy(
        from source: DeviceBuffer, offset: Int, to destination: UnsafeMutableRawPointer, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError)

    /// Copies `bytes` bytes between device buffers.
    func copy(
        from source: DeviceBuffer, offset sourceOffset: Int, to destination: DeviceBuffer,
        offset destinationOffset: Int, bytes: Int, on stream: DeviceStream
    ) throws(DeviceError)

    /// Runs `kernel` over `count` elements (one thread per element on a GPU).
    func launch(
        _ kernel: any Kernel, count: Int, arguments: [KernelArgument], on stream: DeviceStream
    ) throws(DeviceError)

    /// A new event, to be recorded on a stream; destroyed when the last reference goes away.
    func makeEvent() throws(DeviceError) -> DeviceEvent

    /// Marks the point in `stream` that `event` stands for.
    func record(_ event: DeviceEvent, on stream: DeviceStream) throws(DeviceError)

    /// Makes later work on `stream` wait until `event` has completed.
    func wait(_ stream: DeviceStream, for event: DeviceEvent) throws(DeviceError)

    /// Blocks the host until `event` has completed.
    func synchronize(_ event: DeviceEvent) throws(DeviceError)

    /// Blocks the host until all work issued to `stream` has completed.
    func synchronize(_ stream: DeviceStream) throws(DeviceError)

    /// Compiles and loads `kernels` now, so that their first launch does not pay for it (the
    /// runtime calls this before a stage's first batch). Devices that need no compilation do
    /// nothing.
    func prepare(_ kernels: [any Kernel]) throws(DeviceError)

    /// Matrix products and a symmetric eigensolver on this device's memory, issued to its streams
    /// (cuBLAS and cuSOLVER on CUDA), or `libraryMissing` naming what could not be loaded.
    var linearAlgebra: any DeviceLinearAlgebra { get throws(DeviceError) }
}

/// What a device is: its name, memory, and the compute capability kernels are compiled for.
public struct DeviceProperties: Sendable, Equatable, CustomStringConvertible {
    /// Which implementation drives the device.
    public enum Kind: String, Sendable {
        case cuda, simulated
    }

    public let kind: Kind
    public let name: String
    /// Memory the device has, in bytes.
    public let totalMemory: Int
    /// Memory this process may use, in bytes: the smaller of the device's free memory (less a
    /// margin) and any budget the user set.
    public let memoryBudget: Int
    /// Major and minor compute capability (0.0 on the simulated device).
    public let computeCapability: (major: Int, minor: Int)
    /// Engines that copy concurrently with kernels (1 or 2 on NVIDIA GPUs).
    public let copyEngines: Int

    public init(
        kind: Kind, name: String, totalMemory: Int, memoryBudget: Int,
        computeCapability: (major: Int, minor: Int), copyEngines: Int
    ) {
        self.kind = kind
        self.name = name
        self.totalMemory = totalMemory
        self.memoryBudget = memoryBudget
        self.computeCapability = computeCapability
        self.copyEngines = copyEngines
    }

    public static func == (a: DeviceProperties, b: DeviceProperties) -> Bool {
        a.kind == b.kind && a.name == b.name && a.totalMemory == b.totalMemory
            && a.memoryBudget == b.memoryBudget && a.computeCapability == b.computeCapability
            && a.copyEngines == b.copyEngines
    }

    public var description: String {
        "\(name) (\(kind.rawValue), \(formatBytes(totalMemory)), budget \(formatBytes(memoryBudget)), "
            + "compute capability \(computeCapability.major).\(computeCapability.minor), "
            + "\(copyEngines) copy engine\(copyEngines == 1 ? "" : "s"))"
    }
}

/// Bytes as a short human-readable string: `512 B`, `1.5 MiB`, `80.0 GiB`.
public func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : "\((value * 10).rounded() / 10) \(units[unit])"
}
