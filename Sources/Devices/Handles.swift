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
///
/// A stream is destroyed when the last reference to it goes away, never earlier: whatever still
/// refers to it (an array whose work was issued to it, a memory pool caching buffers for it) keeps
/// it valid. Work already issued completes either way, as CUDA's `cuStreamDestroy` promises.
public final class DeviceStream: @unchecked Sendable {
    /// The driver's handle (a `CUstream`), or the simulated stream's index.
    public let handle: UInt
    /// A short index, unique per device, for logs.
    public let index: Int
    /// What the work issued next is for.
    public var label: String = ""
    private let release: @Sendable () -> Void

    /// A stream with `handle`; `release` destroys it on the device once nothing refers to it.
    public init(handle: UInt, index: Int, release: @escaping @Sendable () -> Void) {
        self.handle = handle
        self.index = index
        self.release = release
    }

    deinit { release() }
}

/// A point in a stream's work, destroyed on the device when the last reference goes away.
public final class DeviceEvent: @unchecked Sendable {
    /// The driver's handle (a `CUevent`), or the simulated event's index.
    public let handle: UInt
    private let release: @Sendable () -> Void

    /// An event with `handle`; `release` destroys it on the device once nothing refers to it.
    public init(handle: UInt, release: @escaping @Sendable () -> Void) {
        self.handle = handle
        self.release = release
    }

    deinit { release() }
}
