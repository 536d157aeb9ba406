#if canImport(Glibc)
    import Glibc
#endif

/// Which files provide CUDA: the driver (`libcuda.so.1`) and NVRTC (`libnvrtc.so`). By default
/// the loader finds them; `BACH_CUDA_DRIVER` and `BACH_NVRTC` name files to load instead (CUDA
/// installed outside the loader's path, NVRTC installed by pip, or the project's CUDA double).
///
/// ```swift
/// let double = CUDALibraries(driver: "/path/libCUDADouble.so", nvrtc: "/path/libCUDADouble.so")
/// let device = try CUDADevice.open(budget: 4 << 20, libraries: double)
/// ```
public struct CUDALibraries: Sendable, Hashable {
    /// The driver library's file, or nil for the loader's `libcuda.so.1`.
    public var driver: String?
    /// NVRTC's file, or nil for the loader's `libnvrtc.so` (or a versioned name).
    public var nvrtc: String?

    public init(driver: String? = nil, nvrtc: String? = nil) {
        self.driver = driver
        self.nvrtc = nvrtc
    }

    /// The files named by `BACH_CUDA_DRIVER` and `BACH_NVRTC` (unset or empty: the loader's).
    public static var environment: CUDALibraries {
        func variable(_ name: String) -> String? {
            getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return CUDALibraries(driver: variable(DriverAPI.environment), nvrtc: variable(NVRTC.environment))
    }
}
