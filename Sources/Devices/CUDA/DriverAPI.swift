/// The CUDA driver functions the device uses, resolved from `libcuda.so.1` (or the file named by
/// `BACH_CUDA_DRIVER`). Versioned entry points carry their `_v2` suffix, as `cuda.h` maps them.
struct DriverAPI: @unchecked Sendable {
    typealias Result = Int32
    let library: SharedLibrary

    /// The environment variable naming the driver library to load instead of the loader's.
    static let environment = "BACH_CUDA_DRIVER"
    /// Library names tried in order without `BACH_CUDA_DRIVER`.
    static let names = ["libcuda.so.1", "libcuda.so"]

    let cuInit: @convention(c) (UInt32) -> Result
    let cuDriverGetVersion: @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    let cuGetErrorName: @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result
    let cuGetErrorString: @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result
    let cuDeviceGetCount: @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    let cuDeviceGet: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    let cuDeviceGetName: @convention(c) (UnsafeMutablePointer<CChar>, Int32, Int32) -> Result
    let cuDeviceTotalMem: @convention(c) (UnsafeMutablePointer<Int>, Int32) -> Result
    let cuDeviceGetAttribute: @convention(c) (UnsafeMutablePointer<Int32>, Int32, Int32) -> Result
    let cuDevicePrimaryCtxRetain: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, Int32) -> Result
    let cuCtxSetCurrent: @convention(c) (OpaquePointer?) -> Result
    let cuMemGetInfo: @convention(c) (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> Result
    let cuMemAlloc: @convention(c) (UnsafeMutablePointer<UInt64>, Int) -> Result
    let cuMemFree: @convention(c) (UInt64) -> Result
    let cuMemHostAlloc: @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int, UInt32) -> Result
    let cuMemFreeHost: @convention(c) (UnsafeMutableRawPointer?) -> Result
    let cuStreamCreate: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32) -> Result
    let cuStreamDestroy: @convention(c) (OpaquePointer?) -> Result
    let cuStreamSynchronize: @convention(c) (OpaquePointer?) -> Result
    let cuStreamWaitEvent: @convention(c) (OpaquePointer?, OpaquePointer?, UInt32) -> Result
    let cuEventCreate: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32) -> Result
    let cuEventDestroy: @convention(c) (OpaquePointer?) -> Result
    let cuEventRecord: @convention(c) (OpaquePointer?, OpaquePointer?) -> Result
    let cuEventSynchronize: @convention(c) (OpaquePointer?) -> Result
    let cuMemcpyHtoDAsync: @convention(c) (UInt64, UnsafeRawPointer?, Int, OpaquePointer?) -> Result
    let cuMemcpyDtoHAsync: @convention(c) (UnsafeMutableRawPointer?, UInt64, Int, OpaquePointer?) -> Result
    let cuMemcpyDtoDAsync: @convention(c) (UInt64, UInt64, Int, OpaquePointer?) -> Result
    let cuModuleLoadData: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafeRawPointer?) -> Result
    let cuModuleUnload: @convention(c) (OpaquePointer?) -> Result
    let cuModuleGetFunction:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?, UnsafePointer<CChar>)
            -> Result
    let cuLaunchKernel:
        @convention(c) (
            OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, OpaquePointer?,
            UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        ) -> Result

    /// Loads `file`, or the loader's `libcuda.so.1` when nil.
    init(file: String?) throws(DeviceError) {
        library = try SharedLibrary(
            file: file, environment: Self.environment, anyOf: Self.names, symbol: "cuInit")
        cuInit = try library.function("cuInit")
        cuDriverGetVersion = try library.function("cuDriverGetVersion")
        cuGetErrorName = try library.function("cuGetErrorName")
        cuGetErrorString = try library.function("cuGetErrorString")
        cuDeviceGetCount = try library.function("cuDeviceGetCount")
        cuDeviceGet = try library.function("cuDeviceGet")
        cuDeviceGetName = try library.function("cuDeviceGetName")
        cuDeviceTotalMem = try library.function("cuDeviceTotalMem_v2")
        cuDeviceGetAttribute = try library.function("cuDeviceGetAttribute")
        cuDevicePrimaryCtxRetain = try library.function("cuDevicePrimaryCtxRetain")
        cuCtxSetCurrent = try library.function("cuCtxSetCurrent")
        cuMemGetInfo = try library.function("cuMemGetInfo_v2")
        cuMemAlloc = try library.function("cuMemAlloc_v2")
        cuMemFree = try library.function("cuMemFree_v2")
        cuMemHostAlloc = try library.function("cuMemHostAlloc")
        cuMemFreeHost = try library.function("cuMemFreeHost")
        cuStreamCreate = try library.function("cuStreamCreate")
        cuStreamDestroy = try library.function("cuStreamDestroy_v2")
        cuStreamSynchronize = try library.function("cuStreamSynchronize")
        cuStreamWaitEvent = try library.function("cuStreamWaitEvent")
        cuEventCreate = try library.function("cuEventCreate")
        cuEventDestroy = try library.function("cuEventDestroy_v2")
        cuEventRecord = try library.function("cuEventRecord")
        cuEventSynchronize = try library.function("cuEventSynchronize")
        cuMemcpyHtoDAsync = try library.function("cuMemcpyHtoDAsync_v2")
        cuMemcpyDtoHAsync = try library.function("cuMemcpyDtoHAsync_v2")
        cuMemcpyDtoDAsync = try library.function("cuMemcpyDtoDAsync_v2")
        cuModuleLoadData = try library.function("cuModuleLoadData")
        cuModuleUnload = try library.function("cuModuleUnload")
        cuModuleGetFunction = try library.function("cuModuleGetFunction")
        cuLaunchKernel = try library.function("cuLaunchKernel")
    }

    /// Throws a `DeviceError` naming `call` unless `result` is `CUDA_SUCCESS`; out-of-memory
    /// becomes `outOfMemory` so that the runtime re-plans.
    func check(_ result: Result, _ call: String, requested: Int = 0) throws(DeviceError) {
        if result == CUDAConstant.Result.success { return }
        if result == CUDAConstant.Result.outOfMemory {
            throw .outOfMemory(requested: requested, live: -1, budget: -1)
        }
        var name: UnsafePointer<CChar>?
        var text: UnsafePointer<CChar>?
        _ = cuGetErrorName(result, &name)
        _ = cuGetErrorString(result, &text)
        let message = [name, text].compactMap { $0.map { String(cString: $0) } }.joined(separator: ": ")
        throw .callFailed(
            call: call, code: Int(result), message: message.isEmpty ? "unknown CUDA error" : message)
    }
}
