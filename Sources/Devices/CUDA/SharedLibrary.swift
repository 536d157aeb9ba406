#if canImport(Glibc)
    import Glibc
#endif

/// A shared library opened at run time with `dlopen`, so that nothing is linked at build time and
/// the package builds and runs where the library is absent.
struct SharedLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// Where the loader found the library (from `/proc/self/maps`), or the name it was opened by.
    let path: String

    /// Opens the first of `names` that loads; throws naming every attempt's error.
    init(anyOf names: [String]) throws(DeviceError) {
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) {
                self.handle = handle
                path = SharedLibrary.loadedPath(matching: name) ?? name
                return
            }
            reasons.append(String(cString: dlerror()))
        }
        throw .libraryMissing(library: names[0], reason: reasons.joined(separator: "; "))
    }

    /// The function `name` as the C function type `F`.
    func function<F>(_ name: String, as _: F.Type = F.self) throws(DeviceError) -> F {
        guard let address = dlsym(handle, name) else {
            throw .libraryMissing(library: path, reason: "it has no symbol \(name)")
        }
        return unsafeBitCast(address, to: F.self)
    }

    /// The file of a loaded library whose name starts like `name` (up to `.so`).
    static func loadedPath(matching name: String) -> String? {
        guard let stem = name.split(separator: ".").first, let file = fopen("/proc/self/maps", "r") else {
            return nil
        }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(nullTerminated: line).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let slash = text.firstIndex(of: "/") else { continue }
            let path = String(text[slash...])
            if path.split(separator: "/").last?.hasPrefix(stem + ".so") == true { return path }
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing white space.
    func trimmingCharacters(in _: WhiteSpace) -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }

    /// White space, for `trimmingCharacters(in:)`.
    enum WhiteSpace {
        case whitespacesAndNewlines
    }
}
