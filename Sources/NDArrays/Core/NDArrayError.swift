/// Why an `NDArray` operation could not run. Every message names the operation, what it expected
/// and what it found.
public enum NDArrayError: Error, Equatable, CustomStringConvertible {
    /// Operand shapes that cannot be broadcast together, or an `out:` array of the wrong shape.
    case shapeMismatch(operation: String, expected: String, found: String)
    /// An axis the array does not have.
    case invalidAxis(operation: String, axis: Int, rank: Int)
    /// A rank the operation does not accept.
    case invalidRank(operation: String, expected: String, found: Int)
    /// An operation with no identity applied to an empty array.
    case emptyInput(operation: String)
    /// A shape, size or count that is not valid here (negative, wrong element count, ragged rows).
    case invalidArgument(operation: String, expected: String, found: String)
    /// An iterative linear-algebra routine that did not converge.
    case notConverged(operation: String, detail: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let op, let expected, let found):
            "\(op): shape mismatch: expected \(expected), found \(found)"
        case .invalidAxis(let op, let axis, let rank):
            "\(op): axis \(axis) is out of bounds for an array of rank \(rank)"
                + " (expected \(rank == 0 ? "no axis" : "0..<\(rank)"))"
        case .invalidRank(let op, let expected, let found):
            "\(op): expected \(expected), found an array of rank \(found)"
        case .emptyInput(let op):
            "\(op): expected a non-empty array, found an empty one (the operation has no identity)"
        case .invalidArgument(let op, let expected, let found):
            "\(op): expected \(expected), found \(found)"
        case .notConverged(let op, let detail):
            "\(op): did not converge: \(detail)"
        }
    }
}

/// Formats a shape the way NumPy prints it: `(3,)`, `(2, 4)`, `()`.
func describe(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Runs a throwing array operation from a non-throwing context (operators, subscripts), trapping
/// with the error's message.
@inline(__always)
func trapping<R, E: Error>(_ body: () throws(E) -> R) -> R {
    do {
        return try body()
    } catch {
        fatalError("\(error)")
    }
}
