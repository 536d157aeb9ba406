import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every test of the CUDA double. The tests share one copy of the library (its state is global),
/// so they run one at a time; each begins with `DoubleLibrary.begin()` and ends with `end()`,
/// which restores the defaults.
@Suite(.serialized) enum CUDADoubleSuite {}

/// CUDA result codes (cuda.h) the tests expect.
enum CU {
    static let success: Int32 = 0
    static let invalidValue: Int32 = 1
    static let outOfMemory: Int32 = 2
    static let notInitialized: Int32 = 3
    static let invalidDevice: Int32 = 101
    static let invalidImage: Int32 = 200
    static let invalidContext: Int32 = 201
    static let noBinaryForGPU: Int32 = 209
    static let invalidHandle: Int32 = 400
    static let notFound: Int32 = 500
    static let notReady: Int32 = 600
    static let illegalAddress: Int32 = 700
    static let launchFailed: Int32 = 719
    static let notSupported: Int32 = 801
    static let unknown: Int32 = 999
}

/// NVRTC result codes (nvrtc.h).
enum NVRTCCode {
    static let success: Int32 = 0
    static let invalidInput: Int32 = 3
    static let invalidProgram: Int32 = 4
    static let invalidOption: Int32 = 5
    static let compilation: Int32 = 6
}

/// A CUDA or NVRTC call that returned an error.
struct CallFailed: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call) returned \(code), expected 0" }
}

/// Throws unless `code` is success.
func check(_ code: Int32, _ call: String) throws(CallFailed) {
    if code != 0 { throw CallFailed(call: call, code: code) }
}

/// One kernel argument as cuLaunchKernel receives it: a pointer to the value.
enum Argument {
    case pointer(UInt64)
    case int64(Int64)
    case int32(Int32)
    case float64(Double)
    case float32(Float)
}

/// The double's entry points, resolved with dlsym from a private copy of `libCUDADouble.so`
/// (found beside the test executable), so that the tests' state is theirs alone even when other
/// suites load the library itself.
final class DoubleLibrary: @unchecked Sendable {
    typealias Result = Int32
    typealias Handle = OpaquePointer?

    static let shared = DoubleLibrary()
    private static let copies = Mutex(0)

