import Devices

/// Why a `GPUArray` operation could not run: the arrays do not fit together, or the device failed.
public enum GPUArrayError: Error, Equatable, CustomStringConvertible, WrapsDeviceError {
    /// Operand shapes that cannot be broadcast together, or an `out:` array of the wrong shape.
    case shapeMismatch(operation: String, expected: String, found: String)
    /// A reduction without identity on an empty array.
    case emptyInput(operation: String)
    /// An argument outside what the operation accepts.
    case invalidArgument(operation: String, expected: String, found: String)
    /// The device failed (out of memory, a failed copy or launch).
    case device(DeviceError)

    /// The device's error, for `.device`.
    public var deviceError: DeviceError? {
        if case .device(let error) = self { error } else { nil }
    }

    public var description: String {
        switch self {
        case .shapeMismatch(let op, let expected, let found):
            "\(op): shape mismatch: expected \(expected), found \(found)"
        case .emptyInput(let op): "\(op): expected a non-empty array, found an empty one"
        case .invalidArgument(let op, let expected, let found): "\(op): expected \(expected), found \(found)"
        case .device(let error): "\(error)"
        }
    }
}

/// Formats a shape the way NumPy prints it: `(3,)`, `(2, 4)`, `()`.
func describe(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Runs a device call, wrapping its error.
@inline(__always)
func onDevice<R>(_ body: () throws(DeviceError) -> R) throws(GPUArrayError) -> R {
    do {
        return try body()
    } catch {
        throw .device(error)
    }
}
