import Devices

/// Copies between host memory and `GPUArray`s. These are the explicit transfers of hand-written
/// GPU code; the runtime's executor stages its own through pinned buffers.
extension GPUArray {
    /// A new device array holding `elements` (row-major) in `shape`; the copy is issued to the
    /// context's stream and the host memory may be reused when this returns.
    public init(
        copying elements: UnsafeBufferPointer<Scalar>, shape: [Int], in context: GPUContext
    ) throws(GPUArrayError) {
        guard shape.reduce(1, *) == elements.count else {
            throw .shapeMismatch(
                operation: "GPUArray(copying:)",
                expected: "\(shape.reduce(1, *)) elements for \(describe(shape))",
                found: "\(elements.count)")
        }
        try self.init(empty: shape, in: context)
        if elements.isEmpty { return }
        let (buffer, byteOffset) = self.buffer
        try onDevice { () throws(DeviceError) in
            try context.device.copy(
                from: UnsafeRawPointer(elements.baseAddress!), to: buffer, offset: byteOffset,
                bytes: elements.count * MemoryLayout<Scalar>.stride, on: context.stream)
        }
    }

    /// Copies the elements into `destination` (row-major), waiting for the work that produces them.
    public func copy(to destination: UnsafeMutableBufferPointer<Scalar>) throws(GPUArrayError) {
        guard destination.count == count else {
            throw .shapeMismatch(
                operation: "copy(to:)", expected: "room for \(count) elements", found: "\(destination.count)")
        }
        if count == 0 { return }
        let (buffer, byteOffset) = self.buffer
        try onDevice { () throws(DeviceError) in
            try context.device.copy(
                from: buffer, offset: byteOffset, to: UnsafeMutableRawPointer(destination.baseAddress!),
                bytes: count * MemoryLayout<Scalar>.stride, on: context.stream)
            try context.synchronize()
        }
    }

    /// The elements in row-major order, copied to the host.
    public func scalars() throws(GPUArrayError) -> [Scalar] {
        let values = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: count)
        defer { values.deallocate() }
        try copy(to: values)
        return Array(values)
    }

    /// A copy of this array in new device memory of the same context.
    public func copy() throws(GPUArrayError) -> GPUArray {
        let target = GPUContext.current ?? context
        let result = try GPUArray(empty: shape, in: target)
        if count == 0 { return result }
        let (source, sourceOffset) = buffer
        try onDevice { () throws(DeviceError) in
            try target.order(after: [context])
            try target.device.copy(
                from: source, offset: sourceOffset, to: result.buffer.buffer,
                offset: result.buffer.byteOffset,
                bytes: count * MemoryLayout<Scalar>.stride, on: target.stream)
        }
        return result
    }
}
