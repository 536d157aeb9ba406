import Devices

/// Something that can stand for one operand of a GPU elementwise function: a `GPUArray`, or a
/// scalar of its element type (which becomes a kernel parameter, so it costs no memory).
public protocol GPUOperand<Scalar> {
    associatedtype Scalar: GPUScalar
    /// The operand as the kernel launcher sees it.
    var erased: ErasedOperand { get }
}

/// An operand with its element type erased, for the kernel launcher.
public enum ErasedOperand {
    /// Array memory, with shape and context.
    case array(shape: [Int], buffer: DeviceBuffer, byteOffset: Int, type: DType, context: GPUContext)
    /// A scalar parameter.
    case scalar(KernelArgument, type: DType)
}

extension GPUArray: GPUOperand {
    public var erased: ErasedOperand {
        .array(
            shape: shape, buffer: storage.buffer, byteOffset: buffer.byteOffset, type: Scalar.gpuType,
            context: context)
    }
}

extension Double: GPUOperand {
    public typealias Scalar = Double
    public var erased: ErasedOperand { .scalar(kernelArgument, type: .float64) }
}

extension Float: GPUOperand {
    public typealias Scalar = Float
    public var erased: ErasedOperand { .scalar(kernelArgument, type: .float32) }
}

extension Int64: GPUOperand {
    public typealias Scalar = Int64
    public var erased: ErasedOperand { .scalar(kernelArgument, type: .int64) }
}

extension Int32: GPUOperand {
    public typealias Scalar = Int32
    public var erased: ErasedOperand { .scalar(kernelArgument, type: .int32) }
}

extension Bool: GPUOperand {
    public typealias Scalar = Bool
    public var erased: ErasedOperand { .scalar(kernelArgument, type: .bool) }
}
