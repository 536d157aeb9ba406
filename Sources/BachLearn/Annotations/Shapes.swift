import BachRuntime
import BachNumeric
import Learn

/// The shape checks BachLearn's inferences make when a call is recorded; what they refuse is
/// reported by `evaluate`, naming the call, with `Learn`'s errors.
enum Shapes {
    /// Rows and columns of a samples argument: a 2-D array of doubles.
    static func samples(_ info: ArgumentInfo, _ operation: String) throws -> (rows: Int, columns: Int) {
        guard let split = info.splitType as? ArraySplit<Double>, split.shape.count == 2 else {
            throw LearnError.invalidShape(
                operation: operation, expected: "a 2-D array of doubles (samples × features)",
                found: "\(info.splitType)")
        }
        return (split.shape[0], split.shape[1])
    }

    /// Checks a labels argument: a 1-D array of `Int64` with one label per sample.
    static func labels(_ info: ArgumentInfo, samples: Int, _ operation: String) throws {
        guard let split = info.splitType as? ArraySplit<Int64>, split.shape.count == 1 else {
            throw LearnError.invalidShape(
                operation: operation, expected: "a 1-D array of Int64 labels", found: "\(info.splitType)")
        }
        guard split.shape[0] == samples else {
            throw LearnError.sampleCountMismatch(
                operation: operation, expected: samples, found: split.shape[0])
        }
    }
}
