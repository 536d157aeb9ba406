import Testing

extension CUDADoubleSuite {
    /// The double's cuBLAS and cuSOLVER: results against the definitions, work deferred to the
    /// stream like a kernel, handles in registries, the argument checks and the fault plan.
    @Suite struct LibraryTests {
        let cuda = DoubleLibrary.shared

        /// cuBLAS and cuSOLVER codes (cublas_api.h, cusolver_common.h).
        enum Status {
            static let notInitialized: Int32 = 1
            static let blasInvalidValue: Int32 = 7
            static let blasExecutionFailed: Int32 = 13
            static let solverInvalidValue: Int32 = 3
        }

        /// Column-major test matrices: distinct entries from a fixed formula.
        static func matrix(_ count: Int, seed: Double) -> [Double] {
            (0..<count).map { (Double($0) * 0.613 + seed).truncatingRemainder(dividingBy: 1.9) - 0.9 }
        }

        func blas() throws -> DoubleLibrary.Handle {
            var handle: DoubleLibrary.Handle = nil
            try check(cuda.cublasCreate(&handle), "cublasCreate_v2")
            return handle
        }

        @Test func gemmIsDeferredToItsStreamAndMatchesTheDefinition() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            let handle = try blas()
            let stream = try cuda.makeStream()
            try check(cuda.cublasSetStream(handle, stream), "cublasSetStream_v2")
            let (m, n, k) = (3, 2, 4)
            let a = Self.matrix(k * m, seed: 0.1)  // k × m: used transposed
            let b = Self.matrix(k * n, seed: 0.7)
            let (da, db, dc) = (
                try cuda.upload(a), try cuda.upload(b), try cuda.upload([Double](repeating: 1, count: m * n))
            )
            var (alpha, beta) = (2.0, 0.5)
            try check(
                cuda.cublasDgemm(
                    handle, 1, 0, Int32(m), Int32(n), Int32(k), &alpha, da, Int32(k), db, Int32(k), &beta, dc,
                    Int32(m)),
                "cublasDgemm_v2")
            #expect(cuda.counter("blas_calls") == 1 && cuda.counter("library_calls_run") == 0)
            #expect(cuda.counter("pending_operations") == 1)
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(cuda.counter("library_calls_run") == 1)
            let c = try cuda.download(dc, count: m * n, as: Double.self)
            for i in 0..<m {
                for j in 0..<n {
                    var total = 0.0
                    for p in 0..<k { total += a[p + i * k] * b[p + j * k] }
                    #expect(abs(c[i + j * m] - (2 * total + 0.5)) < 1e-14)
                }
            }
            try check(cuda.cublasDestroy(handle), "cublasDestroy_v2")
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            for buffer in [da, db, dc] { try check(cuda.cuMemFree(buffer), "cuMemFree") }
        }

        @Test func syrkFillsTheLowerTriangleOfTheGramMatrix() throws {
            try cuda.begin()
            defer { cuda.end() }
            let handle = try blas()
            let (n, k) = (3, 5)
            let a = Self.matrix(n * k, seed: 0.3)  // n × k, column-major: C = A·Aᵀ
            let (da, dc) = (try cuda.upload(a), try cuda.upload([Double](repeating: -7, count: n * n)))
            var (alpha, beta) = (1.0, 0.0)
            try check(
                cuda.cublasDsyrk(handle, 0, 0, Int32(n), Int32(k), &alpha, da, Int32(n), &beta, dc, Int32(n)),
                "cublasDsyrk_v2")
            // The call went to the legacy stream: a synchronous read waits for it.
            let c = try cuda.download(dc, count: n * n, as: Double.self)
            for j in 0..<n {
                for i in 0..<n {
                    var total = 0.0
                    for p in 0..<k { total += a[i + p * n] * a[j + p * n] }
                    #expect(i >= j ? abs(c[i + j * n] - total) < 1e-14 : c[i + j * n] == -7, "(\(i), \(j))")
                }
            }
            try check(cuda.cublasDestroy(handle), "cublasDestroy_v2")
            for buffer in [da, dc] { try check(cuda.cuMemFree(buffer), "cuMemFree") }
        }

