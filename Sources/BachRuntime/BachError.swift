import Devices

/// Why the runtime could not evaluate a graph. Errors raised by a call name the call.
public enum BachError: Error, CustomStringConvertible {
    /// A recorded call failed (at record time, e.g. shapes that do not broadcast, or while running).
    case callFailed(call: String, underlying: any Error)
    /// A value was read whose evaluation had failed earlier.
    case evaluationFailed(value: String, underlying: any Error)
    /// An argument had another type than the annotation expected.
    case typeMismatch(expected: String, found: String)
    /// The device failed in a way that smaller batches cannot fix.
    case device(DeviceError)
    /// A lazy value of another runtime instance was mixed in.
    case foreignValue(String)
    /// A broken invariant of the runtime itself (a bug).
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .callFailed(let call, let underlying):
            "\(underlying)".hasPrefix("\(call): ") ? "\(underlying)" : "\(call): \(underlying)"
        case .evaluationFailed(let value, let underlying):
            "reading \(value), whose evaluation failed: \(underlying)"
        case .typeMismatch(let expected, let found):
            "expected an argument of type \(expected), found \(found)"
        case .device(let error): "\(error)"
        case .foreignValue(let what): "\(what) belongs to another Bach runtime"
        case .internalInconsistency(let what): "internal error in the Bach runtime: \(what)"
        }
    }
}
