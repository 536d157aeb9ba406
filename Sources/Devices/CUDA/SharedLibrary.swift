#if canImport(Glibc)
    import Glibc
#endif

/// A shared library opened at run time with `dlopen`, so that nothing is linked at build time and
/// the package builds and runs where the library is absent.
struct SharedLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// Where the loader found the library (from `/proc/self/maps`), or the name it was opened by.
    let path: String

    /// Opens exactly `file` when given (users with CUDA outside the loader's path, and tests with
    /// the CUDA double, need this), else the first of `names` that loads. `variable` is the
    /// environment variable users set to choose the file, for messages. `symbol`, one of the
    /// library's functions, locates the file loaded. Throws naming every attempt's error.
    init(file: String?, environment variable: String, anyOf names: [String], symbol: String)
        throws(DeviceError)
    {
        if let file {
            guard let handle = dlopen(file, RTLD_NOW | RTLD_GLOBAL) else {
                throw .libraryMissing(
                    library: file, reason: "\(variable)=\(file): \(String(cString: dlerror()))")
            }
            self.handle = handle
            path = SharedLibrary.loadedPath(of: handle, symbol: symbol) ?? file
            return
        }
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) {
                self.handle = handle
                path = SharedLibrary.loadedPath(of: handle, symbol: symbol) ?? name
                return
            }
            reasons.append(String(cString: dlerror()))
        }
        throw .libraryMissing(
            library: names[0], reason: reasons.joined(separator: "; ") + " (or set \(variable) to its path)")
    }

    /// The function `name` as the C function type `F`.
    func function<F>(_ name: String, as _: F.Type = F.self) throws(DeviceError) -> F {
        guard let address = dlsym(handle, name) else {
            throw .libraryMissing(library: path, reason: "it has no symbol \(name)")
        }
        return unsafeBitCast(address, to: F.self)
    }

    /// The folder the library was loaded from, or nil when unknown.
    var folder: String? {
        guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// The file the loader mapped for `handle`: the mapping in `/proc/self/maps` that holds
    /// `symbol`, or nil.
    static func loadedPath(of handle: UnsafeMutableRawPointer, symbol: String) -> String? {
        guard let address = dlsym(handle, symbol).map({ UInt(bitPattern: $0) }),
            let file = fopen("/proc/self/maps", "r")
        else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(nullTerminated: line)
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            let bounds = fields.first?.split(separator: "-").compactMap { UInt($0, radix: 16) } ?? []
            guard bounds.count == 2, (bounds[0]..<bounds[1]).contains(address), fields.count >= 6 else {
                continue
            }
            let path = fields[5...].joined(separator: " ").filter { $0 != "\n" }
            return path.hasPrefix("/") ? path : nil
        }
        return nil
    }
}

extension String {
    /// The text of a NUL-terminated C buffer.
    init(nullTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
