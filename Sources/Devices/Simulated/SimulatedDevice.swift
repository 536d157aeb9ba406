#if canImport(Glibc)
    import Glibc
#endif

/// A device that runs on the host but behaves like a GPU where the runtime can tell: its own
/// memory with a hard budget (allocating past it throws `outOfMemory`), explicit copies, streams
/// whose work runs later than it is issued, events, counters, a log of every operation issued and
/// completed, and injectable faults.
///
/// Stream work is deferred: it runs when the host waits for it (`synchronize`), in issue order per
/// stream, honouring cross-stream `wait`s. An executor that forgets a synchronisation therefore
/// reads stale data here exactly as it would on a GPU. Copies from pageable host memory read their
/// source when issued and copies to pageable host memory complete before the call returns, as
/// CUDA's do; copies to and from pinned memory (`allocateHost`) are asynchronous.
public final class SimulatedDevice: Device, @unchecked Sendable {
    public let properties: DeviceProperties
    private let state: Locked<SimulatedState>

    /// A simulated device with `memory` bytes, all of which the runtime may use. Throws
    /// `invalidArgument` for a negative size.
    public init(name: String = "Simulated GPU", memory: Int = 1 << 30, faults: FaultPlan = FaultPlan())
        throws(DeviceError)
    {
        guard memory >= 0 else {
            throw .invalidArgument(
                "SimulatedDevice: expected a memory size of 0 bytes or more, found \(memory)")
        }
        properties = DeviceProperties(
            kind: .simulated, name: name, totalMemory: memory, memoryBudget: memory,
            computeCapability: (0, 0), copyEngines: 2)
        state = Locked(SimulatedState(faults: faults))
    }

    public var counters: DeviceCounters { state.withLock { $0.counters } }

    /// Every operation issued and completed since the log was last cleared, in order.
    public var log: [SimulatedLogEntry] { state.withLock { $0.log } }

    /// Empties the log.
    public func clearLog() { state.withLock { $0.log.removeAll() } }

    /// Replaces the fault plan (counting starts afresh).
    public func inject(_ faults: FaultPlan) { state.withLock { $0.faults = faults } }

    /// The kernels `prepare` was asked for, in order (the simulated device compiles nothing; tests
    /// use this to check that the runtime prepares a stage's kernels first, and to compile them).
    public var preparedKernels: [any Kernel] { state.withLock { $0.prepared } }

    public func resetCounters() {
        state.withLock { $0.counters = $0.counters.reset }
    }

    public func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer {
        try state.withLock { state throws(DeviceError) in
            if state.faults.shouldFail(.allocation) {
                throw .outOfMemory(
                    requested: bytes, live: state.counters.liveBytes, budget: properties.memoryBudget)
            }
            guard bytes >= 0, state.counters.liveBytes + bytes <= properties.memoryBudget else {
                throw .outOfMemory(
                    requested: bytes, live: state.counters.liveBytes, budget: properties.memoryBudget)
            }
            var raw: UnsafeMutableRawPointer?
            guard posix_memalign(&raw, 256, Swift.max(bytes, 1)) == 0, let raw else {
                throw .callFailed(call: "allocate", code: Int(ENOMEM), message: "host memory exhausted")
            }
            let buffer = DeviceBuffer(address: UInt(bitPattern: raw), bytes: bytes)
            state.allocations[buffer.address] = bytes
            state.counters.allocations += 1
            state.counters.liveBytes += bytes
            state.counters.peakBytes = Swift.max(state.counters.peakBytes, state.counters.liveBytes)
            return buffer
        }
    }

    public func free(_ buffer: DeviceBuffer) {
        state.withLock { state in
            guard let bytes = state.allocations.removeValue(forKey: buffer.address) else {
                preconditionFailure("SimulatedDevice.free: \(buffer) was not allocated by this device")
            }
            state.counters.liveBytes -= bytes
            Glibc.free(UnsafeMutableRawPointer(bitPattern: buffer.address))
        }
    }

