import ArgumentParser
import Devices
import NDArrays

/// `bach doctor`: what this machine offers Bach — the libraries found or missing, with paths and
/// reasons — and which paths are therefore in use. Exits 0 either way.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the devices and libraries found or missing, and the paths in use.")

    mutating func run() {
        print("CPU: \(Parallelism.availableCores) cores, NDArrays uses \(Parallelism.threads) threads")
        print("Vector math: \(VectorMath.description)")
        print("Linear algebra: \(LinearAlgebraLibrary.description)")
        let cuda = CUDAReport.probe()
        print("CUDA libraries:")
        for library in cuda.libraries {
            let status = library.path.map { "loaded \($0)" } ?? "missing (\(library.problem ?? "unknown"))"
            print("  \(library.name): \(status) — \(library.use)")
        }
        if let builtins = cuda.nvrtcBuiltins { print("  NVRTC builtins: loaded \(builtins)") }
        print("CUDA driver: \(cuda.driverVersion ?? "none"), NVRTC: \(cuda.nvrtcVersion ?? "none")")
        print("Kernel cache: \(cuda.kernelCache ?? "off (BACH_KERNEL_CACHE=off)")")
        if cuda.devices.isEmpty {
            print(
                "CUDA devices: none (\(cuda.problem ?? "unknown")); bench --device auto runs bach on the CPU")
        } else {
            print("CUDA devices:")
            for device in cuda.devices { print("  \(device)") }
        }
        if let check = cuda.kernelCheck { print("Kernel check: \(check)") }
        if let check = cuda.linearAlgebraCheck { print("Linear algebra check: \(check)") }
    }
}
