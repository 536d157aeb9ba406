import Devices

// Reductions with NumPy's names, computed on the device. Results stay on the device as arrays
// (rank 0 without an axis); `item()` reads a rank-0 result back.

/// The sum of all elements as a rank-0 array; 0 for an empty array. Integers wrap.
public func sum<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.all(.sum, a, "sum").values
}

/// The sums along `axis` (0: of each column, 1: of each row; for a 1-D array axis 0 is all).
public func sum<S: GPUNumeric>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.along(.sum, a, axis: axis, "sum").values
}

/// The smallest element (NaN if any is NaN); throws for an empty array.
public func min<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.all(.min, a, "min").values
}

/// The largest element (NaN if any is NaN); throws for an empty array.
public func max<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.all(.max, a, "max").values
}

/// The index of the first smallest element, or of the first NaN; throws for an empty array.
public func argmin<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<Int64> {
    try Reduction.all(.min, a, "argmin").indices
}

/// The index of the first largest element, or of the first NaN; throws for an empty array.
public func argmax<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<Int64> {
    try Reduction.all(.max, a, "argmax").indices
}

/// The smallest elements along `axis`.
public func min<S: GPUNumeric>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.along(.min, a, axis: axis, "min").values
}

/// The largest elements along `axis`.
public func max<S: GPUNumeric>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError) -> GPUArray<S> {
    try Reduction.along(.max, a, axis: axis, "max").values
}

/// The indices of the smallest elements along `axis`.
public func argmin<S: GPUNumeric>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError) -> GPUArray<Int64> {
    try Reduction.along(.min, a, axis: axis, "argmin").indices
}

/// The indices of the largest elements along `axis`.
public func argmax<S: GPUNumeric>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError) -> GPUArray<Int64> {
    try Reduction.along(.max, a, axis: axis, "argmax").indices
}

/// The mean of all elements (NaN for an empty array), as a rank-0 array.
public func mean<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S>
where S.Scalar == S {
    try divide(sum(a), S(a.count))
}

/// The means along `axis`.
public func mean<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>, axis: Int) throws(GPUArrayError)
    -> GPUArray<S>
where S.Scalar == S {
    try divide(sum(a, axis: axis), S(a.rank == 2 ? a.shape[axis] : a.count))
}

/// The variance of all elements, `sum((a - mean)²) / (count - ddof)`, in two passes.
public func variance<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>, ddof: Int = 0) throws(GPUArrayError)
    -> GPUArray<S> where S.Scalar == S
{
    let deviations = try subtract(a, mean(a))
    return try divide(sum(multiply(deviations, deviations)), S(a.count - ddof))
}

/// The standard deviation of all elements.
public func std<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>, ddof: Int = 0) throws(GPUArrayError)
    -> GPUArray<S> where S.Scalar == S
{
    try sqrt(variance(a, ddof: ddof))
}

/// The variances along `axis`, `sum((a - mean)²) / (length - ddof)` in two passes as NDArrays
/// computes them (`numpy.var(a, axis=…)`).
public func variance<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>, axis: Int, ddof: Int = 0)
    throws(GPUArrayError) -> GPUArray<S> where S.Scalar == S
{
    var centre = try mean(a, axis: axis)
    if a.rank == 2 && axis == 1 { centre = try centre.reshaped([a.shape[0], 1]) }
    let deviations = try subtract(a, centre)
    let length = a.rank == 1 ? a.count : a.shape[axis]
    return try divide(sum(multiply(deviations, deviations), axis: axis), S(length - ddof))
}

/// The standard deviations along `axis` (`numpy.std(a, axis=…)`).
public func std<S: GPUFloatingPoint & GPUOperand>(_ a: GPUArray<S>, axis: Int, ddof: Int = 0)
    throws(GPUArrayError) -> GPUArray<S> where S.Scalar == S
{
    try sqrt(variance(a, axis: axis, ddof: ddof))
}

extension GPUArray {
    /// The single element of a rank-0 (or one-element) array, read back to the host.
    public func item() throws(GPUArrayError) -> Scalar {
        guard count == 1 else {
            throw .invalidArgument(
                operation: "item", expected: "an array of one element", found: describe(shape))
        }
        return try scalars()[0]
    }
}

/// Launches `ReductionKernel`s.
enum Reduction {
    static func all<S: GPUNumeric>(
        _ operation: ReductionKernel.Operation, _ a: GPUArray<S>, _ name: String
    ) throws(GPUArrayError) -> (values: GPUArray<S>, indices: GPUArray<Int64>) {
        if a.count == 0 && operation != .sum { throw .emptyInput(operation: name) }
        let context = GPUContext.current ?? a.context
        let blocks = ReductionKernel.blocks(for: a.count)
        let partialValues = try GPUArray<S>(empty: [blocks], in: context)
        let partialIndices = try GPUArray<Int64>(empty: [blocks], in: context)
        let values = try GPUArray<S>(empty: [], in: context)
        let indices = try GPUArray<Int64>(empty: [], in: context)
        let first = ReductionKernel(operation: operation, mode: .partials, type: S.gpuType)
        let second = ReductionKernel(operation: operation, mode: .final, type: S.gpuType)
        try onDevice { () throws(DeviceError) in
            try context.order(after: [a.context])
            try context.device.launch(
                first, count: a.count,
                arguments: [
                    argument(a), argument(partialIndices), argument(partialValues), argument(partialIndices),
                ],
                on: context.stream)
            try context.device.launch(
                second, count: blocks,
                arguments: [
                    argument(partialValues), argument(partialIndices), argument(values), argument(indices),
                ],
                on: context.stream)
        }
        return (values, indices)
    }

    static func along<S: GPUNumeric>(
        _ operation: ReductionKernel.Operation, _ a: GPUArray<S>, axis: Int, _ name: String
    ) throws(GPUArrayError) -> (values: GPUArray<S>, indices: GPUArray<Int64>) {
        guard axis >= 0 && axis < Swift.max(a.rank, 1) && a.rank >= 1 else {
            throw .invalidArgument(operation: name, expected: "an axis in 0..<\(a.rank)", found: "\(axis)")
        }
        if a.rank == 1 { return try all(operation, a, name) }
        let (rows, columns) = (a.shape[0], a.shape[1])
        let outputs = axis == 0 ? columns : rows
        if (axis == 0 ? rows : columns) == 0 && operation != .sum { throw .emptyInput(operation: name) }
        let context = GPUContext.current ?? a.context
        let values = try GPUArray<S>(empty: [outputs], in: context)
        let indices = try GPUArray<Int64>(empty: [outputs], in: context)
        if outputs == 0 { return (values, indices) }
        let kernel = ReductionKernel(
            operation: operation, mode: axis == 0 ? .columns : .rows, type: S.gpuType)
        try onDevice { () throws(DeviceError) in
            try context.order(after: [a.context])
            try context.device.launch(
                kernel, count: outputs,
                arguments: [
                    argument(a), argument(indices), argument(values), argument(indices),
                    .int64(Int64(rows)), .int64(Int64(columns)),
                ],
                on: context.stream)
        }
        return (values, indices)
    }

    static func argument<T>(_ array: GPUArray<T>) -> KernelArgument {
        let (buffer, byteOffset) = array.buffer
        return .buffer(buffer, offset: byteOffset)
    }
}
