/// The unary elementwise operations, with NumPy's names. Every array library of the project
/// implements exactly these (NDArrays on the CPU, GPUArrays in generated kernels), the annotated
/// library records them and the fuzzer generates them: an operation added here is added everywhere.
public enum UnaryOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case negative, abs
    case sqrt, floor, ceil
    case exp, log, log2, log10, sin, cos, tan, arcsin, arccos, arctan, erf
    case logicalNot

    /// The element types the operation accepts; the result has the operand's type.
    public var domain: Domain {
        switch self {
        case .negative, .abs: .numeric
        case .logicalNot: .boolean
        default: .floatingPoint
        }
    }

    /// Whether the operation costs tens of cycles per element (a library function call), which
    /// lowers the size from which it is worth splitting over threads.
    public var isTranscendental: Bool {
        switch self {
        case .negative, .abs, .sqrt, .floor, .ceil, .logicalNot: false
        default: true
        }
    }

    public var description: String { rawValue }
}
