import Devices

/// The device, stream and memory pool that work for one batch is issued to, handed to split types
/// for transfers and to GPU implementations for their kernels.
public final class TransferContext: Sendable {
    /// The device.
    public let device: any Device
    /// The stream of the batch in flight.
    public let stream: DeviceStream
    /// The allocator device values of the batch come from.
    public let pool: MemoryPool

    public init(device: any Device, stream: DeviceStream, pool: MemoryPool) {
        self.device = device
        self.stream = stream
        self.pool = pool
    }

    /// Device memory for this batch's work.
    public func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer {
        try pool.allocate(bytes, for: stream)
    }
}
