#if canImport(Glibc)
    import Glibc
#endif

/// Buffers for parsed values, allocated as NDArrays allocates its own: buffers of 4 MiB or more
/// are aligned to 2 MiB and offered to the kernel as transparent huge pages. A chunk of a large
/// file fills tens of megabytes; with 4 KiB pages the page faults alone cost as much as parsing.
enum ChunkMemory {
    private static let hugePageThreshold = 4 << 20
    private static let hugePageSize = 2 << 20

    /// `bytes` uninitialised bytes (at least one), to be released with `free`.
    static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let size = Swift.max(bytes, 1)
        let huge = size >= hugePageThreshold
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, huge ? hugePageSize : 64, size) == 0, let raw else {
            fatalError("Frames: out of memory allocating \(size) bytes")
        }
        #if canImport(Glibc)
            if huge { _ = madvise(raw, size, MADV_HUGEPAGE) }
        #endif
        return raw
    }

    /// A buffer of `newBytes` holding the first `keptBytes` of `old`, which is released.
    static func grow(_ old: UnsafeMutableRawPointer?, keeping keptBytes: Int, to newBytes: Int)
        -> UnsafeMutableRawPointer
    {
        let fresh = allocate(newBytes)
        if let old {
            fresh.copyMemory(from: old, byteCount: keptBytes)
            free(old)
        }
        return fresh
    }
}
