#if canImport(Glibc)
    import Glibc
#endif

/// The heap buffer behind one or more `NDArray` values: 64-byte aligned, freed with its last owner.
///
/// Arrays share a buffer until one of them is written (copy-on-write); the buffer itself is
/// mutated only through an array that holds the sole reference, which is what makes the
/// `@unchecked Sendable` sound.
///
/// Buffers of 4 MiB or more are aligned to 2 MiB and offered to the kernel for transparent huge
/// pages, as NumPy does: large arrays then cost fewer TLB misses and page faults. Freed buffers of
/// that size go to the `BufferCache`, which hands them to the next array of the same size.
@usableFromInline
final class NDStorage<Scalar: NDScalar>: @unchecked Sendable {
    /// The first element.
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// Elements the buffer holds.
    let capacity: Int

    private static var hugePageThreshold: Int { 4 << 20 }
    private static var hugePageSize: Int { 2 << 20 }

    /// Allocates room for `capacity` elements, uninitialised (every element type is trivial).
    init(capacity: Int) {
        let bytes = Self.bytes(capacity)
        if let cached = BufferCache.shared.take(bytes: bytes) {
            base = cached.bindMemory(to: Scalar.self, capacity: Swift.max(capacity, 1))
            self.capacity = capacity
            return
        }
        let huge = bytes >= Self.hugePageThreshold
        let alignment = huge ? Self.hugePageSize : 64
        var raw: UnsafeMutableRawPointer?
        if posix_memalign(&raw, alignment, bytes) != 0 {
            BufferCache.shared.release()  // cached buffers of other sizes go back before giving up
            if posix_memalign(&raw, alignment, bytes) != 0 { raw = nil }
        }
        guard let raw else {
            fatalError("NDArray: out of memory allocating \(bytes) bytes")
        }
        #if canImport(Glibc)
            if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        base = raw.bindMemory(to: Scalar.self, capacity: Swift.max(capacity, 1))
        self.capacity = capacity
    }

    /// The bytes a buffer of `capacity` elements takes: huge buffers are rounded up to whole huge
    /// pages, so that arrays of nearly the same size share cached buffers.
    private static func bytes(_ capacity: Int) -> Int {
        let bytes = Swift.max(capacity, 1) * MemoryLayout<Scalar>.stride
        return bytes >= hugePageThreshold ? (bytes + hugePageSize - 1) / hugePageSize * hugePageSize : bytes
    }

    deinit {
        BufferCache.shared.give(UnsafeMutableRawPointer(base), bytes: Self.bytes(capacity))
    }
}
