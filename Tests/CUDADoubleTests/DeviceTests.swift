import Foundation
import Testing

/// Results written by another thread.
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Runs `body` on a new thread and waits for it.
func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.start()
    done.wait()
}

extension CUDADoubleSuite {
    @Suite struct DeviceTests {
        let cuda = DoubleLibrary.shared

        @Test func nothingWorksBeforeInit() {
            let fresh = DoubleLibrary()
            var count: Int32 = 0
            var address: UInt64 = 0
            var version: Int32 = 0
            #expect(fresh.cuDeviceGetCount(&count) == CU.notInitialized)
            #expect(fresh.cuMemAlloc(&address, 64) == CU.notInitialized)
            #expect(fresh.cuCtxSynchronize() == CU.notInitialized)
            #expect(fresh.cuDriverGetVersion(&version) == CU.success && version == 13000)
            #expect(fresh.cuInit(1) == CU.invalidValue)
            #expect(fresh.cuInit(0) == CU.success)
            #expect(fresh.cuDeviceGetCount(&count) == CU.success && count == 1)
            // Initialised, but no context is current on this thread.
            #expect(fresh.cuMemAlloc(&address, 64) == CU.invalidContext)
        }

        @Test func theDeviceIsAnH100() throws {
            try cuda.begin()
            defer { cuda.end() }
            var device: Int32 = -1
            try check(cuda.cuDeviceGet(&device, 0), "cuDeviceGet")
            #expect(device == 0)
            #expect(cuda.cuDeviceGet(&device, 1) == CU.invalidDevice)
            var name = [CChar](repeating: 0, count: 64)
            try check(cuda.cuDeviceGetName(&name, 64, 0), "cuDeviceGetName")
            #expect(cText(name) == "NVIDIA H100 80GB HBM3 (CUDA double)")
            try check(cuda.cuDeviceGetName(&name, 7, 0), "cuDeviceGetName")
            #expect(cText(name) == "NVIDIA")
            var total = 0
            try check(cuda.cuDeviceTotalMem(&total, 0), "cuDeviceTotalMem")
            #expect(total == 80 << 30)
            let expected: [(Int32, Int32)] = [
                (75, 9), (76, 0), (16, 132), (1, 1024), (2, 1024), (4, 64), (5, 2_147_483_647), (10, 32),
                (8, 49152), (40, 2), (39, 2048),
            ]
            for (attribute, value) in expected {
                var answer: Int32 = -1
                try check(
                    cuda.cuDeviceGetAttribute(&answer, attribute, 0), "cuDeviceGetAttribute(\(attribute))")
                #expect(answer == value, "attribute \(attribute)")
            }
            var answer: Int32 = 0
            #expect(cuda.cuDeviceGetAttribute(&answer, 9999, 0) == CU.invalidValue)
            #expect(cuda.cuDeviceGetAttribute(&answer, 75, 1) == CU.invalidDevice)
        }

