import Devices
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every test that runs the project's real CUDA code (CUDADevice, the GPU executor, the generated
/// kernels) through the CUDA double. They share one private copy of the double (its state is
/// process-wide), so they run one at a time.
@Suite(.serialized) enum CUDASuite {}

/// The CUDA double as these tests load it: a private copy of `libCUDADouble.so` (built beside the
/// test executable), so that its fault plans and counters are these tests' alone, and its control
/// functions.
final class CUDADouble: @unchecked Sendable {
    static let shared = CUDADouble()

    /// The copy's path.
    let path: String
    private let handle: UnsafeMutableRawPointer
    private let setFaultsFunction: @convention(c) (UnsafePointer<CChar>) -> Int32
    private let setScheduleFunction: @convention(c) (UnsafePointer<CChar>) -> Int32
    private let counterFunction: @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<Int64>) -> Int32

    private init() {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let built = executable.deletingLastPathComponent().appendingPathComponent("libCUDADouble.so").path
        path = NSTemporaryDirectory() + "bach-cuda-tests-\(getpid())-libCUDADouble.so"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.copyItem(atPath: built, toPath: path)
        let library = dlopen(path, RTLD_NOW | RTLD_GLOBAL)!
        handle = library
        setFaultsFunction = unsafeBitCast(
            dlsym(library, "cudaDoubleSetFaults")!, to: (@convention(c) (UnsafePointer<CChar>) -> Int32).self)
        setScheduleFunction = unsafeBitCast(
            dlsym(library, "cudaDoubleSetSchedule")!,
            to: (@convention(c) (UnsafePointer<CChar>) -> Int32).self)
        counterFunction = unsafeBitCast(
            dlsym(library, "cudaDoubleCounter")!,
            to: (@convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<Int64>) -> Int32).self)
    }

    /// The libraries that make `CUDADevice` drive the double (driver, NVRTC, cuBLAS, cuSOLVER).
    var libraries: CUDALibraries { CUDALibraries(driver: path, nvrtc: path, cublas: path, cusolver: path) }

    /// A device of the double with at most `budget` bytes.
    func device(budget: Int? = nil) throws -> CUDADevice {
        try CUDADevice.open(budget: budget, libraries: libraries)
    }

    /// The double's counter `name` (see CUDADouble.h: device_bytes, pinned_bytes, …).
    func counter(_ name: String) -> Int64 {
        var value: Int64 = 0
        precondition(counterFunction(name, &value) == 0, "unknown counter \(name)")
        return value
    }

    /// Sets the fault plan (`KIND:N:CODE,…`; empty clears it).
    func faults(_ spec: String) {
        precondition(setFaultsFunction(spec) == 0, "malformed fault plan \(spec)")
    }

    /// Sets the schedule (`deterministic` or `random:SEED`).
    func schedule(_ spec: String) {
        precondition(setScheduleFunction(spec) == 0, "malformed schedule \(spec)")
    }

    /// Runs `body` with the double's defaults restored afterwards.
    @discardableResult
    func with<R>(faults plan: String = "", schedule order: String = "deterministic", _ body: () throws -> R)
        rethrows
        -> R
    {
        faults(plan)
        schedule(order)
        defer {
            faults("")
            schedule("deterministic")
        }
        return try body()
    }
}
