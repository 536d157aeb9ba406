import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CUDADoubleSuite {
    /// Fault injection and the random schedule.
    @Suite struct FaultTests {
        let cuda = DoubleLibrary.shared

        @Test func malformedPlansAreRejected() throws {
            try cuda.begin()
            defer { cuda.end() }
            for spec in ["alloc", "alloc:1", "alloc:0:2", "alloc:1:0", "tea:1:2", "alloc:1:2,", "copy:x:2"] {
                #expect(cuda.cudaDoubleSetFaults(spec) == -1, "\(spec)")
            }
            #expect(cuda.cudaDoubleSetFaults("alloc:1:2,sync:3:999") == 0)
            for spec in ["random", "random:", "random:x", "chaos:1"] {
                #expect(cuda.cudaDoubleSetSchedule(spec) == -1, "\(spec)")
            }
        }

        @Test func allocationFaults() throws {
            try cuda.begin()
            defer { cuda.end() }
            try #require(cuda.cudaDoubleSetFaults("alloc:2:2,alloc:3:999") == 0)
            var address: UInt64 = 0
            var pointer: UnsafeMutableRawPointer?
            try check(cuda.cuMemAlloc(&address, 64), "cuMemAlloc")
            #expect(cuda.cuMemHostAlloc(&pointer, 64, 0) == CU.outOfMemory)
            #expect(cuda.cuMemAlloc(&address, 64) == CU.unknown)
            #expect(cuda.counter("device_allocations") == 1 && cuda.counter("pinned_allocations") == 0)
            let again = try cuda.allocatePinned(64)
            try check(cuda.cuMemFreeHost(again), "cuMemFreeHost")
            try check(cuda.cuMemFree(address), "cuMemFree")
        }

        @Test func copyFaultsDoNothing() throws {
            try cuda.begin()
            defer { cuda.end() }
            let device = try cuda.upload([UInt8](repeating: 1, count: 64))
            try #require(cuda.cudaDoubleSetFaults("copy:1:999,copy:2:2,copy:3:1") == 0)
            var host = [UInt8](repeating: 2, count: 64)
            #expect(cuda.cuMemcpyHtoD(device, &host, 64) == CU.unknown)
            #expect(cuda.cuMemcpyDtoHAsync(&host, device, 64, nil) == CU.outOfMemory)
            #expect(cuda.cuMemsetD8Async(device, 3, 64, nil) == CU.invalidValue)
            #expect(host == [UInt8](repeating: 2, count: 64))
            #expect(try cuda.download(device, count: 64, as: UInt8.self) == [UInt8](repeating: 1, count: 64))
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func launchCompileLoadAndSyncFaults() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = "extern \"C\" __global__ void one(int* p) { p[threadIdx.x] = 1; }\n"
            try #require(cuda.cudaDoubleSetFaults("compile:1:6,load:1:200,launch:1:701,sync:1:999") == 0)
            let compiles = cuda.counter("compiles")
            #expect(cuda.compile(source).result == NVRTCCode.compilation)
            #expect(cuda.counter("compiles") == compiles)
            let compiled = cuda.compile(source)
            try #require(compiled.result == NVRTCCode.success)
            var module: OpaquePointer?
            #expect(
                compiled.image.withUnsafeBytes { cuda.cuModuleLoadData(&module, $0.baseAddress) }
                    == CU.invalidImage)
            module = try cuda.load(compiled.image)
            var function: OpaquePointer?
            try check(cuda.cuModuleGetFunction(&function, module, "one"), "cuModuleGetFunction")
            let p = try cuda.upload([Int32](repeating: 0, count: 4))
            let launched = cuda.counter("launches")
            #expect(cuda.launch(function, grid: (1, 1, 1), block: (4, 1, 1), [.pointer(p)]) == 701)
            #expect(cuda.counter("launches") == launched && cuda.counter("pending_operations") == 0)
            let stream = try cuda.makeStream()
            try check(
                cuda.launch(function, grid: (1, 1, 1), block: (4, 1, 1), [.pointer(p)], stream: stream),
                "launch")
            #expect(cuda.cuStreamSynchronize(stream) == CU.unknown)
            #expect(cuda.counter("pending_operations") == 1)
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(try cuda.download(p, count: 4, as: Int32.self) == [1, 1, 1, 1])
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(p), "cuMemFree")
        }

        /// Copies `source` to a new buffer on `consumer` after `producer` fills it, with or without
        /// the event wait that orders the two; returns what the consumer copied.
        func produceAndConsume(wait: Bool) throws -> [UInt8] {
            let source = try cuda.upload([UInt8](repeating: 0, count: 256))
            let target = try cuda.allocate(256)
            let (producer, consumer) = (
                try cuda.makeStream(nonBlocking: true), try cuda.makeStream(nonBlocking: true)
            )
            let event = try cuda.makeEvent()
            try check(cuda.cuMemsetD8Async(source, 1, 256, producer), "cuMemsetD8Async")
            try check(cuda.cuEventRecord(event, producer), "cuEventRecord")
            if wait { try check(cuda.cuStreamWaitEvent(consumer, event, 0), "cuStreamWaitEvent") }
            try check(cuda.cuMemcpyDtoDAsync(target, source, 256, consumer), "cuMemcpyDtoDAsync")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            let result = try cuda.download(target, count: 256, as: UInt8.self)
            for stream in [producer, consumer] { try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy") }
            try check(cuda.cuEventDestroy(event), "cuEventDestroy")
            for address in [source, target] { try check(cuda.cuMemFree(address), "cuMemFree") }
            return result
        }

        @Test func theRandomScheduleFindsAMissingWait() throws {
            try cuda.begin()
            defer { cuda.end() }
            let filled = [UInt8](repeating: 1, count: 256)
            // In issue order the missing wait goes unnoticed…
            #expect(try produceAndConsume(wait: false) == filled)
            var wrong = 0
            for seed in 1...32 {
                try #require(cuda.cudaDoubleSetSchedule("random:\(seed)") == 0)
                #expect(try produceAndConsume(wait: true) == filled, "seed \(seed)")
                wrong += try produceAndConsume(wait: false) == filled ? 0 : 1
            }
            // …drawn at random, it shows up as wrong data.
            #expect(wrong > 0)
        }

        @Test func theRandomScheduleKeepsEveryOrderingGuarantee() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = """
                extern "C" __global__ void sum(const long long* in, long long* out, long long n) {
                  __shared__ long long s[128];
                  int t = threadIdx.x;
                  long long v = 0;
                  for (long long k = blockIdx.x * blockDim.x + t; k < n; k += blockDim.x * gridDim.x) v += in[k];
                  s[t] = v;
                  __syncthreads();
                  for (int h = blockDim.x / 2; h > 0; h /= 2) {
                    if (t < h) s[t] += s[t + h];
                    __syncthreads();
                  }
                  if (t == 0) out[blockIdx.x] = s[0];
                }
                """
            let (function, module) = try cuda.kernel(source, entry: "sum")
            let n = 10_000
            let values = (0..<n).map { Int64($0 * $0 % 1009) }
            let input = try cuda.upload(values)
            let partials = try cuda.allocate(8 * 8)
            let total = try cuda.allocate(8)
            let pinned = try cuda.allocatePinned(8)
            let stream = try cuda.makeStream()
            for seed in 1...4 {
                try #require(cuda.cudaDoubleSetSchedule("random:\(seed)") == 0)
                pinned.storeBytes(of: -1, as: Int64.self)
                try check(
                    cuda.launch(
                        function, grid: (8, 1, 1), block: (128, 1, 1),
                        [.pointer(input), .pointer(partials), .int64(Int64(n))], stream: stream),
                    "cuLaunchKernel")
                try check(
                    cuda.launch(
                        function, grid: (1, 1, 1), block: (128, 1, 1),
                        [.pointer(partials), .pointer(total), .int64(8)], stream: stream),
                    "cuLaunchKernel")
                try check(cuda.cuMemcpyDtoHAsync(pinned, total, 8, stream), "cuMemcpyDtoHAsync")
                try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
                #expect(pinned.load(as: Int64.self) == values.reduce(0, +), "seed \(seed)")
            }
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
            for address in [input, partials, total] { try check(cuda.cuMemFree(address), "cuMemFree") }
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
        }

        /// Runs in a child process only (see `theEnvironmentConfiguresTheDouble`), so that the
        /// variables never reach other suites of this process.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["CUDA_DOUBLE_PROBE"] == "1"))
        func environmentProbe() throws {
            let fresh = DoubleLibrary()
            try check(fresh.cuInit(0), "cuInit")
            try check(fresh.cuDevicePrimaryCtxRetain(&fresh.context, 0), "cuDevicePrimaryCtxRetain")
            try check(fresh.cuCtxSetCurrent(fresh.context), "cuCtxSetCurrent")
            var total = 0
            try check(fresh.cuDeviceTotalMem(&total, 0), "cuDeviceTotalMem")
            #expect(total == 1 << 20)
            var address: UInt64 = 0
            #expect(fresh.cuMemAlloc(&address, 64) == CU.outOfMemory)
            try check(fresh.cuMemAlloc(&address, 64), "cuMemAlloc")
            try check(fresh.cuMemFree(address), "cuMemFree")
        }

        @Test func theEnvironmentConfiguresTheDouble() throws {
            var path = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/exe", &path, path.count - 1)
            try #require(length > 0)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: cText(path))
            child.arguments = ["--testing-library", "swift-testing", "--filter", "environmentProbe"]
            var environment = ProcessInfo.processInfo.environment
            environment["CUDA_DOUBLE_PROBE"] = "1"
            environment["CUDA_DOUBLE_MEMORY"] = "1MiB"
            environment["CUDA_DOUBLE_FAULTS"] = "alloc:1:2"
            environment["CUDA_DOUBLE_SCHEDULE"] = "random:7"
            child.environment = environment
            let output = Pipe()
            child.standardOutput = output
            child.standardError = output
            try child.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            #expect(child.terminationStatus == 0, "\(text.suffix(3000))")
            #expect(text.contains("environmentProbe() passed"), "\(text.suffix(3000))")
        }
    }
}
