import BachRuntime
import BachFrames
import Devices
import Foundation
import Frames
import GPUArrays
import GPUFrames
import Testing

@testable import Workloads

extension CUDASuite {
    /// crime_index and device series through CUDADevice and the double: the generated kernels of
    /// GPUFrames (fills and indicators of present values) and of the fused Series programs compile
    /// from their CUDA C and run; mode gpu and mode bach, unbounded and paging through 1 MiB,
    /// validate against mode cpu, and device and pinned memory return to their baselines.
    @Suite struct FramesTests {
        let double = CUDADouble.shared

        func run(_ mode: Mode, budget: Int? = nil, random: Bool) throws -> BenchmarkReport {
            var configuration = BenchmarkConfiguration(
                benchmark: .crimeIndex, mode: mode, size: 1 << 16, device: .cuda, gpuMemory: budget,
                randomData: random)
            configuration.cudaLibraries = double.libraries
            configuration.dataDirectory = NSTemporaryDirectory() + "bach-cuda-frames-\(getpid())-\(random)"
            defer { try? FileManager.default.removeItem(atPath: configuration.dataDirectory) }
            return try BenchmarkRunner.run(configuration) { _ in }
        }

        @Test(arguments: [false, true])
        func crimeIndexValidatesInEveryMode(random: Bool) throws {
            let baseline = (double.counter("device_bytes"), double.counter("pinned_bytes"))
            for (mode, budget) in [(Mode.gpu, nil), (.bach, nil), (.bach, 1 << 20)] as [(Mode, Int?)] {
                let pageable = double.counter("pageable_htod_copies") + double.counter("pageable_dtoh_copies")
                let report = try run(mode, budget: budget, random: random)
                #expect(report.valid, "\(mode) \(budget ?? 0): \(report.validation)")
                #expect(report.device.contains("H100"), "it ran on the double: \(report.device)")
                #expect(report.deviceLiveBytesAfter == 0)
                #expect(double.counter("device_bytes") == baseline.0, "\(mode): device memory returned")
                guard mode == .bach, let runtime = report.runtime else { continue }
                #expect(double.counter("pinned_bytes") == baseline.1, "pinned staging returned")
                let copies = double.counter("pageable_htod_copies") + double.counter("pageable_dtoh_copies")
                #expect(copies == pageable, "bach stages every copy through pinned memory")
                let stage = runtime.stages[0]
                #expect(stage.fusedGroups.count == 1 && stage.fusedGroups[0].count == 11, "\(stage)")
                // The seed's files hold integers, converted to doubles on the device (varied files
                // have missing values: they are read as doubles).
                let conversions = random ? 0 : 3
                #expect(stage.calls.filter { $0.backend == .gpu }.count == 12 + conversions, "\(stage)")
                // Per batch: the conversions, the fused program, then the sum of present values (a
                // fill and the two passes of the reduction).
                #expect(report.deviceCounters.kernelLaunches == (4 + conversions) * runtime.batches)
                if let budget { #expect(report.deviceCounters.peakBytes <= budget && runtime.batches > 4) }
            }
        }

        @Test func deviceSeriesOperationsThroughTheDriver() throws {
            let context = try GPUContext(device: try double.device())
            let values: [Double?] = (0..<5000).map { (row: Int) -> Double? in
                row % 7 == 3 ? nil : Double(row % 113) - 50
            }
            let host = Series<Double>(values, name: "v")
            let counts: [Int64?] = (0..<5000).map { (row: Int) -> Int64? in
                row % 5 == 1 ? nil : Int64(row % 31)
            }
            let integers = Series<Int64>(counts, name: "n")
            let (x, n) = (try GPUSeries(host, in: context), try GPUSeries(integers, in: context))
            #expect(try Series(x.mask(x > 10, 0) * 2) == (try host.mask(host > 10, 0) * 2))
            #expect(try Series(n.where(n < 20, 7)) == (try integers.where(integers < 20, 7)))
            #expect(try Series(n.mask(n > 25)) == (try integers.mask(integers > 25)))
            #expect(try x.sum() == host.sum() && x.countPresent() == host.countPresent())
            #expect(try x.min() == host.min() && n.max() == integers.max() && n.sum() == integers.sum())
            #expect(Swift.abs(try x.std() - host.std()) <= 1e-12 * host.std())
            #expect(
                try Series(n.toDouble()) == integers.toDouble(), "the conversion kernel compiles and runs")
            try context.releaseMemory()
        }
    }
}