    let cuInit: @convention(c) (UInt32) -> Result
    let cuDriverGetVersion: @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    let cuGetErrorName: @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result
    let cuGetErrorString: @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result
    let cuDeviceGetCount: @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    let cuDeviceGet: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    let cuDeviceGetName: @convention(c) (UnsafeMutablePointer<CChar>, Int32, Int32) -> Result
    let cuDeviceTotalMem: @convention(c) (UnsafeMutablePointer<Int>, Int32) -> Result
    let cuDeviceGetAttribute: @convention(c) (UnsafeMutablePointer<Int32>, Int32, Int32) -> Result
    let cuDevicePrimaryCtxRetain: @convention(c) (UnsafeMutablePointer<Handle>, Int32) -> Result
    let cuDevicePrimaryCtxRelease: @convention(c) (Int32) -> Result
    let cuCtxSetCurrent: @convention(c) (Handle) -> Result
    let cuCtxGetCurrent: @convention(c) (UnsafeMutablePointer<Handle>) -> Result
    let cuCtxSynchronize: @convention(c) () -> Result
    let cuMemGetInfo: @convention(c) (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> Result
    let cuMemAlloc: @convention(c) (UnsafeMutablePointer<UInt64>, Int) -> Result
    let cuMemFree: @convention(c) (UInt64) -> Result
    let cuMemHostAlloc: @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int, UInt32) -> Result
    let cuMemFreeHost: @convention(c) (UnsafeMutableRawPointer?) -> Result
    let cuMemcpyHtoD: @convention(c) (UInt64, UnsafeRawPointer?, Int) -> Result
    let cuMemcpyDtoH: @convention(c) (UnsafeMutableRawPointer?, UInt64, Int) -> Result
    let cuMemcpyHtoDAsync: @convention(c) (UInt64, UnsafeRawPointer?, Int, Handle) -> Result
    let cuMemcpyDtoHAsync: @convention(c) (UnsafeMutableRawPointer?, UInt64, Int, Handle) -> Result
    let cuMemcpyDtoDAsync: @convention(c) (UInt64, UInt64, Int, Handle) -> Result
    let cuMemsetD8Async: @convention(c) (UInt64, UInt8, Int, Handle) -> Result
    let cuStreamCreate: @convention(c) (UnsafeMutablePointer<Handle>, UInt32) -> Result
    let cuStreamDestroy: @convention(c) (Handle) -> Result
    let cuStreamSynchronize: @convention(c) (Handle) -> Result
    let cuStreamQuery: @convention(c) (Handle) -> Result
    let cuStreamWaitEvent: @convention(c) (Handle, Handle, UInt32) -> Result
    let cuEventCreate: @convention(c) (UnsafeMutablePointer<Handle>, UInt32) -> Result
    let cuEventDestroy: @convention(c) (Handle) -> Result
    let cuEventRecord: @convention(c) (Handle, Handle) -> Result
    let cuEventSynchronize: @convention(c) (Handle) -> Result
    let cuEventQuery: @convention(c) (Handle) -> Result
    let cuModuleLoadData: @convention(c) (UnsafeMutablePointer<Handle>, UnsafeRawPointer?) -> Result
    let cuModuleUnload: @convention(c) (Handle) -> Result
    let cuModuleGetFunction:
        @convention(c) (UnsafeMutablePointer<Handle>, Handle, UnsafePointer<CChar>) -> Result
    let cuLaunchKernel:
        @convention(c) (
            Handle, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, Handle,
            UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        ) -> Result
    let nvrtcVersion: @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result
    let nvrtcGetErrorString: @convention(c) (Result) -> UnsafePointer<CChar>?
    let nvrtcCreateProgram:
        @convention(c) (
            UnsafeMutablePointer<Handle>, UnsafePointer<CChar>, UnsafePointer<CChar>?, Int32,
            UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?
        ) -> Result
    let nvrtcCompileProgram: @convention(c) (Handle, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    let nvrtcDestroyProgram: @convention(c) (UnsafeMutablePointer<Handle>) -> Result
    let nvrtcGetProgramLogSize: @convention(c) (Handle, UnsafeMutablePointer<Int>) -> Result
    let nvrtcGetProgramLog: @convention(c) (Handle, UnsafeMutablePointer<CChar>) -> Result
    let nvrtcGetPTXSize: @convention(c) (Handle, UnsafeMutablePointer<Int>) -> Result
    let nvrtcGetPTX: @convention(c) (Handle, UnsafeMutablePointer<CChar>) -> Result
    let nvrtcGetCUBINSize: @convention(c) (Handle, UnsafeMutablePointer<Int>) -> Result
    let nvrtcGetCUBIN: @convention(c) (Handle, UnsafeMutablePointer<CChar>) -> Result
    let cublasCreate: @convention(c) (UnsafeMutablePointer<Handle>) -> Result
    let cublasDestroy: @convention(c) (Handle) -> Result
    let cublasSetStream: @convention(c) (Handle, Handle) -> Result
    let cublasGetStream: @convention(c) (Handle, UnsafeMutablePointer<Handle>) -> Result
    let cublasGetStatusName: @convention(c) (Result) -> UnsafePointer<CChar>?
    let cublasDgemm:
        @convention(c) (
            Handle, Int32, Int32, Int32, Int32, Int32, UnsafePointer<Swift.Double>?, UInt64, Int32, UInt64,
            Int32,
            UnsafePointer<Swift.Double>?, UInt64, Int32
        ) -> Result
    let cublasDsyrk:
        @convention(c) (
            Handle, Int32, Int32, Int32, Int32, UnsafePointer<Swift.Double>?, UInt64, Int32,
            UnsafePointer<Swift.Double>?, UInt64, Int32
        ) -> Result
    let cusolverDnCreate: @convention(c) (UnsafeMutablePointer<Handle>) -> Result
    let cusolverDnDestroy: @convention(c) (Handle) -> Result
    let cusolverDnSetStream: @convention(c) (Handle, Handle) -> Result
    let cusolverDnDsyevdBufferSize:
        @convention(c) (Handle, Int32, Int32, Int32, UInt64, Int32, UInt64, UnsafeMutablePointer<Int32>?) ->
            Result
    let cusolverDnDsyevd:
        @convention(c) (Handle, Int32, Int32, Int32, UInt64, Int32, UInt64, UInt64, Int32, UInt64) -> Result
    let cudaDoubleSetFaults: @convention(c) (UnsafePointer<CChar>) -> Int32
    let cudaDoubleSetSchedule: @convention(c) (UnsafePointer<CChar>) -> Int32
    let cudaDoubleResetError: @convention(c) () -> Void
    let cudaDoubleSetMemoryCapacity: @convention(c) (UInt64) -> Void
    let cudaDoubleCounter: @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<Int64>) -> Int32
    let cudaDoubleResetCounters: @convention(c) () -> Void

