#if canImport(Glibc)
    import Glibc
#endif

/// Which files provide CUDA: the driver (`libcuda.so.1`), NVRTC (`libnvrtc.so`), cuBLAS
/// (`libcublas.so`) and cuSOLVER (`libcusolver.so`). By default the loader finds them;
/// `BACH_CUDA_DRIVER`, `BACH_NVRTC`, `BACH_CUBLAS` and `BACH_CUSOLVER` name files to load instead
/// (CUDA installed outside the loader's path, NVRTC installed by pip, or the project's CUDA
/// double, which exports all four).
///
/// ```swift
/// let file = "/path/libCUDADouble.so"
/// let double = CUDALibraries(driver: file, nvrtc: file, cublas: file, cusolver: file)
/// let device = try CUDADevice.open(budget: 4 << 20, libraries: double)
/// ```
public struct CUDALibraries: Sendable, Hashable {
    /// The driver library's file, or nil for the loader's `libcuda.so.1`.
    public var driver: String?
    /// NVRTC's file, or nil for the loader's `libnvrtc.so` (or a versioned name).
    public var nvrtc: String?
    /// cuBLAS's file, or nil for the loader's `libcublas.so` (or a versioned name).
    public var cublas: String?
    /// cuSOLVER's file, or nil for the loader's `libcusolver.so` (or a versioned name).
    public var cusolver: String?

    public init(driver: String? = nil, nvrtc: String? = nil, cublas: String? = nil, cusolver: String? = nil) {
        self.driver = driver
        self.nvrtc = nvrtc
        self.cublas = cublas
        self.cusolver = cusolver
    }

    /// The files named by `BACH_CUDA_DRIVER`, `BACH_NVRTC`, `BACH_CUBLAS` and `BACH_CUSOLVER` (unset
    /// or empty: the loader's).
    public static var environment: CUDALibraries {
        func variable(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return CUDALibraries(
            driver: variable(DriverAPI.environment), nvrtc: variable(NVRTC.environment),
            cublas: variable(CUBLAS.environment), cusolver: variable(CUSOLVER.environment))
    }
}
