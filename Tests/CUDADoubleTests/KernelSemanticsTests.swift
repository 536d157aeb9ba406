import Devices
import Testing

@testable import GPUArrays

extension CUDADoubleSuite {
    /// How launches run: index variables, barriers, shared memory, atomics, deferral, faults.
    @Suite struct KernelSemanticsTests {
        let cuda = DoubleLibrary.shared

        /// Each thread writes its block and thread numbers; with `barrier`, after a __syncthreads
        /// (so threads run as fibers).
        func indexKernel(barrier: Bool) -> String {
            """
            extern "C" __global__ void ids(unsigned int* out) {
              unsigned int block = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
              unsigned int thread = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
              unsigned int per = blockDim.x * blockDim.y * blockDim.z;
              \(barrier ? "__syncthreads();" : "")
              out[block * per + thread] = block * 1000 + thread;
            }
            """
        }

        @Test(arguments: [false, true])
        func everyThreadOfEveryBlockRunsWithItsIndices(barrier: Bool) throws {
            try cuda.begin()
            defer { cuda.end() }
            let (function, module) = try cuda.kernel(indexKernel(barrier: barrier), entry: "ids")
            let (blocks, threads) = (3 * 2 * 2, 4 * 3 * 2)
            let out = try cuda.upload([UInt32](repeating: .max, count: blocks * threads))
            try check(
                cuda.launch(function, grid: (3, 2, 2), block: (4, 3, 2), [.pointer(out)]), "cuLaunchKernel")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            let expected = (0..<blocks).flatMap { b in (0..<threads).map { UInt32(b * 1000 + $0) } }
            #expect(try cuda.download(out, count: blocks * threads, as: UInt32.self) == expected)
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(out), "cuMemFree")
        }

