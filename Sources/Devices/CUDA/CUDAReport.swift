/// What a machine offers for CUDA, for `bach doctor`: each library found (with the file loaded) or
/// not (with the loader's reason), the driver's version, every device, and whether a kernel
/// compiles and runs.
public struct CUDAReport: Sendable {
    /// One library the CUDA path may use.
    public struct Library: Sendable {
        public let name: String
        /// The file loaded, or nil.
        public let path: String?
        /// Why it could not be loaded, or nil.
        public let problem: String?
        /// What the project uses it for.
        public let use: String
    }

    public let libraries: [Library]
    /// The driver's CUDA version, e.g. "13.0", or nil without a driver.
    public let driverVersion: String?
    /// NVRTC's version, e.g. "13.0", or nil without NVRTC.
    public let nvrtcVersion: String?
    /// The NVRTC builtins library loaded from NVRTC's folder, if one was needed there.
    public let nvrtcBuiltins: String?
    /// One line per device: name, memory, compute capability, copy engines.
    public let devices: [String]
    /// Why no device could be listed, or nil.
    public let problem: String?
    /// The outcome of compiling and running a small kernel on the first device, or nil when no
    /// device was found.
    public let kernelCheck: String?
    /// Where compiled kernels are cached on disk, or nil when caching is off.
    public let kernelCache: String?
    /// The outcome of a small matrix product and eigendecomposition through cuBLAS and cuSOLVER on
    /// the first device, or nil when no device was found.
    public let linearAlgebraCheck: String?

    /// Looks for the libraries and devices and tries a kernel; never throws.
    public static func probe(_ chosen: CUDALibraries = .environment) -> CUDAReport {
        let wanted: [(String, String?, String, [String], String, String)] = [
            (
                "libcuda", chosen.driver, DriverAPI.environment, DriverAPI.names, "cuInit",
                "the driver: memory, streams, copies, kernels"
            ),
            (
                "NVRTC", chosen.nvrtc, NVRTC.environment, NVRTC.names, "nvrtcVersion",
                "compiling generated kernels"
            ),
            (
                "cuBLAS", chosen.cublas, CUBLAS.environment, CUBLAS.names, "cublasCreate_v2",
                "matrix products (GPULearn: Gram matrices, projections, distances)"
            ),
            (
                "cuSOLVER", chosen.cusolver, CUSOLVER.environment, CUSOLVER.names, "cusolverDnCreate",
                "symmetric eigensolver (GPULearn: PCA, truncated SVD)"
            ),
        ]
        let libraries = wanted.map { name, file, variable, files, symbol, use in
            do {
                let library = try SharedLibrary(
                    file: file, environment: variable, anyOf: files, symbol: symbol)
                return Library(name: name, path: library.path, problem: nil, use: use)
            } catch {
                return Library(name: name, path: nil, problem: "\(error)", use: use)
            }
        }
        let cache = KernelCache.standard().folder
        let compiler = try? NVRTC(file: chosen.nvrtc)
        do {
            let session = try CUDASession.shared(chosen)
            let driver = session.driver
            var version: Int32 = 0
            try driver.check(driver.cuDriverGetVersion(&version), "cuDriverGetVersion")
            let (major, minor) = session.computeCapability
            let device =
                "0: \(session.name), \(formatBytes(session.totalMemory)), compute capability \(major).\(minor), "
                + "\(session.copyEngines) copy engines"
            return CUDAReport(
                libraries: libraries, driverVersion: "\(version / 1000).\((version % 1000) / 10)",
                nvrtcVersion: compiler?.versionString, nvrtcBuiltins: compiler?.builtins, devices: [device],
                problem: nil, kernelCheck: checkKernel(chosen), kernelCache: cache,
                linearAlgebraCheck: checkLinearAlgebra(chosen))
        } catch {
            return CUDAReport(
                libraries: libraries, driverVersion: nil, nvrtcVersion: compiler?.versionString,
                nvrtcBuiltins: compiler?.builtins, devices: [], problem: "\(error)", kernelCheck: nil,
                kernelCache: cache, linearAlgebraCheck: nil)
        }
    }

