import Devices
import GPUArrays

/// Why a `GPUSeries` operation could not run: the operands do not fit together, or the device
/// failed. Every message names the operation, what it expected and what it found.
public enum GPUFrameError: Error, Equatable, CustomStringConvertible, WrapsDeviceError {
    /// Operands of different lengths (rows pair up by position, as in Frames).
    case lengthMismatch(operation: String, expected: Int, found: Int)
    /// An argument outside what the operation accepts (a 2-D array as values, a mask of another
    /// length).
    case invalidArgument(operation: String, expected: String, found: String)
    /// The GPU library failed: a device error (out of memory, a failed copy or launch) or a
    /// kernel it refused.
    case array(GPUArrayError)

    public var description: String {
        switch self {
        case .lengthMismatch(let op, let expected, let found):
            "\(op): expected \(expected) rows, found \(found)"
        case .invalidArgument(let op, let expected, let found): "\(op): expected \(expected), found \(found)"
        case .array(let error): "\(error)"
        }
    }

    /// The device error underneath, if the device failed (so that a runtime can tell running out
    /// of memory from other failures).
    public var deviceError: DeviceError? {
        if case .array(.device(let error)) = self { return error }
        return nil
    }
}

/// Runs GPU library code, wrapping its error.
@inline(__always)
func onGPU<R>(_ body: () throws(GPUArrayError) -> R) throws(GPUFrameError) -> R {
    do {
        return try body()
    } catch {
        throw .array(error)
    }
}