        @Test(arguments: [1, 2, 9, 40])
        func syevdFindsEveryEigenpairInTheCallersWorkspace(_ n: Int) throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            var solver: DoubleLibrary.Handle = nil
            try check(cuda.cusolverDnCreate(&solver), "cusolverDnCreate")
            let seed = Self.matrix(n * n, seed: 0.2)
            var symmetric = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { symmetric[i + j * n] = seed[i + j * n] + seed[j + i * n] } }
            var upper = symmetric
            for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { upper[i + j * n] = .nan } }
            var lwork: Int32 = 0
            try check(
                cuda.cusolverDnDsyevdBufferSize(solver, 1, 1, Int32(n), 0, Int32(n), 0, &lwork), "bufferSize")
            #expect(Int(lwork) == 1 + 6 * n + 2 * n * n)
            let da = try cuda.upload(upper)
            let (dw, work, info) = (
                try cuda.allocate(n * 8), try cuda.allocate(Int(lwork) * 8), try cuda.upload([Int32(-1)])
            )
            try check(
                cuda.cusolverDnDsyevd(solver, 1, 1, Int32(n), da, Int32(n), dw, work, lwork, info),
                "cusolverDnDsyevd")
            #expect(cuda.counter("solver_calls") == 1)
            let values = try cuda.download(dw, count: n, as: Double.self)
            let vectors = try cuda.download(da, count: n * n, as: Double.self)
            #expect(try cuda.download(info, count: 1, as: Int32.self) == [0])
            #expect(values == values.sorted())
            for j in 0..<n {
                for i in 0..<n {
                    var av = 0.0
                    var dot = 0.0
                    for p in 0..<n {
                        av += symmetric[i + p * n] * vectors[p + j * n]
                        dot += vectors[p + i * n] * vectors[p + j * n]
                    }
                    #expect(abs(av - values[j] * vectors[i + j * n]) < 1e-11, "A v = λ v for pair \(j)")
                    #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
                }
            }
            try check(cuda.cusolverDnDestroy(solver), "cusolverDnDestroy")
            for buffer in [da, dw, work, info] { try check(cuda.cuMemFree(buffer), "cuMemFree") }
        }

        @Test func argumentsAreCheckedStrictly() throws {
            try cuda.begin()
            defer { cuda.end() }
            let handle = try blas()
            let small = try cuda.allocate(64)  // 8 doubles
            var (one, zero) = (1.0, 0.0)
            // A 3 × 3 operand needs 9 doubles: cuBLAS would read past the allocation on the device.
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 3, 3, 3, &one, small, 3, small, 3, &zero, small, 3)
                    == Status.blasInvalidValue)
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, &one, small, 1, small, 2, &zero, small, 2)
                    == Status.blasInvalidValue, "lda < m")
            #expect(
                cuda.cublasDgemm(handle, 5, 0, 2, 2, 2, &one, small, 2, small, 2, &zero, small, 2)
                    == Status.blasInvalidValue, "an unknown operation")
            #expect(
                cuda.cublasDsyrk(handle, 2, 0, 2, 2, &one, small, 2, &zero, small, 2)
                    == Status.blasInvalidValue, "CUBLAS_FILL_MODE_FULL")
            let scalarOnDevice = UnsafePointer<Double>(bitPattern: UInt(small))
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, scalarOnDevice, small, 2, small, 2, &zero, small, 2)
                    == Status.blasInvalidValue, "alpha in device memory")
            #expect(cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, &one, small, 2, small, 2, &zero, small, 2) == 0)
            #expect(
                cuda.cublasSetStream(handle, OpaquePointer(bitPattern: 0xdead0)) == Status.blasInvalidValue)
            var solver: DoubleLibrary.Handle = nil
            try check(cuda.cusolverDnCreate(&solver), "cusolverDnCreate")
            #expect(
                cuda.cusolverDnDsyevd(solver, 1, 0, 2, small, 2, small + 32, small + 48, 1, small + 56)
                    == Status.solverInvalidValue, "lwork 1 < 21")
            #expect(
                cuda.cusolverDnDsyevdBufferSize(solver, 1, 0, 3, 0, 2, 0, nil) == Status.solverInvalidValue,
                "lda < n, no lwork")
            try check(cuda.cusolverDnDestroy(solver), "cusolverDnDestroy")
            try check(cuda.cublasDestroy(handle), "cublasDestroy_v2")
            try check(cuda.cuMemFree(small), "cuMemFree")
        }

        @Test func handlesLiveInRegistriesAndStreamsMustStayAlive() throws {
            try cuda.begin()
            defer { cuda.end() }
            let before = cuda.counter("blas_handles_live")
            let handle = try blas()
            #expect(cuda.counter("blas_handles_live") == before + 1)
            let stream = try cuda.makeStream()
            try check(cuda.cublasSetStream(handle, stream), "cublasSetStream_v2")
            var bound: DoubleLibrary.Handle = nil
            try check(cuda.cublasGetStream(handle, &bound), "cublasGetStream_v2")
            #expect(bound == stream)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            let buffer = try cuda.allocate(32)
            var (one, zero) = (1.0, 0.0)
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, &one, buffer, 2, buffer, 2, &zero, buffer, 2)
                    == Status.blasExecutionFailed)
            try check(cuda.cublasDestroy(handle), "cublasDestroy_v2")
            #expect(cuda.counter("blas_handles_live") == before)
            #expect(cuda.cublasDestroy(handle) == Status.notInitialized, "destroyed twice")
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, &one, buffer, 2, buffer, 2, &zero, buffer, 2)
                    == Status.notInitialized)
            #expect(
                String(cString: cuda.cublasGetStatusName(Status.blasInvalidValue)!)
                    == "CUBLAS_STATUS_INVALID_VALUE")
            var solver: DoubleLibrary.Handle = nil
            try check(cuda.cusolverDnCreate(&solver), "cusolverDnCreate")
            let doomed = try cuda.makeStream()
            try check(cuda.cusolverDnSetStream(solver, doomed), "cusolverDnSetStream")
            try check(cuda.cuStreamDestroy(doomed), "cuStreamDestroy")
            var lwork: Int32 = 0
            #expect(
                cuda.cusolverDnDsyevdBufferSize(solver, 1, 0, 4, 0, 4, 0, &lwork) == 0,
                "no work, no stream needed")
            #expect(
                cuda.cusolverDnDsyevd(solver, 1, 0, 1, buffer, 1, buffer + 8, buffer + 16, 1, buffer + 24)
                    == 6,
                "work needs the stream")
            try check(cuda.cusolverDnDestroy(solver), "cusolverDnDestroy")
            try check(cuda.cuMemFree(buffer), "cuMemFree")
        }

        @Test func theFaultPlanFailsTheNthLibraryCall() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            let handle = try blas()
            let (buffer, product) = (try cuda.upload([1.0, 2, 3, 4]), try cuda.allocate(32))
            var (one, zero) = (1.0, 0.0)
            #expect(cuda.cudaDoubleSetFaults("library:2:14") == 0)
            #expect(
                cuda.cublasDgemm(handle, 0, 0, 2, 2, 2, &one, buffer, 2, buffer, 2, &zero, product, 2) == 0)
            #expect(
                cuda.cublasDsyrk(handle, 0, 0, 2, 2, &one, buffer, 2, &zero, product, 2) == 14,
                "CUBLAS_STATUS_INTERNAL_ERROR")
            #expect(cuda.counter("blas_calls") == 1, "the failed call issued nothing")
            try check(cuda.cublasDestroy(handle), "cublasDestroy_v2")
            #expect(try cuda.download(product, count: 4, as: Double.self) == [7, 10, 15, 22])
            for address in [buffer, product] { try check(cuda.cuMemFree(address), "cuMemFree") }
        }
    }
}
