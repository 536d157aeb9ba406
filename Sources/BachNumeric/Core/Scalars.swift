import GPUArrays
import NDArrays

/// An element type both the CPU library and the GPU library handle: `Double`, `Float`, `Int64`,
/// `Int32` or `Bool`.
public protocol ArrayScalar: NDScalar, GPUScalar, GPUOperand, LazyOperand where Scalar == Self {}

/// A numeric element type of both libraries.
public protocol ArrayNumeric: ArrayScalar, NDNumeric, GPUNumeric {}

/// A floating-point element type of both libraries.
public protocol ArrayFloatingPoint: ArrayNumeric, NDFloatingPoint, GPUFloatingPoint {}

extension Double: ArrayFloatingPoint {}
extension Float: ArrayFloatingPoint {}
extension Int64: ArrayNumeric {}
extension Int32: ArrayNumeric {}
extension Bool: ArrayScalar {}
