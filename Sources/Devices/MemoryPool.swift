/// A caching allocator over a device, as PyTorch's: buffers given back are kept and handed out
/// again for requests of the same rounded size, so that batch after batch reuses memory instead of
/// allocating and freeing it.
///
/// Reuse is stream-ordered: a buffer given back by work on stream S is reused only for work on S,
/// where issue order already guarantees the earlier work is done with it. When the device is out of
/// memory, the pool synchronises the streams holding cached buffers, frees the cache and retries
/// once; if that fails too, the `outOfMemory` error reaches the caller (the runtime then plans
/// smaller batches).
public final class MemoryPool: Sendable {
    /// The device memory is allocated on.
    public let device: any Device
    private let cache = Locked<[Key: [DeviceBuffer]]>([:])
    private let streams = Locked<[Int: DeviceStream]>([:])

    private struct Key: Hashable {
        let stream: Int
        let bytes: Int
    }

    public init(device: any Device) {
        self.device = device
    }

    /// Sizes are rounded up to whole multiples of this many bytes so that batches of nearly equal
    /// length share buffers.
    public static let granularity = 512

    /// Memory for work on `stream`: a cached buffer if one of the rounded size is free, else new.
    public func allocate(_ bytes: Int, for stream: DeviceStream) throws(DeviceError) -> DeviceBuffer {
        let rounded = Swift.max(1, (bytes + Self.granularity - 1) / Self.granularity) * Self.granularity
        let key = Key(stream: stream.index, bytes: rounded)
        if let cached = cache.withLock({ $0[key]?.popLast() }) { return cached }
        streams.withLock { $0[stream.index] = stream }
        do {
            return try device.allocate(rounded)
        } catch .outOfMemory {
            try releaseCached()
            return try device.allocate(rounded)
        }
    }

    /// Takes back a buffer that work on `stream` no longer needs (work already issued may still
    /// be using it; only later work on the same stream will get it).
    public func recycle(_ buffer: DeviceBuffer, from stream: DeviceStream) {
        cache.withLock { $0[Key(stream: stream.index, bytes: buffer.bytes), default: []].append(buffer) }
    }

    /// Waits for the streams that used cached buffers, then frees every cached buffer.
    public func releaseCached() throws(DeviceError) {
        let held = cache.withLock { cache in
            defer { cache.removeAll() }
            return cache
        }
        let known = streams.withLock { $0 }
        for stream in Set(held.keys.map(\.stream)) {
            if let handle = known[stream] { try device.synchronize(handle) }
        }
        for buffer in held.values.joined() { device.free(buffer) }
    }
}
