/// Why a device operation failed. Every case names the operation; the runtime answers
/// `outOfMemory` by planning smaller batches and every other case by stopping with the error.
public enum DeviceError: Error, Equatable, CustomStringConvertible {
    /// An allocation beyond what the device (or the budget) allows.
    case outOfMemory(requested: Int, live: Int, budget: Int)
    /// A shared library the device needs could not be loaded or lacks a symbol.
    case libraryMissing(library: String, reason: String)
    /// A driver, NVRTC or simulated call returned an error.
    case callFailed(call: String, code: Int, message: String)
    /// A kernel did not compile; `log` is the compiler's output.
    case compilationFailed(kernel: String, log: String)
    /// No device of the requested kind exists.
    case noDevice(reason: String)
    /// A handle (stream, event, buffer) that this device did not make or already destroyed.
    case invalidHandle(String)
    /// An argument outside what the device accepts (what was expected and what was found).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .outOfMemory(let requested, let live, let budget):
            "device out of memory: requested \(formatBytes(requested)) with \(formatBytes(live)) live,"
                + " expected at most \(formatBytes(budget)) in all"
        case .libraryMissing(let library, let reason):
            "\(library) could not be loaded: \(reason)"
        case .callFailed(let call, let code, let message):
            "\(call) failed with code \(code): \(message)"
        case .compilationFailed(let kernel, let log):
            "kernel \(kernel) did not compile:\n\(log)"
        case .noDevice(let reason):
            "no device: \(reason)"
        case .invalidHandle(let what):
            "invalid handle: \(what)"
        case .invalidArgument(let what):
            what
        }
    }
}

/// An error of a library built on a device that may carry the device's own error (an array
/// library's "the device failed" case), so that a runtime can see through it: running out of
/// memory inside a library call means "plan smaller batches" wherever the call came from.
public protocol WrapsDeviceError: Error {
    /// The device's error this error carries, if it carries one.
    var deviceError: DeviceError? { get }
}
