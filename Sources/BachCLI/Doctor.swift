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
            let status = library.path.map { "found at \($0)" } ?? "missing (\(library.problem ?? "unknown"))"
            print("  \(library.name): \(status) — \(library.use)")
        }
        print("CUDA driver: \(cuda.driverVersion ?? "none")")
        if cuda.devices.isEmpty {
            print(
                "CUDA devices: none (\(cuda.problem ?? "unknown")); bench --device auto runs bach on the CPU")
        } else {
            print("CUDA devices:")
            for device in cuda.devices { print("  \(device)") }
        }
    }
}
