import Devices
import Dispatch

/// Pinned host memory handed out in slices, reset once the batch using it has completed. The
/// executor stages every host↔device copy through it: pinned copies run at full bus speed and
/// asynchronously, pageable ones at a fraction of it.
final class PinnedArena: @unchecked Sendable {
    private let device: any Device
    private var chunks: [HostBuffer] = []
    private var chunk = 0
    private var used = 0

    /// New chunks are at least this large, so that a stage allocates pinned memory once.
    static let chunkBytes = 8 << 20

    init(device: any Device) {
        self.device = device
    }

    /// `bytes` bytes of pinned memory, valid until `reset()`.
    func reserve(_ bytes: Int) throws(DeviceError) -> UnsafeMutableRawPointer {
        let size = (Swift.max(bytes, 1) + 255) & ~255
        while chunk < chunks.count {
            if used + size <= chunks[chunk].bytes {
                defer { used += size }
                return chunks[chunk].pointer + used
            }
            chunk += 1
            used = 0
        }
        chunks.append(try device.allocateHost(Swift.max(size, Self.chunkBytes)))
        used = size
        return chunks[chunk].pointer
    }

    /// Makes all memory available again (the caller has waited for the copies using it).
    func reset() {
        chunk = 0
        used = 0
    }

    /// Returns all pinned memory to the device.
    func release() {
        for buffer in chunks { device.freeHost(buffer) }
        chunks.removeAll()
        reset()
    }

    deinit { release() }
}

/// Copies large host buffers with several threads: one core copies about 10 GB/s, sixteen about
/// 38 GB/s on the GPU machine, so staging keeps up with pinned transfers only when threaded.
enum ParallelCopy {
    /// Bytes below which one thread copies.
    static let threshold = 1 << 20

    static func copy(
        _ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, bytes: Int, threads: Int
    ) {
        let parts = Swift.min(threads, bytes / threshold)
        if parts <= 1 {
            destination.copyMemory(from: source, byteCount: bytes)
            return
        }
        let chunk = ((bytes + parts - 1) / parts + 63) & ~63
        let (to, from) = (
            SendablePointer(destination), SendablePointer(UnsafeMutableRawPointer(mutating: source))
        )
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = part * chunk
            let count = Swift.min(bytes - start, chunk)
            if count > 0 { (to.pointer + start).copyMemory(from: from.pointer + start, byteCount: count) }
        }
    }
}

/// A pointer shared with copy threads working on disjoint parts.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
}