    /// The primary context, retained once for the whole run.
    var context: Handle = nil

    /// A new, private copy of the library (its own state, uninitialised).
    init() {
        let library = DoubleLibrary.openPrivateCopy()
        func resolve<F>(_ name: String) -> F {
            guard let symbol = dlsym(library, name) else {
                fatalError("libCUDADouble.so has no symbol \(name)")
            }
            return unsafeBitCast(symbol, to: F.self)
        }
        cuInit = resolve("cuInit")
        cuDriverGetVersion = resolve("cuDriverGetVersion")
        cuGetErrorName = resolve("cuGetErrorName")
        cuGetErrorString = resolve("cuGetErrorString")
        cuDeviceGetCount = resolve("cuDeviceGetCount")
        cuDeviceGet = resolve("cuDeviceGet")
        cuDeviceGetName = resolve("cuDeviceGetName")
        cuDeviceTotalMem = resolve("cuDeviceTotalMem_v2")
        cuDeviceGetAttribute = resolve("cuDeviceGetAttribute")
        cuDevicePrimaryCtxRetain = resolve("cuDevicePrimaryCtxRetain")
        cuDevicePrimaryCtxRelease = resolve("cuDevicePrimaryCtxRelease_v2")
        cuCtxSetCurrent = resolve("cuCtxSetCurrent")
        cuCtxGetCurrent = resolve("cuCtxGetCurrent")
        cuCtxSynchronize = resolve("cuCtxSynchronize")
        cuMemGetInfo = resolve("cuMemGetInfo_v2")
        cuMemAlloc = resolve("cuMemAlloc_v2")
        cuMemFree = resolve("cuMemFree_v2")
        cuMemHostAlloc = resolve("cuMemHostAlloc")
        cuMemFreeHost = resolve("cuMemFreeHost")
        cuMemcpyHtoD = resolve("cuMemcpyHtoD_v2")
        cuMemcpyDtoH = resolve("cuMemcpyDtoH_v2")
        cuMemcpyHtoDAsync = resolve("cuMemcpyHtoDAsync_v2")
        cuMemcpyDtoHAsync = resolve("cuMemcpyDtoHAsync_v2")
        cuMemcpyDtoDAsync = resolve("cuMemcpyDtoDAsync_v2")
        cuMemsetD8Async = resolve("cuMemsetD8Async")
        cuStreamCreate = resolve("cuStreamCreate")
        cuStreamDestroy = resolve("cuStreamDestroy_v2")
        cuStreamSynchronize = resolve("cuStreamSynchronize")
        cuStreamQuery = resolve("cuStreamQuery")
        cuStreamWaitEvent = resolve("cuStreamWaitEvent")
        cuEventCreate = resolve("cuEventCreate")
        cuEventDestroy = resolve("cuEventDestroy_v2")
        cuEventRecord = resolve("cuEventRecord")
        cuEventSynchronize = resolve("cuEventSynchronize")
        cuEventQuery = resolve("cuEventQuery")
        cuModuleLoadData = resolve("cuModuleLoadData")
        cuModuleUnload = resolve("cuModuleUnload")
        cuModuleGetFunction = resolve("cuModuleGetFunction")
        cuLaunchKernel = resolve("cuLaunchKernel")
        nvrtcVersion = resolve("nvrtcVersion")
        nvrtcGetErrorString = resolve("nvrtcGetErrorString")
        nvrtcCreateProgram = resolve("nvrtcCreateProgram")
        nvrtcCompileProgram = resolve("nvrtcCompileProgram")
        nvrtcDestroyProgram = resolve("nvrtcDestroyProgram")
        nvrtcGetProgramLogSize = resolve("nvrtcGetProgramLogSize")
        nvrtcGetProgramLog = resolve("nvrtcGetProgramLog")
        nvrtcGetPTXSize = resolve("nvrtcGetPTXSize")
        nvrtcGetPTX = resolve("nvrtcGetPTX")
        nvrtcGetCUBINSize = resolve("nvrtcGetCUBINSize")
        nvrtcGetCUBIN = resolve("nvrtcGetCUBIN")
        cublasCreate = resolve("cublasCreate_v2")
        cublasDestroy = resolve("cublasDestroy_v2")
        cublasSetStream = resolve("cublasSetStream_v2")
        cublasGetStream = resolve("cublasGetStream_v2")
        cublasGetStatusName = resolve("cublasGetStatusName")
        cublasDgemm = resolve("cublasDgemm_v2")
        cublasDsyrk = resolve("cublasDsyrk_v2")
        cusolverDnCreate = resolve("cusolverDnCreate")
        cusolverDnDestroy = resolve("cusolverDnDestroy")
        cusolverDnSetStream = resolve("cusolverDnSetStream")
        cusolverDnDsyevdBufferSize = resolve("cusolverDnDsyevd_bufferSize")
        cusolverDnDsyevd = resolve("cusolverDnDsyevd")
        cudaDoubleSetFaults = resolve("cudaDoubleSetFaults")
        cudaDoubleSetSchedule = resolve("cudaDoubleSetSchedule")
        cudaDoubleResetError = resolve("cudaDoubleResetError")
        cudaDoubleSetMemoryCapacity = resolve("cudaDoubleSetMemoryCapacity")
        cudaDoubleCounter = resolve("cudaDoubleCounter")
        cudaDoubleResetCounters = resolve("cudaDoubleResetCounters")
    }

