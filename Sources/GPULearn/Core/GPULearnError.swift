import Devices
import GPUArrays

/// Why a `GPULearn` estimator refused its input or could not finish on the device. Every message
/// names the operation, what it expected and what it found, as `Learn`'s errors do.
public enum GPULearnError: Error, Equatable, CustomStringConvertible {
    /// An array of the wrong rank or shape (X must be 2-D, y 1-D).
    case invalidShape(operation: String, expected: String, found: String)
    /// Fewer samples or features than the operation needs.
    case tooFewSamples(operation: String, expected: String, found: String)
    /// A NaN or an infinity in the data a model is fitted on.
    case nonFinite(operation: String)
    /// X has a different number of features from the data the model was fitted on.
    case featureCountMismatch(operation: String, expected: Int, found: Int)
    /// Two arrays that must have one entry per sample differ in length.
    case sampleCountMismatch(operation: String, expected: Int, found: Int)
    /// A parameter outside its valid range.
    case invalidParameter(operation: String, name: String, expected: String, found: String)
    /// `transform` or `predict` on a model that has not been fitted.
    case notFitted(operation: String)
    /// The device's eigensolver did not converge (cuSOLVER's positive `info`).
    case notConverged(operation: String, detail: String)
    /// The device failed: out of memory, a library missing, a failed copy or launch.
    case device(operation: String, GPUArrayError)

    public var description: String {
        switch self {
        case .invalidShape(let op, let expected, let found), .tooFewSamples(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        case .nonFinite(let op):
            "\(op): expected finite values, found a NaN or an infinity"
        case .featureCountMismatch(let op, let expected, let found):
            "\(op): expected \(expected) features, as in the data the model was fitted on, found \(found)"
        case .sampleCountMismatch(let op, let expected, let found):
            "\(op): expected \(expected) samples, one per row of the other argument, found \(found)"
        case .invalidParameter(let op, let name, let expected, let found):
            "\(op): expected \(name) \(expected), found \(found)"
        case .notFitted(let op):
            "\(op): expected a fitted model, found one that has not been fitted (call fit first)"
        case .notConverged(let op, let detail):
            "\(op): the eigensolver did not converge (\(detail))"
        case .device(let op, let error):
            "\(op): \(error)"
        }
    }

    /// The device error underneath, if the device failed (so that the runtime can tell running out
    /// of memory, which it answers with smaller batches, from other failures).
    public var deviceError: DeviceError? {
        if case .device(_, .device(let error)) = self { return error }
        return nil
    }
}

/// Runs a GPUArrays call for `operation`, turning its error into `GPULearnError.device`.
@inline(__always)
func device<R>(_ operation: String, _ body: () throws(GPUArrayError) -> R) throws(GPULearnError) -> R {
    do {
        return try body()
    } catch {
        throw .device(operation: operation, error)
    }
}

/// Runs a Devices call for `operation`, turning its error into `GPULearnError.device`.
@inline(__always)
func driver<R>(_ operation: String, _ body: () throws(DeviceError) -> R) throws(GPULearnError) -> R {
    do {
        return try body()
    } catch {
        throw .device(operation: operation, .device(error))
    }
}
