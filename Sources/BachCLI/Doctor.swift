import ArgumentParser
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
    }
}
