import Devices
import Testing

@testable import Workloads

extension CUDASuite {
    /// The paper's elementwise benchmarks through CUDADevice and the double: mode gpu (one kernel
    /// per call, or one fused kernel for the CuPy flavour) and mode bach, unbounded and paging through
    /// 4 MiB, validated against mode cpu, with device memory back to its baseline afterwards and no
    /// copy from pageable memory on bach's path.
    @Suite struct BenchmarkTests {
        static let benchmarks: [Benchmark] = [
            .blackscholesTorch, .haversineTorch, .blackscholesCupy, .haversineCupy,
        ]

        func run(_ benchmark: Benchmark, _ mode: Mode, budget: Int? = nil, fusion: Bool = true) throws
            -> BenchmarkReport
        {
            var configuration = BenchmarkConfiguration(
                benchmark: benchmark, mode: mode, size: 1 << 17, device: .cuda, gpuMemory: budget,
                randomData: true,
                fusion: fusion)
            configuration.cudaLibraries = CUDADouble.shared.libraries
            return try BenchmarkRunner.run(configuration) { _ in }
        }

        @Test(arguments: benchmarks)
        func everyModeValidatesAndReturnsTheDeviceMemory(_ benchmark: Benchmark) throws {
            let double = CUDADouble.shared
            let baseline = (double.counter("device_bytes"), double.counter("pinned_bytes"))
            for (mode, budget) in [(Mode.gpu, nil), (.bach, nil), (.bach, 4 << 20), (.bach, 1 << 20)]
                as [(Mode, Int?)]
            {
                let pageable = double.counter("pageable_htod_copies") + double.counter("pageable_dtoh_copies")
                let report = try run(benchmark, mode, budget: budget)
                #expect(report.valid, "\(benchmark) \(mode) \(budget ?? 0): \(report.validation)")
                #expect(report.device.contains("H100"), "it ran on the double: \(report.device)")
                #expect(report.deviceLiveBytesAfter == 0)
                #expect(double.counter("device_bytes") == baseline.0, "\(mode): device memory returned")
                if mode == .bach {
                    #expect(double.counter("pinned_bytes") == baseline.1, "pinned staging returned")
                    let copies =
                        double.counter("pageable_htod_copies") + double.counter("pageable_dtoh_copies")
                    #expect(copies == pageable, "bach stages every copy through pinned memory")
                    if let budget {
                        #expect(report.deviceCounters.peakBytes <= budget && report.runtime!.batches > 1)
                    }
                    #expect(
                        report.deviceCounters.kernelLaunches == report.runtime!.batches,
                        "one fused kernel per batch")
                }
            }
        }

        @Test func unfusedAndUnderARandomScheduleToo() throws {
            let report = try run(.blackscholesTorch, .bach, budget: 4 << 20, fusion: false)
            #expect(report.valid && report.deviceCounters.kernelLaunches > 20 * report.runtime!.batches)
            for seed in 1...3 {
                try CUDADouble.shared.with(schedule: "random:\(seed)") {
                    for benchmark in [Benchmark.blackscholesCupy, .haversineTorch] {
                        let paged = try run(benchmark, .bach, budget: 1 << 20)
                        #expect(paged.valid, "random schedule \(seed): \(paged.validation)")
                    }
                }
            }
        }

        @Test func doctorFindsTheDoubleAndRunsAKernel() {
            let report = CUDAReport.probe(CUDADouble.shared.libraries)
            #expect(report.libraries.allSatisfy { $0.path == CUDADouble.shared.path })
            #expect(report.devices.first?.contains("compute capability 9.0") == true)
            #expect(report.kernelCheck?.hasPrefix("ok") == true, "\(report.kernelCheck ?? "no check")")
        }
    }
}