    /// Copies `libCUDADouble.so` from the test executable's folder to a temporary file, opens the
    /// copy and removes the file (the mapping stays).
    private static func openPrivateCopy() -> UnsafeMutableRawPointer {
        let number = copies.withLock {
            $0 += 1
            return $0
        }
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { fatalError("cannot read /proc/self/exe") }
        let executable = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        let original = folder.appendingPathComponent("libCUDADouble.so")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cuda-double-tests-\(getpid())-\(number).so")
        try? FileManager.default.removeItem(at: copy)
        do {
            try FileManager.default.copyItem(at: original, to: copy)
        } catch {
            fatalError("build the CUDADouble product first (swift build): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        guard let library = dlopen(copy.path, RTLD_NOW | RTLD_LOCAL) else {
            fatalError("dlopen \(copy.path): \(String(cString: dlerror()))")
        }
        return library
    }

    /// Starts a test on the calling thread: initialised, the primary context current, defaults
    /// in force, nothing pending.
    func begin() throws {
        try check(cuInit(0), "cuInit")
        if context == nil { try check(cuDevicePrimaryCtxRetain(&context, 0), "cuDevicePrimaryCtxRetain") }
        try check(cuCtxSetCurrent(context), "cuCtxSetCurrent")
        restoreDefaults()
    }

    /// Ends a test: runs what is pending and restores the defaults.
    func end() {
        restoreDefaults()
        _ = cuCtxSynchronize()
        cudaDoubleResetError()
    }

    private func restoreDefaults() {
        _ = cudaDoubleSetFaults("")
        _ = cudaDoubleSetSchedule("deterministic")
        cudaDoubleSetMemoryCapacity(80 << 30)
        cudaDoubleResetError()
    }

    /// The counter `name`.
    func counter(_ name: String) -> Int64 {
        var value: Int64 = -1
        #expect(cudaDoubleCounter(name, &value) == 0, "unknown counter \(name)")
        return value
    }

    // MARK: Memory

    func allocate(_ bytes: Int) throws -> UInt64 {
        var address: UInt64 = 0
        try check(cuMemAlloc(&address, bytes), "cuMemAlloc")
        return address
    }

    func allocatePinned(_ bytes: Int) throws -> UnsafeMutableRawPointer {
        var pointer: UnsafeMutableRawPointer?
        try check(cuMemHostAlloc(&pointer, bytes, 0), "cuMemHostAlloc")
        return pointer!
    }

    /// Device memory holding `values`.
    func upload<T>(_ values: [T]) throws -> UInt64 {
        let address = try allocate(Swift.max(1, values.count * MemoryLayout<T>.stride))
        try values.withUnsafeBytes {
            try check(cuMemcpyHtoD(address, $0.baseAddress, $0.count), "cuMemcpyHtoD")
        }
        return address
    }

    /// `count` values of type `T` read back synchronously from `address`.
    func download<T>(_ address: UInt64, count: Int, as _: T.Type = T.self) throws -> [T] {
        let raw = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Swift.max(1, count * MemoryLayout<T>.stride), alignment: 16)
        defer { raw.deallocate() }
        try check(cuMemcpyDtoH(raw.baseAddress, address, count * MemoryLayout<T>.stride), "cuMemcpyDtoH")
        return Array(raw.bindMemory(to: T.self).prefix(count))
    }

