#if canImport(Glibc)
    import Glibc
#endif

/// Run-time compilation of CUDA C with NVRTC, to a CUBIN for the device's architecture (PTX for
/// the JIT where the NVRTC in use cannot emit a CUBIN).
struct NVRTC: @unchecked Sendable {
    typealias Result = Int32
    let library: SharedLibrary

    private let create:
        @convention(c) (
            UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>, UnsafePointer<CChar>?, Int32,
            UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?
        ) -> Result
    private let compile:
        @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    private let destroy: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Result
    private let logSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result
    private let log: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result
    private let ptxSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result
    private let ptx: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result
    private let cubinSize: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result)?
    private let cubin: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result)?
    private let errorString: @convention(c) (Result) -> UnsafePointer<CChar>?
    private let version: @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result

    /// The environment variable naming the NVRTC library to load instead of the loader's.
    static let environment = "BACH_NVRTC"
    /// Library names tried in order: the unversioned development link, then CUDA 13, 12 and 11.
    static let names = ["libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"]

    /// The builtins library NVRTC loads by name when it compiles, opened here from NVRTC's own
    /// folder when the loader would not find it there (NVRTC installed outside the loader's path,
    /// e.g. by pip): its path, or nil when none was needed or found.
    let builtins: String?

    /// Loads `file`, or the loader's `libnvrtc.so` when nil.
    init(file: String?) throws(DeviceError) {
        library = try SharedLibrary(
            file: file, environment: Self.environment, anyOf: Self.names, symbol: "nvrtcVersion")
        builtins = library.folder.flatMap(Self.loadBuiltins(in:))
        create = try library.function("nvrtcCreateProgram")
        compile = try library.function("nvrtcCompileProgram")
        destroy = try library.function("nvrtcDestroyProgram")
        logSize = try library.function("nvrtcGetProgramLogSize")
        log = try library.function("nvrtcGetProgramLog")
        ptxSize = try library.function("nvrtcGetPTXSize")
        ptx = try library.function("nvrtcGetPTX")
        cubinSize = try? library.function("nvrtcGetCUBINSize")
        cubin = try? library.function("nvrtcGetCUBIN")
        errorString = try library.function("nvrtcGetErrorString")
        version = try library.function("nvrtcVersion")
    }

    /// Opens every `libnvrtc-builtins.so*` in `folder` globally, so that NVRTC's own `dlopen` of
    /// the builtins by name finds the loaded copy.
    private static func loadBuiltins(in folder: String) -> String? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var loaded: String?
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix("libnvrtc-builtins.so") else { continue }
            let path = folder + "/" + name
            if dlopen(path, RTLD_NOW | RTLD_GLOBAL) != nil { loaded = path }
        }
        return loaded
    }

    /// NVRTC's version, e.g. "13.0".
    var versionString: String {
        var (major, minor) = (Int32(0), Int32(0))
        _ = version(&major, &minor)
        return "\(major).\(minor)"
    }

    /// The compiled image of `source` for compute capability `major.minor`, ready for
    /// `cuModuleLoadData`, and the compiler's log (warnings; empty for a clean compile).
    func compile(_ source: String, name: String, major: Int, minor: Int) throws(DeviceError) -> (
        image: [UInt8], log: String
    ) {
        var program: OpaquePointer?
        try check(create(&program, source, name + ".cu", 0, nil, nil), "nvrtcCreateProgram")
        defer { _ = destroy(&program) }
        let binary = cubin != nil && cubinSize != nil
        let options = [
            binary ? "--gpu-architecture=sm_\(major)\(minor)" : "--gpu-architecture=compute_\(major)\(minor)",
            "--std=c++17", "-default-device",
            // No fused multiply-adds: arithmetic then rounds as IEEE prescribes, as on the CPU.
            "--fmad=false",
        ]
        let status = withCStrings(options) { pointers in compile(program, Int32(options.count), pointers) }
        var logBytes = 0
        _ = logSize(program, &logBytes)
        var text = [CChar](repeating: 0, count: Swift.max(logBytes, 1))
        _ = log(program, &text)
        let messages = String(nullTerminated: text)
        if status != 0 {
            let reason = errorString(status).map { String(cString: $0) } ?? "code \(status)"
            throw .compilationFailed(kernel: name, log: "\(reason)\n\(messages)")
        }
        var size = 0
        var image: [CChar]
        if binary, let cubinSize, let cubin {
            try check(cubinSize(program, &size), "nvrtcGetCUBINSize")
            image = [CChar](repeating: 0, count: size)
            try check(cubin(program, &image), "nvrtcGetCUBIN")
        } else {
            try check(ptxSize(program, &size), "nvrtcGetPTXSize")
            image = [CChar](repeating: 0, count: size)
            try check(ptx(program, &image), "nvrtcGetPTX")
        }
        return (image.map { UInt8(bitPattern: $0) }, messages)
    }

    private func check(_ result: Result, _ call: String) throws(DeviceError) {
        if result == 0 { return }
        let message = errorString(result).map { String(cString: $0) } ?? "unknown NVRTC error"
        throw .callFailed(call: call, code: Int(result), message: message)
    }
}

/// Calls `body` with C strings of `strings`, valid during the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
