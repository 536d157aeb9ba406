@_exported import Operations
import Devices

extension DType {
    /// The CUDA C type.
    var cudaType: String {
        switch self {
        case .float64: "double"
        case .float32: "float"
        case .int64: "long long"
        case .int32: "int"
        case .bool: "bool"
        }
    }
}

/// An element type of `GPUArray`: `Double`, `Float`, `Int64`, `Int32` or `Bool`.
public protocol GPUScalar: Sendable, Hashable {
    /// The kernel-level type.
    static var gpuType: DType { get }
}

/// A numeric element type of `GPUArray`.
public protocol GPUNumeric: GPUScalar, Comparable, Numeric {}

/// A floating-point element type of `GPUArray`.
public protocol GPUFloatingPoint: GPUNumeric, BinaryFloatingPoint {}

extension Double: GPUFloatingPoint {
    public static var gpuType: DType { .float64 }
}

extension Float: GPUFloatingPoint {
    public static var gpuType: DType { .float32 }
}

extension Int64: GPUNumeric {
    public static var gpuType: DType { .int64 }
}

extension Int32: GPUNumeric {
    public static var gpuType: DType { .int32 }
}

extension Bool: GPUScalar {
    public static var gpuType: DType { .bool }
}

extension GPUScalar {
    /// This value as a kernel parameter.
    var kernelArgument: KernelArgument {
        switch self {
        case let value as Double: .float64(value)
        case let value as Float: .float32(value)
        case let value as Int64: .int64(value)
        case let value as Int32: .int32(value)
        case let value as Bool: .int32(value ? 1 : 0)
        default: preconditionFailure("\(Self.self) is not a GPU scalar type")
        }
    }
}