    /// Compiles a kernel adding 1 to 1,000 integers, runs it and checks the result.
    private static func checkKernel(_ libraries: CUDALibraries) -> String {
        do {
            let device = try CUDADevice.open(budget: nil, libraries: libraries)
            let count = 1000
            let bytes = count * MemoryLayout<Int32>.stride
            let stream = try device.makeStream()
            let buffer = try device.allocate(bytes)
            defer { device.free(buffer) }
            let host = try device.allocateHost(bytes)
            defer { device.freeHost(host) }
            let values = host.pointer.bindMemory(to: Int32.self, capacity: count)
            for index in 0..<count { values[index] = Int32(index) }
            try device.copy(from: host.pointer, to: buffer, offset: 0, bytes: bytes, on: stream)
            try device.launch(
                ProbeKernel(), count: count, arguments: [.buffer(buffer, offset: 0)], on: stream)
            try device.copy(from: buffer, offset: 0, to: host.pointer, bytes: bytes, on: stream)
            try device.synchronize(stream)
            let wrong = (0..<count).first { values[$0] != Int32($0) + 1 }
            return wrong.map { "wrong result: element \($0) is \(values[$0])" }
                ?? "ok (compiled, loaded and ran \(ProbeKernel().name) over \(count) elements)"
        } catch {
            return "failed: \(error)"
        }
    }
}

extension CUDAReport {
    /// Squares the symmetric matrix [[2, 1], [1, 2]] with cuBLAS and finds its eigenvalues (1, 3)
    /// with cuSOLVER, and checks both results.
    fileprivate static func checkLinearAlgebra(_ libraries: CUDALibraries) -> String {
        do {
            let device = try CUDADevice.open(budget: nil, libraries: libraries)
            let blas = try device.linearAlgebra
            let stream = try device.makeStream()
            let workspaceCount = try blas.symmetricEigenWorkspace(triangle: .lower, n: 2, leadingDimension: 2)
            let bytes = (4 + 4 + 2 + workspaceCount) * 8 + 8
            let buffer = try device.allocate(bytes)
            defer { device.free(buffer) }
            let host = try device.allocateHost(bytes)
            defer { device.freeHost(host) }
            let values = host.pointer.bindMemory(to: Double.self, capacity: 10)
            for (index, value) in [2.0, 1, 1, 2].enumerated() { values[index] = value }
            let (a, square) = (DeviceAddress(buffer), DeviceAddress(buffer, offset: 32))
            try device.copy(from: host.pointer, to: buffer, offset: 0, bytes: 32, on: stream)
            try blas.gemm(
                transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 1,
                a: DeviceMatrix(a, leadingDimension: 2), b: DeviceMatrix(a, leadingDimension: 2), beta: 0,
                c: DeviceMatrix(square, leadingDimension: 2), on: stream)
            try blas.symmetricEigen(
                triangle: .lower, n: 2, a: DeviceMatrix(a, leadingDimension: 2),
                values: DeviceAddress(buffer, offset: 64), workspace: DeviceAddress(buffer, offset: 80),
                workspaceCount: workspaceCount, info: DeviceAddress(buffer, offset: bytes - 8), on: stream)
            try device.copy(from: buffer, offset: 0, to: host.pointer, bytes: bytes, on: stream)
            try device.synchronize(stream)
            let product = (4..<8).map { values[$0] }
            let eigenvalues = (8..<10).map { values[$0] }
            let info = host.pointer.load(fromByteOffset: bytes - 8, as: Int32.self)
            guard product == [5, 4, 4, 5], info == 0, abs(eigenvalues[0] - 1) < 1e-12,
                abs(eigenvalues[1] - 3) < 1e-12
            else {
                return "wrong result: product \(product), eigenvalues \(eigenvalues), info \(info)"
            }
            return "ok (cublasDgemm and cusolverDnDsyevd ran: product [5, 4, 4, 5], eigenvalues 1 and 3)"
        } catch {
            return "failed: \(error)"
        }
    }
}

/// The kernel `bach doctor` runs: adds 1 to each of `count` 32-bit integers.
struct ProbeKernel: Kernel {
    var name: String { "bach_probe_increment" }

    var cudaSource: String {
        """
        extern "C" __global__ void bach_probe_increment(int* values, long long n) {
          for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n;
               i += (long long)blockDim.x * gridDim.x) {
            values[i] = values[i] + 1;
          }
        }

        """
    }

    func runOnHost(_ arguments: [KernelArgument], count: Int) {
        let values = UnsafeMutablePointer<Int32>(bitPattern: arguments[0].address!)!
        for index in 0..<count { values[index] += 1 }
    }
}
