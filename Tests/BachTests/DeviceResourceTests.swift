import BachRuntime
import GPUArrays
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// What a runtime keeps on its device across evaluations: one memory pool, persistent streams and
/// pinned staging. Repeated evaluations must neither leak device memory nor grow pinned memory,
/// and values kept on the device must stay usable after the evaluation that made them.
struct DeviceResourceTests {
    @Test func wholeValueEvaluationsDoNotLeakDeviceMemory() throws {
        let (bach, device) = simulatedRuntime()
        let expected = try NDArrays.sum(NDArray<Double>.zeros([1024, 2048]), axis: 0)
        var pinned: [Int] = []
        for _ in 0..<10 {
            let column = try sum(bach.zeros([1024, 2048], of: Double.self), axis: 0).value()
            #expect(column == expected)
            #expect(device.counters.liveBytes == bach.cachedDeviceBytes, "no value holds device memory")
            pinned.append(device.counters.pinnedBytes)
        }
        #expect(Set(pinned).count == 1, "pinned staging does not grow: \(pinned)")
        try expectDeviceMemoryReturned(bach, device)
    }

    @Test func splitEvaluationsReuseTheCacheInsteadOfGrowing() throws {
        let (bach, device) = simulatedRuntime(memory: 1 << 20)
        let x = uniform(100_000)
        var live: [Int] = []
        for _ in 0..<10 {
            #expect(try exp(bach.lazy(x)).value() == NDArrays.exp(x))
            live.append(device.counters.liveBytes)
        }
        #expect(Set(live.dropFirst()).count == 1, "the cache is reused: \(live)")
        try expectDeviceMemoryReturned(bach, device)
    }

    @Test func aWholeResultKeptOnTheDeviceStaysUsable() throws {
        let (bach, device) = simulatedRuntime()
        let m = NDArray<Double>.uniform([300, 40], seed: 5)
        let columns = sum(bach.lazy(m), axis: 0)
        columns.materialize(on: .gpu)
        try bach.evaluate()
        let bytes = 40 * MemoryLayout<Double>.stride
        #expect(device.counters.liveBytes - bach.cachedDeviceBytes >= bytes, "the result stays on the device")
        let expected = try NDArrays.sum(m, axis: 0)
        #expect(agree(try columns.value(), expected, relative: 1e-13), "read after the evaluation")
        let doubled = try multiply(columns, 2.0).value()
        #expect(agree(doubled, expected * 2.0, relative: 1e-13), "and used by a later one")
        #expect(bach.counters.device.bytesToDevice == 0, "without uploading it again")
    }

    @Test func aStageCompilesItsDeclaredKernelsBeforeItsFirstBatch() throws {
        let device = try! SimulatedDevice()
        let bach = Bach(device: device)
        let kernel = DoublingKernel()
        let annotation = Annotation.offload(
            "doubled", kernels: { _, _ in [kernel] },
            infer: ElementwiseAnnotation.inference(.unary(.negative), Double.self, hasOut: false),
            cpu: { pieces, _ in try pieces.take(0, as: NDArray<Double>.self) * 2.0 },
            gpu: { pieces, context in
                let piece = try pieces.take(0, as: GPUArray<Double>.self)
                try context.transfer!.device.launch(
                    kernel, count: piece.count,
                    arguments: [.buffer(piece.buffer.buffer, offset: piece.buffer.byteOffset)],
                    on: context.transfer!.stream)
                return piece
            })
        let x = uniform(1000)
        let y = LazyArray<Double>(bach.record(annotation, [.lazy(bach.lazy(x).handle)]))
        device.clearLog()
        #expect(try y.value() == x * 2.0)
        #expect(device.preparedKernels.map(\.name) == [kernel.name])
    }
}

/// Doubles each of `count` doubles in place.
struct DoublingKernel: Kernel {
    var name: String { "test_double_in_place" }
    var cudaSource: String {
        """
        extern "C" __global__ void test_double_in_place(double* x, long long n) {
          for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
               i += (long long)blockDim.x * gridDim.x) x[i] = x[i] * 2.0;
        }

        """
    }
    func runOnHost(_ arguments: [KernelArgument], count: Int) {
        let x = UnsafeMutablePointer<Double>(bitPattern: arguments[0].address!)!
        for index in 0..<count { x[index] *= 2 }
    }
}