        @Test func errorNamesAndStringsAreTheDrivers() {
            let cases: [(Int32, String, String)] = [
                (0, "CUDA_SUCCESS", "no error"),
                (1, "CUDA_ERROR_INVALID_VALUE", "invalid argument"),
                (2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"),
                (201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"),
                (400, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"),
                (600, "CUDA_ERROR_NOT_READY", "device not ready"),
                (700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"),
                (719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"),
            ]
            for (code, name, text) in cases {
                var pointer: UnsafePointer<CChar>?
                #expect(cuda.cuGetErrorName(code, &pointer) == CU.success)
                #expect(pointer.map { String(cString: $0) } == name)
                #expect(cuda.cuGetErrorString(code, &pointer) == CU.success)
                #expect(pointer.map { String(cString: $0) } == text)
            }
            var pointer: UnsafePointer<CChar>? = UnsafePointer(bitPattern: 1)
            #expect(cuda.cuGetErrorName(12345, &pointer) == CU.invalidValue)
            #expect(pointer == nil)
            #expect(String(cString: cuda.nvrtcGetErrorString(6)!) == "NVRTC_ERROR_COMPILATION")
            #expect(String(cString: cuda.nvrtcGetErrorString(5)!) == "NVRTC_ERROR_INVALID_OPTION")
            #expect(String(cString: cuda.nvrtcGetErrorString(1000)!) == "NVRTC_ERROR unknown")
            var (major, minor) = (Int32(0), Int32(0))
            #expect(cuda.nvrtcVersion(&major, &minor) == 0 && major == 13 && minor == 0)
        }

        @Test func contextsAreCurrentPerThread() throws {
            try cuda.begin()
            defer { cuda.end() }
            let address = try cuda.allocate(256)
            let results = Box<[Int32]>([])
            let context = UInt(bitPattern: cuda.context)
            onAnotherThread { [cuda] in
                var other: UInt64 = 0
                var current: OpaquePointer? = OpaquePointer(bitPattern: 1)
                results.value.append(cuda.cuCtxGetCurrent(&current))
                results.value.append(current == nil ? 0 : 1)
                results.value.append(cuda.cuMemAlloc(&other, 256))
                results.value.append(cuda.cuMemFree(address))
                results.value.append(cuda.cuCtxSynchronize())
                results.value.append(cuda.cuCtxSetCurrent(OpaquePointer(bitPattern: context)))
                results.value.append(cuda.cuMemAlloc(&other, 256))
                results.value.append(cuda.cuMemFree(other))
            }
            #expect(
                results.value == [
                    CU.success, 0, CU.invalidContext, CU.invalidContext, CU.invalidContext, CU.success,
                    CU.success,
                    CU.success,
                ])
            // The test's own thread still has its context.
            try check(cuda.cuMemFree(address), "cuMemFree")
            #expect(cuda.cuCtxSetCurrent(OpaquePointer(bitPattern: 0xdead0)) == CU.invalidContext)
        }

        @Test func entryPointsMayBeCalledFromManyThreads() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = """
                extern "C" __global__ void add(long long* x, long long k, long long n) {
                  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
                    x[i] += k;
                }
                """
            let (function, module) = try cuda.kernel(source, entry: "add")
            let failures = Box<[String]>([])
            let lock = NSLock()
            let (cuda, context) = (self.cuda, UInt(bitPattern: cuda.context))
            let functionBits = UInt(bitPattern: function)
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                do {
                    try check(cuda.cuCtxSetCurrent(OpaquePointer(bitPattern: context)), "cuCtxSetCurrent")
                    let n = 10_000 + worker
                    let stream = try cuda.makeStream(nonBlocking: worker % 2 == 0)
                    let x = try cuda.upload((0..<n).map { Int64($0) })
                    for _ in 0..<5 {
                        let launched = cuda.launch(
                            OpaquePointer(bitPattern: functionBits), grid: (8, 1, 1), block: (128, 1, 1),
                            [.pointer(x), .int64(Int64(worker)), .int64(Int64(n))], stream: stream)
                        try check(launched, "cuLaunchKernel")
                    }
                    try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
                    let got = try cuda.download(x, count: n, as: Int64.self)
                    if got != (0..<n).map({ Int64($0 + 5 * worker) }) {
                        throw CallFailed(call: "result", code: -1)
                    }
                    try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
                    try check(cuda.cuMemFree(x), "cuMemFree")
                } catch {
                    lock.withLock { failures.value.append("worker \(worker): \(error)") }
                }
            }
            #expect(failures.value.isEmpty, "\(failures.value)")
            #expect(cuda.counter("device_allocations") == 0 && cuda.counter("streams_live") == 0)
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
        }

        @Test func releasingThePrimaryContextDestroysWhatItOwns() throws {
            try cuda.begin()
            defer { cuda.end() }
            var again: OpaquePointer?
            try check(cuda.cuDevicePrimaryCtxRetain(&again, 0), "cuDevicePrimaryCtxRetain")
            #expect(again == cuda.context)
            try check(cuda.cuDevicePrimaryCtxRelease(0), "cuDevicePrimaryCtxRelease")
            let address = try cuda.allocate(4096)
            let stream = try cuda.makeStream()
            #expect(cuda.counter("device_allocations") == 1)
            // The last reference goes: so do the allocation, the stream and the handle.
            try check(cuda.cuDevicePrimaryCtxRelease(0), "cuDevicePrimaryCtxRelease")
            #expect(cuda.cuDevicePrimaryCtxRelease(0) == CU.invalidContext)
            #expect(cuda.counter("device_allocations") == 0)
            #expect(cuda.counter("streams_live") == 0)
            var other: UInt64 = 0
            #expect(cuda.cuMemAlloc(&other, 64) == CU.invalidContext)
            let old = cuda.context
            cuda.context = nil
            try cuda.begin()
            #expect(cuda.context != old)
            #expect(cuda.cuCtxSetCurrent(old) == CU.invalidContext)
            #expect(cuda.cuStreamSynchronize(stream) == CU.invalidHandle)
            #expect(cuda.cuMemFree(address) == CU.invalidValue)
        }
    }
}
