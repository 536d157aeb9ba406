/// Binary operations defined for every numeric element type.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, minimum, maximum
}

/// Binary operations defined for floating-point element types only.
public enum FloatBinaryOp: String, Sendable, CaseIterable {
    case divide, power
}

/// Comparisons; each yields a `Bool` array.
public enum ComparisonOp: String, Sendable, CaseIterable {
    case less, lessEqual, greater, greaterEqual, equal, notEqual
}

/// Unary operations defined for every numeric element type.
public enum UnaryOp: String, Sendable, CaseIterable {
    case negative, abs
}

/// Unary functions defined for floating-point element types only.
public enum MathFunction: String, Sendable, CaseIterable {
    case sqrt, floor, ceil
    case exp, log, log2, log10, sin, cos, tan, arcsin, arccos, arctan, erf

    /// Whether the function costs tens of cycles per element, which lowers the size from which it
    /// is split over threads.
    var isTranscendental: Bool {
        switch self {
        case .sqrt, .floor, .ceil: false
        default: true
        }
    }
}

/// Logical operations on `Bool` arrays.
public enum LogicalOp: String, Sendable, CaseIterable {
    case and, or, xor
}