        @Test func barriersWaitForEveryLiveThreadAndSharedMemoryIsPerBlock() throws {
            try cuda.begin()
            defer { cuda.end() }
            // Threads 200…255 return early and leave the barrier; the others reverse their block.
            let source = """
                extern "C" __global__ void reverse(int* out) {
                  __shared__ int s[256];
                  int t = threadIdx.x;
                  if (t >= 200) return;
                  s[t] = t + 1000 * (int)blockIdx.x;
                  __syncthreads();
                  out[blockIdx.x * 200 + t] = s[199 - t];
                }
                """
            let (function, module) = try cuda.kernel(source, entry: "reverse")
            let out = try cuda.allocate(3 * 200 * 4)
            try check(
                cuda.launch(function, grid: (3, 1, 1), block: (256, 1, 1), [.pointer(out)]), "cuLaunchKernel")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            let expected = (0..<3).flatMap { b in (0..<200).map { Int32(199 - $0 + 1000 * b) } }
            #expect(try cuda.download(out, count: 600, as: Int32.self) == expected)
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(out), "cuMemFree")
        }

        @Test func atomics() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = """
                extern "C" __global__ void atomics(int* count, double* sum, long long* largest,
                                                   unsigned long long* owner, float* smallest, unsigned int* seen) {
                  unsigned int id = blockIdx.x * blockDim.x + threadIdx.x;
                  atomicAdd(count, 1);
                  atomicAdd(sum, (double)id * 0.5);
                  atomicMax(largest, (long long)((id * 37) % 1000));
                  atomicCAS(owner, 0ULL, (unsigned long long)id + 1);
                  atomicMin(smallest, (float)id - 100.0f);
                  atomicExch(&seen[id % 4], id);
                }
                """
            let (function, module) = try cuda.kernel(source, entry: "atomics")
            let count = try cuda.upload([Int32(0)])
            let sum = try cuda.upload([0.0])
            let largest = try cuda.upload([Int64(-1)])
            let owner = try cuda.upload([UInt64(0)])
            let smallest = try cuda.upload([Float(0)])
            let seen = try cuda.upload([UInt32](repeating: 0, count: 4))
            try check(
                cuda.launch(
                    function, grid: (4, 1, 1), block: (64, 1, 1),
                    [count, sum, largest, owner, smallest, seen].map { .pointer($0) }), "cuLaunchKernel")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            #expect(try cuda.download(count, count: 1, as: Int32.self) == [256])
            #expect(
                try cuda.download(sum, count: 1, as: Swift.Double.self) == [
                    (0..<256).reduce(0.0) { $0 + Swift.Double($1) * 0.5 }
                ])
            #expect(
                try cuda.download(largest, count: 1, as: Int64.self) == [
                    Int64((0..<256).map { ($0 * 37) % 1000 }.max()!)
                ])
            let winner = try cuda.download(owner, count: 1, as: UInt64.self)[0]
            #expect((1...256).contains(winner))
            #expect(try cuda.download(smallest, count: 1, as: Float.self) == [-100])
            #expect(Set(try cuda.download(seen, count: 4, as: UInt32.self).map { $0 % 4 }) == [0, 1, 2, 3])
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            for address in [count, sum, largest, owner, smallest, seen] {
                try check(cuda.cuMemFree(address), "cuMemFree")
            }
        }

        @Test func launchesAreDeferred() throws {
            try cuda.begin()
            defer { cuda.end() }
            let (function, module) = try cuda.kernel(indexKernel(barrier: false), entry: "ids")
            let out = try cuda.upload([UInt32](repeating: 7, count: 8))
            let stream = try cuda.makeStream()
            let (ran, launched) = (cuda.counter("kernels_run"), cuda.counter("launches"))
            try check(
                cuda.launch(function, grid: (2, 1, 1), block: (4, 1, 1), [.pointer(out)], stream: stream),
                "cuLaunchKernel")
            #expect(cuda.counter("launches") == launched + 1 && cuda.counter("kernels_run") == ran)
            #expect(cuda.cuStreamQuery(stream) == CU.notReady)
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(cuda.counter("kernels_run") == ran + 1)
            #expect(
                try cuda.download(out, count: 8, as: UInt32.self) == [0, 1, 2, 3, 1000, 1001, 1002, 1003])
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(out), "cuMemFree")
        }

        @Test func writingPastAnAllocationIsAnIllegalAddressUntilReset() throws {
            try cuda.begin()
            defer { cuda.end() }
            let kernel = try elementwise(inputs: [.float64], indexing: [.elementwise]) { p in
                try p.append(.unary(.negative, .input(0)))
            }
            let (function, module) = try cuda.kernel(kernel.cudaSource, entry: kernel.name)
            let (input, out) = (
                try cuda.upload([Swift.Double](repeating: 1, count: 1024)), try cuda.allocate(1024 * 8)
            )
            // One element more than the buffers hold: the 1025th touches the guard page.
            try check(
                cuda.launch(
                    function, grid: (5, 1, 1), block: (256, 1, 1),
                    [.pointer(input), .pointer(out), .int64(1), .int64(1025)]),
                "cuLaunchKernel")
            #expect(cuda.cuCtxSynchronize() == CU.illegalAddress)
            var address: UInt64 = 0
            #expect(cuda.cuMemAlloc(&address, 64) == CU.illegalAddress)
            #expect(cuda.cuStreamQuery(nil) == CU.illegalAddress)
            #expect(cuda.counter("sticky_error") == Int64(CU.illegalAddress))
            #expect(cuda.counter("pending_operations") == 0)
            cuda.cudaDoubleResetError()
            // The same kernel within bounds runs again.
            try check(
                cuda.launch(
                    function, grid: (4, 1, 1), block: (256, 1, 1),
                    [.pointer(input), .pointer(out), .int64(1), .int64(1024)]),
                "cuLaunchKernel")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            #expect(
                try cuda.download(out, count: 1024, as: Swift.Double.self)
                    == [Swift.Double](repeating: -1, count: 1024))
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            for address in [input, out] { try check(cuda.cuMemFree(address), "cuMemFree") }
        }

        @Test func aFaultInsideABarrierKernelIsCaughtToo() throws {
            try cuda.begin()
            defer { cuda.end() }
            let kernel = ReductionKernel(operation: .sum, mode: .partials, type: .float64)
            let (function, module) = try cuda.kernel(kernel.cudaSource, entry: kernel.name)
            let input = try cuda.upload([Swift.Double](repeating: 1, count: 4096))
            let unused = try cuda.allocate(8)
            let (values, indices) = (try cuda.allocate(16 * 8), try cuda.allocate(16 * 8))
            let arguments: [Argument] = [
                .pointer(input), .pointer(unused), .pointer(values), .pointer(indices),
            ]
            try check(
                cuda.launch(function, grid: (16, 1, 1), block: (256, 1, 1), arguments + [.int64(5000)]),
                "cuLaunchKernel")
            #expect(cuda.cuCtxSynchronize() == CU.illegalAddress)
            cuda.cudaDoubleResetError()
            try check(
                cuda.launch(function, grid: (16, 1, 1), block: (256, 1, 1), arguments + [.int64(4096)]),
                "cuLaunchKernel")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            #expect(
                try cuda.download(values, count: 16, as: Swift.Double.self)
                    == [Swift.Double](repeating: 256, count: 16))
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            for address in [input, unused, values, indices] {
                try check(cuda.cuMemFree(address), "cuMemFree")
            }
        }

        @Test func aTrapIsALaunchFailure() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = """
                extern "C" __global__ void boom(int* p) {
                  if (threadIdx.x == 3) __trap();
                  p[threadIdx.x] = 1;
                }
                """
            let (function, module) = try cuda.kernel(source, entry: "boom")
            let out = try cuda.allocate(256)
            try check(
                cuda.launch(function, grid: (1, 1, 1), block: (8, 1, 1), [.pointer(out)]), "cuLaunchKernel")
            #expect(cuda.cuCtxSynchronize() == CU.launchFailed)
            cuda.cudaDoubleResetError()
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(out), "cuMemFree")
        }
    }
}
