import BachRuntime
import Devices

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a runtime's device can run GPULearn, which needs the device's BLAS and eigensolver
/// (cuBLAS and cuSOLVER on CUDA). Where it cannot (a driver without cuBLAS, say), BachLearn records
/// its calls for the CPU only, and says so once per process on standard error, as the runtime does
/// when it finds no device at all.
enum DeviceSupport {
    private static let known = Locked<[ObjectIdentifier: Bool]>([:])

    /// Whether calls recorded in `runtime` may have GPU implementations.
    static func gpuLearn(_ runtime: Bach) -> Bool {
        guard let device = runtime.device else { return true }
        return known.withLock { known in
            let key = ObjectIdentifier(device)
            if let answer = known[key] { return answer }
            do {
                _ = try device.linearAlgebra
                known[key] = true
            } catch {
                known[key] = false
                let text = "BachLearn: \(error); its calls run on the CPU\n"
                text.withCString { _ = write(2, $0, strlen($0)) }
            }
            return known[key]!
        }
    }
}
