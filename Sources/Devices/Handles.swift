/// Device memory: an address on the device (a `CUdeviceptr`, or a host address on the simulated
/// device) and its size. A value: freeing is the owner's job (see `MemoryPool`).
public struct DeviceBuffer: Sendable, Hashable {
    /// The device address of the first byte.
    public let address: UInt
    /// The size in bytes.
    public let bytes: Int

    public init(address: UInt, bytes: Int) {
        self.address = address
        self.bytes = bytes
    }
}

/// Page-locked host memory from `Device.allocateHost`.
public struct HostBuffer: @unchecked Sendable, Hashable {
    /// The first byte.
    public let pointer: UnsafeMutableRawPointer
    /// The size in bytes.
    public let bytes: Int

    public init(pointer: UnsafeMutableRawPointer, bytes: Int) {
        self.pointer = pointer
        self.bytes = bytes
    }
}

/// A queue of device work. `label` is recorded with each operation issued to it (the executor sets
/// it to the batch it is issuing), so that a device log can say which batch an operation served.
public final class DeviceStream: @unchecked Sendable {
    /// The driver's handle (a `CUstream`), or the simulated stream's index.
    public let handle: UInt
    /// A short index, unique per device, for logs.
    public let index: Int
    /// What the work issued next is for.
    public var label: String = ""

    public init(handle: UInt, index: Int) {
        self.handle = handle
        self.index = index
    }
}

/// A point in a stream's work.
public final class DeviceEvent: @unchecked Sendable {
    /// The driver's handle (a `CUevent`), or the simulated event's index.
    public let handle: UInt

    public init(handle: UInt) {
        self.handle = handle
    }
}
