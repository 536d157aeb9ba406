import BachRuntime
import BachFrames
import Devices
import Frames
import NDArrays
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The runtimes every lazy program is checked on: the CPU alone (in batches of 256 rows), a
/// simulated device, and a simulated device paging in batches of at most 100 rows.
func runtimes() throws -> [(String, Bach)] {
    [
        ("cpu", Bach(options: Bach.Options(cpuBatchBytes: 1 << 12))),
        ("device", Bach(device: try SimulatedDevice(memory: 64 << 20))),
        (
            "paged",
            Bach(
                device: try SimulatedDevice(memory: 64 << 20), options: Bach.Options(maximumDeviceBatch: 100))
        ),
    ]
}

/// Pseudo-random doubles in [-50, 50) with every `missingEvery`-th value missing.
func sample(_ count: Int, seed: UInt64, missingEvery: Int = 7) -> [Double?] {
    var state = seed
    return (0..<count).map { index in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        if index % missingEvery == 3 { return nil }
        return Double(state >> 11) / Double(1 << 53) * 100 - 50
    }
}

/// Whether `a` and `b` agree within `relative` of the larger magnitude (or of 1 below 1); NaNs agree.
func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    a == b || a.isNaN && b.isNaN || Swift.abs(a - b) <= relative * Swift.max(1, Swift.abs(a), Swift.abs(b))
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = #function) -> String {
    let path = "/tmp/bachframes-tests-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber }).csv"
    let file = fopen(path, "wb")!
    _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, text.utf8.count, file) }
    fclose(file)
    return path
}
