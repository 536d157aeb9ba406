import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The process's connection to CUDA: the driver and NVRTC libraries, the first GPU's primary
/// context, and the kernels loaded into it. Every `CUDADevice` of the process shares it, so a
/// kernel is compiled and loaded once per process however many devices (budgets) are opened, and
/// once per machine with the on-disk cache.
final class CUDASession: @unchecked Sendable {
    let driver: DriverAPI
    let compiler: NVRTC
    let context: OpaquePointer?
    let name: String
    let totalMemory: Int
    let computeCapability: (major: Int, minor: Int)
    let copyEngines: Int
    private let cache = KernelCache.standard()
    private let loaded = Locked<[String: LoadedKernel]>([:])
    private let libraries: CUDALibraries
    private let libraryHandles = Locked<CUDALibraryHandles?>(nil)

    /// One kernel's module and entry point, loaded at most once (later callers wait for the first).
    private final class LoadedKernel: @unchecked Sendable {
        let function = Locked<OpaquePointer?>(nil)
    }

    private static let opened = Locked<[CUDALibraries: CUDASession]>([:])

    /// The session of this process over `libraries`, opening it on first use. Throws naming what is
    /// missing: the driver, NVRTC, or a device. A failed open is retried by the next call.
    static func shared(_ libraries: CUDALibraries) throws(DeviceError) -> CUDASession {
        try opened.withLock { sessions throws(DeviceError) in
            if let session = sessions[libraries] { return session }
            let created = try CUDASession(libraries)
            sessions[libraries] = created
            return created
        }
    }

    private init(_ libraries: CUDALibraries) throws(DeviceError) {
        self.libraries = libraries
        driver = try DriverAPI(file: libraries.driver)
        compiler = try NVRTC(file: libraries.nvrtc)
        try driver.check(driver.cuInit(0), "cuInit")
        var count: Int32 = 0
        try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
        guard count > 0 else { throw .noDevice(reason: "the CUDA driver reports no device") }
        var ordinal: Int32 = 0
        try driver.check(driver.cuDeviceGet(&ordinal, 0), "cuDeviceGet")
        var context: OpaquePointer?
        try driver.check(driver.cuDevicePrimaryCtxRetain(&context, ordinal), "cuDevicePrimaryCtxRetain")
        self.context = context
        var text = [CChar](repeating: 0, count: 256)
        try driver.check(driver.cuDeviceGetName(&text, Int32(text.count), ordinal), "cuDeviceGetName")
        name = String(nullTerminated: text)
        var total = 0
        try driver.check(driver.cuDeviceTotalMem(&total, ordinal), "cuDeviceTotalMem")
        totalMemory = total
        let major = try Self.attribute(CUDAConstant.Attribute.computeCapabilityMajor, driver, ordinal)
        let minor = try Self.attribute(CUDAConstant.Attribute.computeCapabilityMinor, driver, ordinal)
        computeCapability = (major, minor)
        copyEngines = try Self.attribute(CUDAConstant.Attribute.asyncEngineCount, driver, ordinal)
    }

    private static func attribute(_ id: Int32, _ driver: DriverAPI, _ ordinal: Int32) throws(DeviceError)
        -> Int
    {
        var value: Int32 = 0
        try driver.check(driver.cuDeviceGetAttribute(&value, id, ordinal), "cuDeviceGetAttribute(\(id))")
        return Int(value)
    }

    /// Makes the context current on the calling thread (CUDA contexts are current per thread).
    func bind() throws(DeviceError) {
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
    }

    /// cuBLAS and cuSOLVER with their handles, loaded on first use; a failed load is retried by
    /// the next call.
    func linearAlgebra() throws(DeviceError) -> CUDALibraryHandles {
        try libraryHandles.withLock { handles throws(DeviceError) in
            if let handles { return handles }
            let created = try CUDALibraryHandles(session: self, libraries: libraries)
            handles = created
            return created
        }
    }

    /// Free and total device memory now.
    func memoryInfo() throws(DeviceError) -> (free: Int, total: Int) {
        try bind()
        var (free, total) = (0, 0)
        try driver.check(driver.cuMemGetInfo(&free, &total), "cuMemGetInfo")
        return (free, total)
    }

    /// What identifies the compiler's output: the architecture, NVRTC's version and file.
    var compilerIdentity: String {
        "sm_\(computeCapability.major)\(computeCapability.minor) nvrtc \(compiler.versionString) "
            + compiler.library.path
    }

    /// The entry point of `kernel`, compiling (or reading from the disk cache) and loading its
    /// module on first use. Concurrent first uses of one kernel compile it once.
    func function(for kernel: any Kernel) throws(DeviceError) -> OpaquePointer {
        let entry = loaded.withLock { loaded in
            if let entry = loaded[kernel.name] { return entry }
            let entry = LoadedKernel()
            loaded[kernel.name] = entry
            return entry
        }
        return try entry.function.withLock { function throws(DeviceError) in
            if let function { return function }
            let loadedFunction = try load(kernel)
            function = loadedFunction
            return loadedFunction
        }
    }

    /// Compiles (or finds cached) and loads `kernel`'s module; unloads it again if the entry point
    /// is missing.
    private func load(_ kernel: any Kernel) throws(DeviceError) -> OpaquePointer {
        let source = kernel.cudaSource
        let identity = compilerIdentity
        let image: [UInt8]
        if let cached = cache.image(for: source, compiler: identity) {
            image = cached
        } else {
            image = try compiler.compile(
                source, name: kernel.name, major: computeCapability.major, minor: computeCapability.minor
            ).image
            cache.store(image, for: source, compiler: identity)
        }
        try bind()
        var module: OpaquePointer?
        let status = image.withUnsafeBytes { driver.cuModuleLoadData(&module, $0.baseAddress) }
        try driver.check(status, "cuModuleLoadData(\(kernel.name))")
        var function: OpaquePointer?
        do {
            try driver.check(
                driver.cuModuleGetFunction(&function, module, kernel.name),
                "cuModuleGetFunction(\(kernel.name))")
        } catch {
            _ = driver.cuModuleUnload(module)
            throw error
        }
        return function!
    }

    /// Loads every kernel of `kernels` not loaded yet, compiling them in parallel.
    func prepare(_ kernels: [any Kernel]) throws(DeviceError) {
        var seen = Set<String>()
        let missing = kernels.filter { kernel in
            seen.insert(kernel.name).inserted
                && loaded.withLock { $0[kernel.name] }.map { $0.function.withLock { $0 == nil } } ?? true
        }
        if missing.isEmpty { return }
        let failure = Locked<DeviceError?>(nil)
        let work = UnsafeSendable(missing)
        DispatchQueue.concurrentPerform(iterations: missing.count) { index in
            do throws(DeviceError) {
                _ = try function(for: work.value[index])
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// Carries values into `concurrentPerform` whose workers only read them.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
