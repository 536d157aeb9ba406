#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of a CSV document, followed by at least `padding` zero bytes so that the scanner
/// may load a word at any position before the end.
///
/// Files are mapped, not read: the kernel pages them in as the parser's threads touch them, so a
/// file larger than memory can be indexed and read in row ranges. The mapping sits at the start of
/// a larger anonymous zero mapping, which provides the padding even when the file's length is a
/// multiple of the page size.
final class CSVDocument: @unchecked Sendable {
    /// Zero bytes guaranteed after the last byte.
    static let padding = 64

    /// The first byte.
    let bytes: UnsafePointer<UInt8>
    /// The number of bytes, padding not included.
    let count: Int
    private let mapping: (base: UnsafeMutableRawPointer, length: Int)?

    /// Maps the file at `path`.
    init(path: String) throws(CSVError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.reason()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, reason: Self.reason()) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .cannotOpen(path: path, reason: "expected a regular file, found another kind of file")
        }
        count = Int(status.st_size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = (count + page - 1) / page * page + page
        guard let region = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            region != MAP_FAILED
        else { throw .cannotOpen(path: path, reason: Self.reason()) }
        if count > 0 {
            let file = mmap(region, count, PROT_READ, MAP_PRIVATE | MAP_FIXED, descriptor, 0)
            guard file == region else {
                let reason = Self.reason()
                munmap(region, length)
                throw .cannotOpen(path: path, reason: reason)
            }
            _ = madvise(region, count, MADV_SEQUENTIAL)
        }
        mapping = (region, length)
        bytes = UnsafePointer(region.assumingMemoryBound(to: UInt8.self))
    }

    /// Copies `data` into a padded buffer.
    init(bytes data: some Collection<UInt8>) {
        count = data.count
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: count + Self.padding)
        _ = UnsafeMutableBufferPointer(start: buffer, count: count).initialize(from: data)
        (buffer + count).initialize(repeating: 0, count: Self.padding)
        bytes = UnsafePointer(buffer)
        mapping = nil
    }

    deinit {
        if let mapping {
            munmap(mapping.base, mapping.length)
        } else {
            UnsafeMutablePointer(mutating: bytes).deallocate()
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}
