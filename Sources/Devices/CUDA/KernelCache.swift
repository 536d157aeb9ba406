#if canImport(Glibc)
    import Glibc
#endif

/// Compiled kernel images on disk, so that a process does not compile again what an earlier one
/// compiled (NVRTC takes ~50 ms per kernel). An entry is keyed by a hash of the kernel's source and
/// of the compiler's identity (architecture, NVRTC version and library file), and holds that key's
/// full text beside the image: a hash collision or a changed compiler is a miss, never a wrong
/// kernel. Entries are written to a temporary file and renamed, so concurrent processes never read
/// half an entry. The cache is an optimisation: any failure to read or write it is a miss.
struct KernelCache: Sendable {
    /// The folder entries live in, or nil when caching is off.
    let folder: String?

    /// The environment variable naming the folder (or `off`).
    static let environment = "BACH_KERNEL_CACHE"

    /// The folder from `BACH_KERNEL_CACHE`, else `$XDG_CACHE_HOME/bach/kernels`, else
    /// `~/.cache/bach/kernels`; `BACH_KERNEL_CACHE=off` turns caching off.
    static func standard() -> KernelCache {
        func variable(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if let chosen = variable(environment) {
            return KernelCache(folder: chosen == "off" ? nil : chosen)
        }
        if let base = variable("XDG_CACHE_HOME") { return KernelCache(folder: base + "/bach/kernels") }
        if let home = variable("HOME") { return KernelCache(folder: home + "/.cache/bach/kernels") }
        return KernelCache(folder: nil)
    }

    private static let magic = Array("BACHKC01".utf8)

    /// The image cached for `source` compiled by `compiler`, or nil.
    func image(for source: String, compiler: String) -> [UInt8]? {
        guard let path = path(for: source, compiler: compiler), let file = fopen(path, "rb") else {
            return nil
        }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let size = ftell(file)
        fseek(file, 0, SEEK_SET)
        guard size > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        guard fread(&bytes, 1, size, file) == size else { return nil }
        let header = Self.header(source: source, compiler: compiler)
        guard bytes.count > header.count, bytes.starts(with: header) else { return nil }
        return Array(bytes[header.count...])
    }

    /// Stores `image` for `source` compiled by `compiler`.
    func store(_ image: [UInt8], for source: String, compiler: String) {
        guard let folder, let path = path(for: source, compiler: compiler), makeFolders(folder) else {
            return
        }
        let temporary = path + ".\(getpid()).\(UInt(pthread_self())).tmp"
        guard let file = fopen(temporary, "wb") else { return }
        let bytes = Self.header(source: source, compiler: compiler) + image
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        if written == bytes.count && closed == 0 && rename(temporary, path) == 0 { return }
        unlink(temporary)
    }

    private func path(for source: String, compiler: String) -> String? {
        folder.map { "\($0)/\(fnv1a64(compiler + "\u{0}" + source)).kernel" }
    }

    /// The magic, then the key's full text with its length.
    private static func header(source: String, compiler: String) -> [UInt8] {
        let key = Array((compiler + "\u{0}" + source).utf8)
        return magic + withUnsafeBytes(of: UInt64(key.count).littleEndian) { Array($0) } + key
    }

    /// Creates `folder` and its parents; whether it exists now.
    private func makeFolders(_ folder: String) -> Bool {
        var partial = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}

/// The 64-bit FNV-1a hash of `text`, as 16 hex digits.
func fnv1a64(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
