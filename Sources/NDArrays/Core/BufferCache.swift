import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Large array buffers that have been freed, kept for the next array of the same size.
///
/// A fresh buffer from the kernel costs a page fault, and the zeroing of a page, the first time
/// each page is written: on a virtual machine that is slower than the arithmetic of a whole fused
/// pass (on the project's 2-core box, writing 128 MiB of fresh memory takes about 0.15 s, writing
/// it again 0.02 s). Programs that compute arrays of the same size again and again (a loop over
/// batches, a benchmark's trials) therefore keep buffers of 4 MiB or more here when their last
/// array goes away, up to `limit` bytes, and reuse them instead of asking the kernel for new ones.
/// Smaller buffers go straight back to `malloc`, which keeps them itself.
///
/// Cached buffers hold stale values; every NDArrays constructor writes all elements of an array
/// it hands out (except `empty`, whose elements are documented as unset), so nothing can read
/// them. The oldest buffers are freed first when the cache is full.
///
/// ```swift
/// BufferCache.shared.limit = 0    // free every buffer at once, as plain malloc would
/// BufferCache.shared.release()    // give the cached buffers back to the system now
/// ```
public final class BufferCache: Sendable {
    /// The cache of NDArrays' buffers.
    public static let shared = BufferCache(limit: defaultLimit)

    /// Buffers of at least this many bytes are cached.
    public static let minimumBytes = 4 << 20

    private struct State {
        /// Cached buffers, oldest first: their addresses and sizes in bytes.
        var buffers: [(address: Int, bytes: Int)] = []
        var bytes = 0
        var limit: Int
    }

    private let state: Mutex<State>

    /// An empty cache that keeps up to `limit` bytes.
    public init(limit: Int) {
        state = Mutex(State(limit: Swift.max(0, limit)))
    }

    deinit { release() }

    /// The most bytes kept; for `shared`, by default a sixteenth of the machine's memory, or the
    /// value of the environment variable `NDARRAYS_BUFFER_CACHE` (bytes; 0 turns caching off).
    /// Lowering it frees the oldest buffers until the cache fits.
    public var limit: Int {
        get { state.withLock { $0.limit } }
        set {
            let freed = state.withLock { state in
                state.limit = Swift.max(0, newValue)
                return Self.evict(&state, toFit: 0)
            }
            freed.forEach(Self.freeAddress)
        }
    }

    /// The bytes the cache holds now.
    public var cachedBytes: Int { state.withLock { $0.bytes } }

    /// Frees every cached buffer.
    public func release() {
        let freed = state.withLock { state in
            let addresses = state.buffers.map(\.address)
            state.buffers = []
            state.bytes = 0
            return addresses
        }
        freed.forEach(Self.freeAddress)
    }

    /// A cached buffer of exactly `bytes` bytes, taken out of the cache, or nil.
    func take(bytes: Int) -> UnsafeMutableRawPointer? {
        guard bytes >= Self.minimumBytes else { return nil }
        let address: Int? = state.withLock { state in
            guard let index = state.buffers.lastIndex(where: { $0.bytes == bytes }) else { return nil }
            state.bytes -= bytes
            return state.buffers.remove(at: index).address
        }
        return address.flatMap(UnsafeMutableRawPointer.init(bitPattern:))
    }

    /// Keeps `buffer` (from `malloc` or `posix_memalign`, `bytes` long) for reuse, or frees it
    /// when it is too small or does not fit the limit.
    func give(_ buffer: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= Self.minimumBytes else { return free(buffer) }
        let address = Int(bitPattern: buffer)
        let freed: [Int] = state.withLock { state in
            guard bytes <= state.limit else { return [address] }
            let evicted = Self.evict(&state, toFit: bytes)
            state.buffers.append((address, bytes))
            state.bytes += bytes
            return evicted
        }
        freed.forEach(Self.freeAddress)
    }

    /// Removes the oldest buffers until `bytes` more fit under the limit; returns their addresses
    /// (freed by the caller, outside the lock).
    private static func evict(_ state: inout State, toFit bytes: Int) -> [Int] {
        var evicted: [Int] = []
        while !state.buffers.isEmpty, state.bytes + bytes > state.limit {
            let oldest = state.buffers.removeFirst()
            state.bytes -= oldest.bytes
            evicted.append(oldest.address)
        }
        return evicted
    }

    private static func freeAddress(_ address: Int) {
        free(UnsafeMutableRawPointer(bitPattern: address))
    }

    private static var defaultLimit: Int {
        if let text = getenv("NDARRAYS_BUFFER_CACHE"), let value = Int(String(cString: text)), value >= 0 {
            return value
        }
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && pageSize > 0 ? pages * pageSize / 16 : 0
    }
}
