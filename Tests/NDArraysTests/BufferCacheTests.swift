import Foundation
import Testing

@testable import NDArrays

/// The cache of freed large buffers: reuse of exact sizes, the byte limit, eviction oldest first,
/// and arrays built on reused buffers holding their own values.
struct BufferCacheTests {
    /// Sizes no array buffer has (those are whole 2 MiB pages), so only these tests use them.
    static let sizes = [1, 2, 3].map { BufferCache.minimumBytes + $0 * 24 }

    static func buffer(_ bytes: Int) -> UnsafeMutableRawPointer { malloc(bytes)! }

    @Test func aGivenBufferIsTakenBackOnceForItsExactSize() {
        let cache = BufferCache(limit: 64 << 20)
        let buffer = Self.buffer(Self.sizes[0])
        cache.give(buffer, bytes: Self.sizes[0])
        #expect(cache.cachedBytes == Self.sizes[0])
        #expect(cache.take(bytes: Self.sizes[1]) == nil)
        #expect(cache.take(bytes: Self.sizes[0]) == buffer)
        #expect(cache.take(bytes: Self.sizes[0]) == nil)
        #expect(cache.cachedBytes == 0)
        free(buffer)
    }

    @Test func smallBuffersAndBuffersOverTheLimitAreFreed() {
        let cache = BufferCache(limit: Self.sizes[0])
        cache.give(Self.buffer(4096), bytes: 4096)
        cache.give(Self.buffer(Self.sizes[1]), bytes: Self.sizes[1])
        #expect(cache.cachedBytes == 0)
        #expect(cache.take(bytes: 4096) == nil)
        #expect(cache.take(bytes: Self.sizes[1]) == nil)
    }

    @Test func theOldestBuffersGoFirstWhenTheLimitIsReached() {
        let cache = BufferCache(limit: Self.sizes[1] + Self.sizes[2])
        let buffers = Self.sizes.map(Self.buffer)
        for (buffer, bytes) in zip(buffers, Self.sizes) { cache.give(buffer, bytes: bytes) }
        #expect(cache.cachedBytes == Self.sizes[1] + Self.sizes[2])
        #expect(cache.take(bytes: Self.sizes[0]) == nil)
        cache.limit = Self.sizes[2]
        #expect(cache.cachedBytes == Self.sizes[2])
        #expect(cache.take(bytes: Self.sizes[1]) == nil)
        #expect(cache.take(bytes: Self.sizes[2]) == buffers[2])
        free(buffers[2])
    }

    @Test func releaseEmptiesTheCache() {
        let cache = BufferCache(limit: 64 << 20)
        cache.give(Self.buffer(Self.sizes[0]), bytes: Self.sizes[0])
        cache.give(Self.buffer(Self.sizes[1]), bytes: Self.sizes[1])
        cache.release()
        #expect(cache.cachedBytes == 0)
        #expect(cache.take(bytes: Self.sizes[0]) == nil)
    }

    /// A large array's buffer, freed with the array, is the next array's of the same size, and the
    /// new array holds its own values, not the old ones.
    @Test func arraysReuseFreedBuffersWithTheirOwnValues() {
        guard BufferCache.shared.limit >= 64 << 20 else { return }
        let count = (26 << 20) / 4 - 5
        var first: NDArray<Int32>? = NDArray<Int32>.full([count], 7)
        let address = first!.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        first = nil
        let second = NDArray<Int32>.zeros([count])
        let reused = second.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        #expect(reused == address)
        #expect(second.withUnsafeBufferPointer { $0.allSatisfy { $0 == 0 } })
    }
}
