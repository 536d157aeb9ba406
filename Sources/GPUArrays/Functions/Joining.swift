import Devices

/// Joins arrays along axis 0 on the device (`torch.cat`): 1-D arrays end to end, 2-D arrays row
/// after row, by device-to-device copies on the first array's stream.
public func concatenate<S: GPUScalar>(_ arrays: [GPUArray<S>]) throws(GPUArrayError) -> GPUArray<S> {
    guard let first = arrays.first else {
        throw .invalidArgument(operation: "concatenate", expected: "at least one array", found: "none")
    }
    let joined =
        first.rank == 0 ? arrays.map { GPUArray(storage: $0.storage, offset: $0.offset, shape: [1]) } : arrays
    let template = joined[0].shape
    for array in joined where array.rank != template.count || array.shape.dropFirst() != template.dropFirst()
    {
        throw .shapeMismatch(
            operation: "concatenate", expected: "arrays like \(describe(template)) apart from axis 0",
            found: describe(array.shape))
    }
    var shape = template
    shape[0] = joined.reduce(0) { $0 + $1.shape[0] }
    let context = GPUContext.current ?? first.context
    let result = try GPUArray<S>(empty: shape, in: context)
    var offset = result.buffer.byteOffset
    try onDevice { () throws(DeviceError) in
        try context.order(after: joined.map(\.context))
        for array in joined where array.count > 0 {
            let bytes = array.count * MemoryLayout<S>.stride
            let (source, sourceOffset) = array.buffer
            try context.device.copy(
                from: source, offset: sourceOffset, to: result.buffer.buffer, offset: offset, bytes: bytes,
                on: context.stream)
            offset += bytes
        }
    }
    return result
}
