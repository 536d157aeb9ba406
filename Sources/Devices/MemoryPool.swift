/// A caching allocator over a device, as PyTorch's: buffers given back are kept and handed out
/// again for requests of the same rounded size, so that batch after batch reuses memory instead of
/// allocating and freeing it.
///
/// Reuse is stream-ordered: a buffer given back by work on stream S is reused only for work on S,
/// where issue order already guarantees the earlier work is done with it. When the device is out of
/// memory, the pool synchronises the streams holding cached buffers, frees the cache and retries
/// once; if that fails too, the `outOfMemory` error reaches the caller (the runtime then plans
/// smaller batches). Cached buffers are freed when the pool goes away.
public final class MemoryPool: Sendable {
    /// The device memory is allocated on.
    public let device: any Device
    /// Free buffers by the index of the stream that last used them, each list sorted by size.
    private let cache = Locked<[Int: [DeviceBuffer]]>([:])
    private let streams = Locked<[Int: DeviceStream]>([:])

    public init(device: any Device) {
        self.device = device
    }

    deinit {
        try? releaseCached()
    }

    /// Device bytes the pool holds for reuse (allocated on the device, but free for new work).
    public var cachedBytes: Int {
        cache.withLock { $0.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.bytes } } }
    }

    /// Sizes are rounded up to whole multiples of this many bytes so that batches of nearly equal
    /// length share buffers.
    public static let granularity = 512

    /// Memory for work on `stream`: the smallest cached buffer of the stream that holds the rounded
    /// size without wasting more than half of itself (so that a stage's shorter last batch reuses
    /// a full batch's buffer), else a new one.
    public func allocate(_ bytes: Int, for stream: DeviceStream) throws(DeviceError) -> DeviceBuffer {
        let rounded = Swift.max(1, (bytes + Self.granularity - 1) / Self.granularity) * Self.granularity
        let cached = cache.withLock { cache -> DeviceBuffer? in
            guard let index = cache[stream.index]?.firstIndex(where: { $0.bytes >= rounded }),
                cache[stream.index]![index].bytes <= 2 * rounded
            else { return nil }
            return cache[stream.index]!.remove(at: index)
        }
        if let cached { return cached }
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
        streams.withLock { $0[stream.index] = stream }
        cache.withLock { cache in
            var list = cache[stream.index, default: []]
            list.insert(buffer, at: list.firstIndex { $0.bytes >= buffer.bytes } ?? list.endIndex)
            cache[stream.index] = list
        }
    }

    /// Waits for the streams that used cached buffers, then frees every cached buffer.
    public func releaseCached() throws(DeviceError) {
        let held = cache.withLock { cache in
            defer { cache.removeAll() }
            return cache
        }
        let known = streams.withLock { $0 }
        for stream in held.keys {
            if let handle = known[stream] { try device.synchronize(handle) }
        }
        for buffer in held.values.joined() { device.free(buffer) }
    }
}
