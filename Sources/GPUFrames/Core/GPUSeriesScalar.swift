import GPUArrays

/// An element type of `GPUSeries`: `Double`, `Float`, `Int64`, `Int32` or `Bool`, with what a
/// missing slot holds, as in Frames (NaN for floating point, where NaN *is* the missing value;
/// 0 or `false` otherwise, with a validity mask saying the slot is missing).
public protocol GPUSeriesScalar: GPUScalar, GPUOperand where Scalar == Self {
    /// What a missing slot holds.
    static var missingPlaceholder: Self { get }
    /// Whether the type has a value meaning "missing" by itself (NaN), so that its series keep no
    /// validity mask.
    static var nanIsMissing: Bool { get }
}

extension Double: GPUSeriesScalar {
    public static var missingPlaceholder: Double { .nan }
    public static var nanIsMissing: Bool { true }
}

extension Float: GPUSeriesScalar {
    public static var missingPlaceholder: Float { .nan }
    public static var nanIsMissing: Bool { true }
}

extension Int64: GPUSeriesScalar {
    public static var missingPlaceholder: Int64 { 0 }
    public static var nanIsMissing: Bool { false }
}

extension Int32: GPUSeriesScalar {
    public static var missingPlaceholder: Int32 { 0 }
    public static var nanIsMissing: Bool { false }
}

extension Bool: GPUSeriesScalar {
    public static var missingPlaceholder: Bool { false }
    public static var nanIsMissing: Bool { false }
}

extension GPUSeriesScalar {
    /// The value as a `Double` (for means and counts).
    var asDouble: Double {
        switch self {
        case let x as Double: x
        case let x as Float: Double(x)
        case let x as Int64: Double(x)
        case let x as Int32: Double(x)
        case let x as Bool: x ? 1 : 0
        default: preconditionFailure("\(Self.self) is not a GPUSeries element type")
        }
    }
}
