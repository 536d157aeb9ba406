import Devices

/// One batch in flight on the device: a stream, the pool its memory comes from, a pinned arena for
/// its copies, and the host work to finish once the device is done with the batch. A runtime keeps
/// its slots (and so their streams and pinned memory) for its whole life.
final class Slot {
    let transfer: TransferContext
    private let arena: PinnedArena
    private let event: DeviceEvent
    private let copyThreads: Int
    private var completions: [() throws -> Void] = []
    private(set) var busy = false

    init(transfer: TransferContext, copyThreads: Int) throws(DeviceError) {
        self.transfer = transfer
        event = try transfer.device.makeEvent()
        arena = PinnedArena(device: transfer.device)
        self.copyThreads = copyThreads
    }

    var device: any Device { transfer.device }

    /// Device memory for this batch.
    func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer {
        try transfer.allocate(bytes)
    }

    /// Copies host bytes to `buffer` through the pinned arena, asynchronously.
    func upload(_ bytes: UnsafeRawBufferPointer, to buffer: DeviceBuffer) throws(DeviceError) {
        if bytes.isEmpty { return }
        let pinned = try arena.reserve(bytes.count)
        ParallelCopy.copy(pinned, bytes.baseAddress!, bytes: bytes.count, threads: copyThreads)
        try device.copy(
            from: UnsafeRawPointer(pinned), to: buffer, offset: 0, bytes: bytes.count, on: transfer.stream)
    }

    /// Copies device bytes into the pinned arena, asynchronously; `then` receives them once the
    /// batch has completed.
    func download(
        _ buffer: DeviceBuffer, offset: Int, bytes: Int,
        then: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws(DeviceError) {
        let pinned = try arena.reserve(bytes)
        if bytes > 0 {
            try device.copy(from: buffer, offset: offset, to: pinned, bytes: bytes, on: transfer.stream)
        }
        completions.append { try then(UnsafeRawBufferPointer(start: pinned, count: bytes)) }
    }

    /// Copies device bytes straight into host memory of the final result, through the arena.
    func download(_ buffer: DeviceBuffer, offset: Int, into destination: UnsafeMutableRawBufferPointer)
        throws(DeviceError)
    {
        guard let base = destination.baseAddress, destination.count > 0 else { return }
        let threads = copyThreads
        let target = SendablePointer(base)
        try download(buffer, offset: offset, bytes: destination.count) { pinned in
            ParallelCopy.copy(target.pointer, pinned.baseAddress!, bytes: pinned.count, threads: threads)
        }
    }

    /// Marks the end of the batch's device work.
    func issueEnd() throws(DeviceError) {
        try device.record(event, on: transfer.stream)
        busy = true
    }

    /// Waits for the batch, then runs its host completions and frees the arena for the next one.
    func complete() throws {
        guard busy else { return }
        try onDevice { () throws(DeviceError) in try device.synchronize(event) }
        busy = false
        let work = completions
        completions.removeAll()
        defer { arena.reset() }
        for completion in work { try completion() }
    }

    /// Issues the end of the work issued so far and completes it.
    func finish() throws {
        try onDevice { () throws(DeviceError) in try issueEnd() }
        try complete()
    }

    /// Waits for the stream and forgets pending completions (after a failure), leaving the slot
    /// ready for the next batch.
    func abandon() {
        try? device.synchronize(transfer.stream)
        completions.removeAll()
        arena.reset()
        busy = false
    }

    /// Returns the arena's pinned memory to the device (the slot must be idle).
    func releasePinnedMemory() {
        arena.release()
    }
}
