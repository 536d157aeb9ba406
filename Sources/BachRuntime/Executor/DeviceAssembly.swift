import Devices

/// A stage output that stays on the device (`materialize(on: .gpu)`) and is computed there: each
/// batch copies its piece, device to device, into one buffer of the runtime's resident pool, so the
/// value never travels to the host and back.
final class DeviceAssembly: @unchecked Sendable {
    private let type: any ContiguousSplitType
    private let buffer: DeviceBuffer
    private let extent: Int
    private let resident: TransferContext
    private var adopted = false

    /// Room for the whole value of `type`, allocated for the resident stream, which has finished its
    /// earlier work (batches on other streams write into the buffer).
    init(_ type: any ContiguousSplitType, resident: TransferContext) throws(DeviceError) {
        self.type = type
        self.resident = resident
        extent = type.extent ?? 1
        try resident.device.synchronize(resident.stream)
        buffer = try resident.allocate(extent * type.bytesPerElement)
    }

    /// Copies the device piece for `range` into place, on the batch's stream.
    func add(_ piece: Any, range: Range<Int>, on stream: DeviceStream) throws(DeviceError) {
        let (source, offset, bytes) = type.deviceBytes(of: piece)
        if bytes == 0 { return }
        try resident.device.copy(
            from: source, offset: offset, to: buffer, offset: range.lowerBound * type.bytesPerElement,
            bytes: bytes,
            on: stream)
    }

    /// The whole value, once every batch has completed.
    func finish() -> Any {
        adopted = true
        return type.deviceValue(adopting: buffer, count: extent, context: resident)
    }

    /// A stage that failed never adopts the buffer: it goes back to the pool.
    deinit {
        if !adopted { resident.pool.recycle(buffer, from: resident.stream) }
    }
}
