/// What a machine offers for CUDA, for `bach doctor`: each library found (with its path) or not
/// (with the loader's reason), the driver's version, and every device.
public struct CUDAReport: Sendable {
    /// One library the CUDA path may use.
    public struct Library: Sendable {
        public let name: String
        /// Where it was loaded from, or nil.
        public let path: String?
        /// Why it could not be loaded, or nil.
        public let problem: String?
        /// What the project uses it for.
        public let use: String
    }

    public let libraries: [Library]
    /// The driver's CUDA version, e.g. "13.0", or nil without a driver.
    public let driverVersion: String?
    /// One line per device: name, memory, compute capability, copy engines.
    public let devices: [String]
    /// Why no device could be listed, or nil.
    public let problem: String?

    /// Looks for the libraries and devices; never throws.
    public static func probe() -> CUDAReport {
        let wanted: [(String, [String], String)] = [
            ("libcuda", ["libcuda.so.1", "libcuda.so"], "the driver: memory, streams, copies, kernels"),
            ("NVRTC", NVRTC.names, "compiling generated kernels"),
            (
                "cuBLAS", ["libcublas.so", "libcublas.so.13", "libcublas.so.12"],
                "matrix products (later issues)"
            ),
            (
                "cuSOLVER", ["libcusolver.so", "libcusolver.so.12", "libcusolver.so.11"],
                "decompositions (later issues)"
            ),
        ]
        let libraries = wanted.map { name, files, use in
            do {
                let library = try SharedLibrary(anyOf: files)
                return Library(name: name, path: library.path, problem: nil, use: use)
            } catch {
                return Library(name: name, path: nil, problem: "\(error)", use: use)
            }
        }
        do {
            let driver = try DriverAPI()
            try driver.check(driver.cuInit(0), "cuInit")
            var version: Int32 = 0
            try driver.check(driver.cuDriverGetVersion(&version), "cuDriverGetVersion")
            var count: Int32 = 0
            try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
            var devices: [String] = []
            for ordinal in 0..<count {
                var name = [CChar](repeating: 0, count: 256)
                var total = 0
                var (major, minor, engines) = (Int32(0), Int32(0), Int32(0))
                try driver.check(driver.cuDeviceGetName(&name, 256, ordinal), "cuDeviceGetName")
                try driver.check(driver.cuDeviceTotalMem(&total, ordinal), "cuDeviceTotalMem")
                try driver.check(driver.cuDeviceGetAttribute(&major, 75, ordinal), "cuDeviceGetAttribute")
                try driver.check(driver.cuDeviceGetAttribute(&minor, 76, ordinal), "cuDeviceGetAttribute")
                try driver.check(driver.cuDeviceGetAttribute(&engines, 40, ordinal), "cuDeviceGetAttribute")
                devices.append(
                    "\(ordinal): \(String(nullTerminated: name)), \(formatBytes(total)), compute capability \(major).\(minor), "
                        + "\(engines) copy engines")
            }
            return CUDAReport(
                libraries: libraries, driverVersion: "\(version / 1000).\((version % 1000) / 10)",
                devices: devices,
                problem: devices.isEmpty ? "the driver reports no device" : nil)
        } catch {
            return CUDAReport(libraries: libraries, driverVersion: nil, devices: [], problem: "\(error)")
        }
    }
}
