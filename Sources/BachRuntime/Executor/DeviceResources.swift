import Devices

/// What a runtime keeps on its device between stages and evaluations, as PyTorch keeps its
/// caching allocator: one memory pool, the batch slots (streams, events, pinned staging) of
/// split stages, and the resident slot, whose stream and pool hold values kept on the device
/// (`materialize(on: .gpu)`) and run stages on whole values. Creating streams and pinning memory
/// cost milliseconds each, so they are made once; device memory freed by a batch is reused by the
/// next batch, the next stage and the next evaluation.
final class DeviceResources: @unchecked Sendable {
    let device: any Device
    let pool: MemoryPool
    /// The slot of values kept on the device and of stages on whole values.
    let resident: Slot
    private var batchSlots: [Slot] = []
    private let copyThreads: Int

    init(device: any Device, copyThreads: Int) throws(DeviceError) {
        self.device = device
        self.copyThreads = copyThreads
        pool = MemoryPool(device: device)
        resident = try Slot(
            transfer: TransferContext(device: device, stream: device.makeStream(), pool: pool),
            copyThreads: copyThreads)
    }

    /// The first `count` batch slots, creating those that do not exist yet.
    func slots(_ count: Int) throws(DeviceError) -> [Slot] {
        while batchSlots.count < count {
            let transfer = TransferContext(device: device, stream: try device.makeStream(), pool: pool)
            batchSlots.append(try Slot(transfer: transfer, copyThreads: copyThreads))
        }
        return Array(batchSlots.prefix(count))
    }

    /// Device bytes this process may still use: the budget less what is allocated and not cached.
    var availableBytes: Int {
        device.properties.memoryBudget - (device.counters.liveBytes - pool.cachedBytes)
    }

    /// Waits for all work, frees the cached device memory and the pinned staging memory. Values
    /// still held on the device stay.
    func release() throws(DeviceError) {
        for slot in batchSlots + [resident] { try device.synchronize(slot.transfer.stream) }
        try pool.releaseCached()
        for slot in batchSlots + [resident] { slot.releasePinnedMemory() }
    }
}
