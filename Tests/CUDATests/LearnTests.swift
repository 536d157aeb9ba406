import BachRuntime
import BachLearn
import Devices
import GPUArrays
import GPULearn
import Learn
import NDArrays
import Testing

@testable import Workloads

extension CUDASuite {
    /// GPULearn's and BachLearn's CUDA path through CUDADevice, the double's cuBLAS and cuSOLVER
    /// and its compiled kernels: every estimator against Learn, the three benchmarks in modes gpu
    /// and bach at small sizes, under a random schedule, with device memory back to its baseline;
    /// and a failing library call as a typed error.
    @Suite struct LearnTests {
        let double = CUDADouble.shared

        func upload<S: GPUScalar & NDScalar>(_ array: NDArray<S>, _ context: GPUContext) throws -> GPUArray<S>
        {
            try array.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: array.shape, in: context) }
        }

        func download<S: GPUScalar & NDScalar>(_ array: GPUArray<S>) throws -> NDArray<S> {
            var host = NDArray<S>.empty(array.shape)
            try host.withUnsafeMutableBufferPointer { try array.copy(to: $0) }
            return host
        }

        func close(_ a: NDArray<Double>, _ b: NDArray<Double>, _ tolerance: Double) -> Bool {
            a.shape == b.shape
                && zip(a.scalars, b.scalars).allSatisfy {
                    Swift.abs($0 - $1) <= tolerance * Swift.max(1, Swift.abs($1))
                }
        }

        @Test func everyEstimatorMatchesLearn() throws {
            let baseline = double.counter("device_bytes")
            let calls = (double.counter("blas_calls"), double.counter("solver_calls"))
            do {
                let context = try GPUContext(device: try double.device())
                let (x, y) = try makeBlobs(
                    nSamples: 400, nFeatures: 24, centers: 4, centerBox: (-5, 5), randomState: 6)
                var hostSVD = Learn.TruncatedSVD(nComponents: 3, algorithm: .arpack)
                var svd = GPULearn.TruncatedSVD(nComponents: 3)
                #expect(
                    close(
                        try download(try svd.fitTransform(try upload(x, context))),
                        try hostSVD.fitTransform(x), 1e-9))
                var (hostScaler, hostPCA) = (
                    Learn.StandardScaler(), Learn.PCA(nComponents: 2, svdSolver: .covarianceEigh)
                )
                var (scaler, pca) = (GPULearn.StandardScaler(), GPULearn.PCA(nComponents: 2))
                let reduced = try pca.fitTransform(try scaler.fitTransform(try upload(x, context)))
                let hostReduced = try hostPCA.fitTransform(try hostScaler.fitTransform(x))
                #expect(close(try download(reduced), hostReduced, 1e-9))
                var (hostKNN, knn) = (
                    Learn.KNeighborsClassifier(nNeighbors: 3), GPULearn.KNeighborsClassifier(nNeighbors: 3)
                )
                try hostKNN.fit(try hostReduced.slice(0..<300), try y.slice(0..<300))
                try knn.fit(try reduced.slice(0..<300), try upload(try y.slice(0..<300), context))
                let predicted = try download(try knn.predict(try reduced.slice(300..<400)))
                #expect(predicted == (try hostKNN.predict(try hostReduced.slice(300..<400))))
                var (hostDBSCAN, dbscan) = (
                    Learn.DBSCAN(eps: 4, minSamples: 5), GPULearn.DBSCAN(eps: 4, minSamples: 5)
                )
                #expect(
                    try download(try dbscan.fitPredict(try upload(x, context)))
                        == (try hostDBSCAN.fitPredict(x)))
                try context.releaseMemory()
            }
            #expect(
                double.counter("blas_calls") > calls.0 + 5 && double.counter("solver_calls") == calls.1 + 2)
            #expect(double.counter("device_bytes") == baseline, "device memory returned")
        }

        func run(_ benchmark: Benchmark, _ mode: Mode, size: Int, budget: Int? = nil) throws
            -> BenchmarkReport
        {
            var configuration = BenchmarkConfiguration(
                benchmark: benchmark, mode: mode, size: size, device: .cuda, gpuMemory: budget)
            configuration.cudaLibraries = double.libraries
            return try BenchmarkRunner.run(configuration) { _ in }
        }

        @Test(arguments: [(Benchmark.tsvd, 1 << 9), (.pca, 1 << 4), (.dbscan, 1 << 10)])
        func theBenchmarksValidateThroughTheDouble(_ setting: (Benchmark, Int)) throws {
            let (benchmark, size) = setting
            let baseline = (double.counter("device_bytes"), double.counter("pinned_bytes"))
            for (mode, budget) in [(Mode.gpu, nil), (.bach, nil), (.bach, 512 << 10)] as [(Mode, Int?)] {
                let report = try run(benchmark, mode, size: size, budget: benchmark == .pca ? budget : nil)
                #expect(report.valid, "\(benchmark) \(mode): \(report.validation)")
                #expect(report.device.contains("H100"), "it ran on the double: \(report.device)")
                #expect(report.deviceLiveBytesAfter == 0)
                #expect(
                    double.counter("device_bytes") == baseline.0,
                    "\(benchmark) \(mode): device memory returned")
                #expect(double.counter("pinned_bytes") == baseline.1)
                if mode == .bach {
                    #expect(report.runtime!.stages.flatMap(\.calls).contains { $0.backend == .gpu })
                }
            }
        }

        @Test func underARandomSchedule() throws {
            for seed in 1...2 {
                try double.with(schedule: "random:\(seed)") {
                    for benchmark in [Benchmark.pca, .dbscan] {
                        let report = try run(benchmark, .bach, size: benchmark == .pca ? 1 << 3 : 1 << 9)
                        #expect(report.valid, "random schedule \(seed), \(benchmark): \(report.validation)")
                    }
                }
            }
        }

        @Test func aFailingLibraryCallIsATypedError() throws {
            let context = try GPUContext(device: try double.device())
            let x = try upload(NDArray<Double>.uniform([64, 8], seed: 2), context)
            double.with(faults: "library:1:14") {
                var svd = GPULearn.TruncatedSVD(nComponents: 2)
                #expect {
                    try svd.fit(x)
                } throws: { error in
                    guard
                        case .callFailed(let call, let code, let message)? = (error as? GPULearnError)?
                            .deviceError
                    else { return false }
                    return call == "cublasDsyrk_v2" && code == 14 && message == "an internal operation failed"
                }
            }
            try context.releaseMemory()
        }

        @Test func withoutCuBLASBachPlansForTheCPUAndModeGPUSaysWhatIsMissing() throws {
            var libraries = double.libraries
            libraries.cublas = "/nonexistent/libcublas.so"
            let device = try CUDADevice.open(budget: nil, libraries: libraries)
            let bach = Bach(device: device)
            var dbscan = BachLearn.DBSCAN(eps: 2, minSamples: 3)
            let x = NDArray<Double>.uniform([200, 3], seed: 1)
            var host = Learn.DBSCAN(eps: 2, minSamples: 3)
            #expect(try dbscan.fitPredict(bach.lazy(x)).value() == (try host.fitPredict(x)))
            #expect(bach.counters.stages.flatMap(\.calls).allSatisfy { $0.backend == .cpu })
            let context = try GPUContext(device: device)
            var gpu = GPULearn.DBSCAN(eps: 2, minSamples: 3)
            #expect {
                try gpu.fit(try upload(x, context))
            } throws: { error in
                guard case .libraryMissing(let library, let reason)? = (error as? GPULearnError)?.deviceError
                else {
                    return false
                }
                return library == "/nonexistent/libcublas.so" && reason.contains("BACH_CUBLAS")
            }
            try context.releaseMemory()
        }

        @Test func doctorListsCuBLASAndCuSOLVERAndChecksThem() {
            let report = CUDAReport.probe(double.libraries)
            #expect(report.libraries.map(\.name) == ["libcuda", "NVRTC", "cuBLAS", "cuSOLVER"])
            #expect(report.libraries.allSatisfy { $0.path == double.path })
            #expect(
                report.linearAlgebraCheck?.hasPrefix("ok") == true,
                "\(report.linearAlgebraCheck ?? "no check")")
        }
    }
}
