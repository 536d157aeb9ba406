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

    /// Copies host memory to the device and waits for the copy: the slow path of split types that
    /// are not contiguous (the executor stages contiguous values itself).
    public func upload(_ bytes: UnsafeRawBufferPointer, to buffer: DeviceBuffer, offset: Int = 0)
        throws(DeviceError)
    {
        if bytes.isEmpty { return }
        try device.copy(from: bytes.baseAddress!, to: buffer, offset: offset, bytes: bytes.count, on: stream)
    }

    /// Copies device memory to the host, waiting until it has arrived.
    public func download(
        _ buffer: DeviceBuffer, offset: Int = 0, into bytes: UnsafeMutableRawBufferPointer
    ) throws(DeviceError) {
        if bytes.isEmpty { return }
        try device.copy(from: buffer, offset: offset, to: bytes.baseAddress!, bytes: bytes.count, on: stream)
        try device.synchronize(stream)
    }
}