    // MARK: Streams and events

    func makeStream(nonBlocking: Bool = false) throws -> Handle {
        var stream: Handle = nil
        try check(cuStreamCreate(&stream, nonBlocking ? 1 : 0), "cuStreamCreate")
        return stream
    }

    func makeEvent() throws -> Handle {
        var event: Handle = nil
        try check(cuEventCreate(&event, 2), "cuEventCreate")
        return event
    }

    // MARK: Kernels

    /// Compiles `source` with `options`; returns the NVRTC result, the log and the CUBIN (empty
    /// when compilation failed).
    func compile(
        _ source: String, name: String = "kernel.cu", options: [String] = DoubleLibrary.defaultOptions
    )
        -> (result: Int32, log: String, image: [CChar])
    {
        var program: Handle = nil
        guard nvrtcCreateProgram(&program, source, name, 0, nil, nil) == 0 else { return (-1, "", []) }
        defer { _ = nvrtcDestroyProgram(&program) }
        let copies = options.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        let result = pointers.withUnsafeBufferPointer {
            nvrtcCompileProgram(program, Int32(options.count), $0.baseAddress)
        }
        var size = 0
        _ = nvrtcGetProgramLogSize(program, &size)
        var text = [CChar](repeating: 0, count: Swift.max(size, 1))
        _ = nvrtcGetProgramLog(program, &text)
        let log = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard result == 0 else { return (result, log, []) }
        var imageSize = 0
        _ = nvrtcGetCUBINSize(program, &imageSize)
        var image = [CChar](repeating: 0, count: imageSize)
        _ = nvrtcGetCUBIN(program, &image)
        return (result, log, image)
    }

    /// What the project passes to NVRTC (Sources/Devices/CUDA/NVRTC.swift).
    static let defaultOptions = [
        "--gpu-architecture=sm_90", "--std=c++17", "-default-device", "--fmad=false",
    ]

    /// The loaded module of `image`.
    func load(_ image: [CChar]) throws -> Handle {
        var module: Handle = nil
        try image.withUnsafeBytes { try check(cuModuleLoadData(&module, $0.baseAddress), "cuModuleLoadData") }
        return module
    }

    /// Compiles `source`, loads it and returns its entry point `entry` (and the module).
    func kernel(_ source: String, entry: String) throws -> (function: Handle, module: Handle) {
        let compiled = compile(source)
        guard compiled.result == 0 else {
            Issue.record("compilation failed: \(compiled.log)")
            throw CallFailed(call: "nvrtcCompileProgram", code: compiled.result)
        }
        let module = try load(compiled.image)
        var function: Handle = nil
        try check(cuModuleGetFunction(&function, module, entry), "cuModuleGetFunction")
        return (function, module)
    }

    /// Launches `function` with `arguments` passed as cuLaunchKernel's kernelParams.
    func launch(
        _ function: Handle, grid: (UInt32, UInt32, UInt32), block: (UInt32, UInt32, UInt32),
        _ arguments: [Argument], stream: Handle = nil, sharedBytes: UInt32 = 0
    ) -> Result {
        let storage = UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(1, arguments.count) * 8, alignment: 8)
        defer { storage.deallocate() }
        var pointers = [UnsafeMutableRawPointer?](repeating: nil, count: Swift.max(1, arguments.count))
        for (index, argument) in arguments.enumerated() {
            let slot = storage + index * 8
            switch argument {
            case .pointer(let x): slot.storeBytes(of: x, as: UInt64.self)
            case .int64(let x): slot.storeBytes(of: x, as: Int64.self)
            case .int32(let x): slot.storeBytes(of: x, as: Int32.self)
            case .float64(let x): slot.storeBytes(of: x, as: Swift.Double.self)
            case .float32(let x): slot.storeBytes(of: x, as: Float.self)
            }
            pointers[index] = slot
        }
        return pointers.withUnsafeMutableBufferPointer {
            cuLaunchKernel(
                function, grid.0, grid.1, grid.2, block.0, block.1, block.2, sharedBytes, stream,
                $0.baseAddress,
                nil)
        }
    }
}

/// The text of a NUL-terminated C string held in an array, up to its first NUL.
func cText(_ characters: [CChar]) -> String {
    String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
