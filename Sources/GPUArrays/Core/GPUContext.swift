import Devices

/// Where GPU work goes: a device, the stream work is issued to, and the memory pool arrays are
/// allocated from. Arrays remember their context; operations run on the context of their output.
///
/// Work is asynchronous: call `synchronize()` before reading results on the host (the download
/// functions do it for you).
public final class GPUContext: Sendable {
    /// The device.
    public let device: any Device
    /// The stream operations are issued to.
    public let stream: DeviceStream
    /// The allocator arrays draw from.
    public let pool: MemoryPool

    /// A context on `device` with a new stream and a pool of its own.
    public convenience init(device: any Device) throws(DeviceError) {
        try self.init(device: device, stream: device.makeStream(), pool: MemoryPool(device: device))
    }

    /// A context issuing to `stream` and allocating from `pool` (the runtime's executor uses one per
    /// batch in flight).
    public init(device: any Device, stream: DeviceStream, pool: MemoryPool) {
        self.device = device
        self.stream = stream
        self.pool = pool
    }

    /// The context operations run in when one is set (see `using`): their kernels go to its stream
    /// and their results to its pool, whatever the contexts of their operands.
    @TaskLocal public static var current: GPUContext?

    /// Runs `body` with every GPU operation it performs issued to this context: how a runtime
    /// keeps one batch's work on that batch's stream, ordered after the operands' own streams.
    public func using<R>(_ body: () throws -> R) rethrows -> R {
        try GPUContext.$current.withValue(self) { try body() }
    }

    /// Makes this context's stream wait for the work already issued to the streams of `others`
    /// (an event recorded on each, waited for here), so that work issued next reads their results.
    /// Throws when one of them lives on another device.
    public func order(after others: [GPUContext]) throws(DeviceError) {
        for other in others where other.stream !== stream {
            guard other.device === device else {
                throw .invalidHandle("operands live on different devices")
            }
            let event = try device.makeEvent()
            try device.record(event, on: other.stream)
            try device.wait(stream, for: event)
        }
    }

    /// Waits until every operation issued to this context's stream has completed.
    public func synchronize() throws(DeviceError) {
        try device.synchronize(stream)
    }

    /// Waits for outstanding work, then returns cached memory to the device.
    public func releaseMemory() throws(DeviceError) {
        try synchronize()
        try pool.releaseCached()
    }
}
