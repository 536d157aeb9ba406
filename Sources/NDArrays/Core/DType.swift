/// The element types an `NDArray` can hold, named as NumPy names them.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float64, float32, int64, int32, bool

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .bool: 1
        }
    }

    public var description: String { rawValue }
}