    public func allocateHost(_ bytes: Int) throws(DeviceError) -> HostBuffer {
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 4096, Swift.max(bytes, 1)) == 0, let raw else {
            throw .callFailed(call: "allocateHost", code: Int(ENOMEM), message: "host memory exhausted")
        }
        let buffer = HostBuffer(pointer: raw, bytes: bytes)
        state.withLock { state in
            state.pinned[UInt(bitPattern: raw)] = bytes
            state.counters.pinnedBytes += bytes
        }
        return buffer
    }

    public func freeHost(_ buffer: HostBuffer) {
        state.withLock { state in
            if let bytes = state.pinned.removeValue(forKey: UInt(bitPattern: buffer.pointer)) {
                state.counters.pinnedBytes -= bytes
            }
        }
        Glibc.free(buffer.pointer)
    }

    /// A stream whose work runs when the host waits for it. Once no reference to it remains, the
    /// work issued to it runs (CUDA's destroyed streams finish their work too).
    public func makeStream() throws(DeviceError) -> DeviceStream {
        let shared = state
        return state.withLock { state in
            let index = state.streams.count
            state.streams.append(SimulatedStream())
            return DeviceStream(handle: UInt(index), index: index) {
                shared.withLock { $0.runAll(index) }
            }
        }
    }

    public func copy(
        from source: UnsafeRawPointer, to destination: DeviceBuffer, offset: Int, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError) {
        try check(destination, offset: offset, bytes: bytes, "copy to device")
        try state.withLock { state throws(DeviceError) in
            try state.failIfPlanned(.copy, "copy to device")
            let target = UnsafeMutableRawPointer(bitPattern: destination.address + UInt(offset))!
            state.counters.bytesToDevice += bytes
            state.counters.copiesToDevice += 1
            let operation = SimulatedOperation.copyToDevice(bytes: bytes)
            if state.isPinned(source, bytes) {
                let from = UncheckedPointer(source)
                state.issue(operation, on: stream) { target.copyMemory(from: from.pointer, byteCount: bytes) }
            } else {
                let staged = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(bytes, 1), alignment: 64)
                staged.copyMemory(from: source, byteCount: bytes)
                state.issue(operation, on: stream) {
                    target.copyMemory(from: staged, byteCount: bytes)
                    staged.deallocate()
                }
            }
        }
    }

    public func copy(
        from source: DeviceBuffer, offset: Int, to destination: UnsafeMutableRawPointer, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError) {
        try check(source, offset: offset, bytes: bytes, "copy to host")
        try state.withLock { state throws(DeviceError) in
            try state.failIfPlanned(.copy, "copy to host")
            let from = UnsafeRawPointer(bitPattern: source.address + UInt(offset))!
            let target = UncheckedPointer(UnsafeRawPointer(destination))
            state.counters.bytesFromDevice += bytes
            state.counters.copiesFromDevice += 1
            state.issue(.copyToHost(bytes: bytes), on: stream) {
                UnsafeMutableRawPointer(mutating: target.pointer).copyMemory(from: from, byteCount: bytes)
            }
            if !state.isPinned(destination, bytes) { state.runAll(stream.index) }
        }
    }

    public func copy(
        from source: DeviceBuffer, offset sourceOffset: Int, to destination: DeviceBuffer,
        offset destinationOffset: Int, bytes: Int, on stream: DeviceStream
    ) throws(DeviceError) {
        try check(source, offset: sourceOffset, bytes: bytes, "copy on device")
        try check(destination, offset: destinationOffset, bytes: bytes, "copy on device")
        try state.withLock { state throws(DeviceError) in
            try state.failIfPlanned(.copy, "copy on device")
            let from = UnsafeRawPointer(bitPattern: source.address + UInt(sourceOffset))!
            let target = UnsafeMutableRawPointer(bitPattern: destination.address + UInt(destinationOffset))!
            state.issue(.copyOnDevice(bytes: bytes), on: stream) {
                target.copyMemory(from: from, byteCount: bytes)
            }
        }
    }

    public func launch(
        _ kernel: any Kernel, count: Int, arguments: [KernelArgument], on stream: DeviceStream
    ) throws(DeviceError) {
        try state.withLock { state throws(DeviceError) in
            try state.failIfPlanned(.kernel, "launch \(kernel.name)")
            for argument in arguments {
                if case .buffer(let buffer, _) = argument, state.allocations[buffer.address] == nil {
                    throw .invalidHandle(
                        "kernel \(kernel.name) was given memory this device did not allocate")
                }
            }
            state.counters.kernelLaunches += 1
            state.issue(.kernel(name: kernel.name), on: stream) { kernel.runOnHost(arguments, count: count) }
        }
    }

    /// BLAS and an eigensolver run on the host and issued to this device's streams.
    public var linearAlgebra: any DeviceLinearAlgebra { SimulatedLinearAlgebra(device: self) }

    /// Issues `body`, a library call reading and writing `regions` of this device's memory, to
    /// `stream` as one deferred operation, checked, counted and logged as a kernel named `name`.
    func issueLibraryCall(
        _ name: String, regions: [(start: DeviceAddress, bytes: Int)], on stream: DeviceStream,
        _ body: @escaping () -> Void
    ) throws(DeviceError) {
        for region in regions {
            try check(region.start.buffer, offset: region.start.offset, bytes: region.bytes, name)
        }
        try state.withLock { state throws(DeviceError) in
            try state.failIfPlanned(.kernel, name)
            state.counters.kernelLaunches += 1
            state.issue(.kernel(name: name), on: stream, body)
        }
    }

    public func prepare(_ kernels: [any Kernel]) throws(DeviceError) {
        state.withLock { $0.prepared += kernels }
    }

    public func makeEvent() throws(DeviceError) -> DeviceEvent {
        state.withLock { state in
            state.events.append(nil)
            return DeviceEvent(handle: UInt(state.events.count - 1)) {}
        }
    }

    public func record(_ event: DeviceEvent, on stream: DeviceStream) throws(DeviceError) {
        state.withLock { state in
            state.events[Int(event.handle)] = (stream.index, state.streams[stream.index].issued)
        }
    }

    public func wait(_ stream: DeviceStream, for event: DeviceEvent) throws(DeviceError) {
        state.withLock { state in
            guard let mark = state.events[Int(event.handle)] else { return }
            state.streams[stream.index].operations.append(.wait(stream: mark.stream, position: mark.position))
        }
    }

    public func synchronize(_ event: DeviceEvent) throws(DeviceError) {
        state.withLock { state in
            guard let mark = state.events[Int(event.handle)] else { return }
            state.run(mark.stream, upTo: mark.position)
        }
    }

    public func synchronize(_ stream: DeviceStream) throws(DeviceError) {
        state.withLock { $0.runAll(stream.index) }
    }

    private func check(_ buffer: DeviceBuffer, offset: Int, bytes: Int, _ operation: String)
        throws(DeviceError)
    {
        let size = state.withLock { $0.allocations[buffer.address] }
        guard let size, offset >= 0, bytes >= 0, offset + bytes <= size else {
            throw .invalidHandle(
                "\(operation): \(bytes) bytes at offset \(offset) of a buffer of \(buffer.bytes) bytes"
                    + (size == nil ? " that this device did not allocate" : ""))
        }
    }
}

/// A pointer carried into deferred work; the device's contract makes its use safe.
struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeRawPointer
    init(_ pointer: UnsafeRawPointer) { self.pointer = pointer }
}
