import NDArrays

/// Why a `Learn` estimator, dataset generator or metric refused its input. Every message names the
/// operation, what it expected and what it found.
public enum LearnError: Error, Equatable, CustomStringConvertible {
    /// An array of the wrong rank or shape (X must be 2-D, y 1-D).
    case invalidShape(operation: String, expected: String, found: String)
    /// Fewer samples or features than the operation needs (an empty X, one sample for PCA).
    case tooFewSamples(operation: String, expected: String, found: String)
    /// A NaN or an infinity in X; `value` is its description (`"nan"`, `"inf"`, `"-inf"`).
    case nonFinite(operation: String, row: Int, column: Int, value: String)
    /// X has a different number of features from the data the model was fitted on.
    case featureCountMismatch(operation: String, expected: Int, found: Int)
    /// Two arrays that must have one entry per sample (X and y, true and predicted labels) differ
    /// in length.
    case sampleCountMismatch(operation: String, expected: Int, found: Int)
    /// A parameter outside its valid range (`nComponents`, `nNeighbors`, `eps`, …).
    case invalidParameter(operation: String, name: String, expected: String, found: String)
    /// `transform`, `predict` or `inverseTransform` on a model that has not been fitted.
    case notFitted(operation: String)
    /// A decomposition underneath did not converge or refused its input.
    case linearAlgebra(NDArrayError)

    /// The message: the operation, what it expected, what it found.
    public var description: String {
        switch self {
        case .invalidShape(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        case .tooFewSamples(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        case .nonFinite(let op, let row, let column, let value):
            "\(op): expected finite values, found \(value) at row \(row), column \(column)"
        case .featureCountMismatch(let op, let expected, let found):
            "\(op): expected \(expected) features, as in the data the model was fitted on, found \(found)"
        case .sampleCountMismatch(let op, let expected, let found):
            "\(op): expected \(expected) samples, one per row of the other argument, found \(found)"
        case .invalidParameter(let op, let name, let expected, let found):
            "\(op): expected \(name) \(expected), found \(found)"
        case .notFitted(let op):
            "\(op): expected a fitted model, found one that has not been fitted (call fit first)"
        case .linearAlgebra(let error):
            "\(error)"
        }
    }
}

/// Runs an NDArrays call, turning its error into `LearnError.linearAlgebra`.
@inline(__always)
func linearAlgebra<R>(_ body: () throws(NDArrayError) -> R) throws(LearnError) -> R {
    do {
        return try body()
    } catch {
        throw .linearAlgebra(error)
    }
}
