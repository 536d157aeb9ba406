import Devices
import Testing

@testable import Workloads

/// tsvd, pca and dbscan in every mode at small sizes, validated by the runner as the seed
/// validates them (tsvd within atol 0.2 of U·Σ or of mode cpu, pca's accuracy, dbscan's 32
/// clusters), with bach also paging through a small device budget and forced onto the CPU.
struct LearnCrossModeTests {
    static let cases: [(Benchmark, Int)] = [(.tsvd, 1 << 10), (.pca, 1 << 5), (.dbscan, 1 << 10)]

    @Test(arguments: cases.indices)
    func everyModeValidates(_ index: Int) throws {
        let (benchmark, size) = Self.cases[index]
        let configurations = [
            BenchmarkConfiguration(benchmark: benchmark, mode: .cpu, size: size),
            BenchmarkConfiguration(benchmark: benchmark, mode: .gpu, size: size, device: .simulated),
            BenchmarkConfiguration(benchmark: benchmark, mode: .bach, size: size, device: .simulated),
            BenchmarkConfiguration(benchmark: benchmark, mode: .bach, size: size, forceCPU: true),
        ]
        for configuration in configurations {
            let report = try BenchmarkRunner.run(configuration) { _ in }
            #expect(report.valid, "\(benchmark) \(configuration.mode): \(report.validation)")
            #expect(report.initTimes.allSatisfy { $0 > 0 }, "Init is generating the data, as in the seed")
            #expect(report.deviceLiveBytesAfter == 0)
        }
    }

    @Test func bachPlacesFitsByTheirSizeAndPagesThePredictions() throws {
        let report = try BenchmarkRunner.run(
            BenchmarkConfiguration(
                benchmark: .pca, mode: .bach, size: 1 << 8, device: .simulated, gpuMemory: 256 << 10)
        ) { _ in }
        #expect(report.valid, "\(report.validation)")
        let stages = report.runtime!.stages
        let fits = stages.flatMap(\.calls).filter { $0.name.hasSuffix(".fit") }
        #expect(fits.count == 3 && fits.allSatisfy { $0.backend == .cpu }, "Wine's fits are small")
        let predict = stages.first { $0.calls.contains { $0.name == "KNeighborsClassifier.predict" } }!
        #expect(predict.calls.map(\.backend) == [.cpu, .gpu, .gpu] && predict.batches > 1)
        #expect(report.deviceCounters.peakBytes <= 256 << 10)
        let tsvd = try BenchmarkRunner.run(
            BenchmarkConfiguration(benchmark: .tsvd, mode: .bach, size: 1 << 10, device: .simulated)
        ) { _ in }
        #expect(tsvd.runtime!.stages.flatMap(\.calls).allSatisfy { $0.backend == .gpu })
    }

    @Test func modeGPUNeedsItsWorkingSet() {
        #expect {
            try BenchmarkRunner.run(
                BenchmarkConfiguration(
                    benchmark: .dbscan, mode: .gpu, size: 1 << 10, device: .simulated, gpuMemory: 1 << 16)
            ) { _ in }
        } throws: { error in
            guard case .doesNotFit(let mode, _, let budget) = error as? BenchmarkError else { return false }
            return mode == "gpu" && budget == 1 << 16
        }
    }

    @Test func theDefaultSizesAreTheSeeds() {
        #expect(Benchmark.tsvd.defaultSize == 1 << 14 && Benchmark.pca.defaultSize == 1 << 10)
        #expect(Benchmark.dbscan.defaultSize == 1 << 13)
    }
}
