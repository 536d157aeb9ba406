import Devices

/// Arrays filled on the device.
extension GPUArray {
    /// An array of the given shape with every element `value` (`torch.full`).
    public static func full(_ shape: [Int], _ value: Scalar, in context: GPUContext) throws(GPUArrayError)
        -> GPUArray
    where Scalar: GPUOperand, Scalar.Scalar == Scalar {
        let result = try GPUArray(empty: shape, in: context)
        return try Launcher.run("full", [value.erased], into: result) { $0[0] }
    }

    /// An array of zeros (`torch.zeros`).
    public static func zeros(_ shape: [Int], in context: GPUContext) throws(GPUArrayError) -> GPUArray
    where Scalar: GPUNumeric & GPUOperand, Scalar.Scalar == Scalar {
        try full(shape, 0, in: context)
    }
}
