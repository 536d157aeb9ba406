/// The element types arrays hold, named as NumPy names them: the one list that the CPU library,
/// the GPU library, kernels and annotations share.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case float64, float32, int64, int32, bool

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .bool: 1
        }
    }

    /// Whether the type is `float64` or `float32`.
    public var isFloatingPoint: Bool { self == .float64 || self == .float32 }

    /// Whether the type is numeric (anything but `bool`).
    public var isNumeric: Bool { self != .bool }

    public var description: String { rawValue }
}

/// The element types an operation accepts.
public enum Domain: Sendable, Hashable {
    /// Every numeric type (not `bool`).
    case numeric
    /// `float64` and `float32`.
    case floatingPoint
    /// `bool` only.
    case boolean

    /// Whether `type` belongs to the domain.
    public func contains(_ type: DType) -> Bool {
        switch self {
        case .numeric: type.isNumeric
        case .floatingPoint: type.isFloatingPoint
        case .boolean: type == .bool
        }
    }
}

/// One element of any element type: the common ground of conversions between types, and how
/// programs receive their scalar parameters.
public enum ScalarValue: Sendable, Hashable {
    case floating(Double)
    case integer(Int64)
    case boolean(Bool)
}
