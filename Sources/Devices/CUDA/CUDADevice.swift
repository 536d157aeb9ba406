#if canImport(Glibc)
    import Glibc
#endif

/// An NVIDIA GPU driven through the CUDA driver API, loaded at run time (`libcuda.so.1`, or the
/// file `BACH_CUDA_DRIVER` names), with kernels compiled by NVRTC (`libnvrtc.so`, or
/// `BACH_NVRTC`) for the device's compute capability, and linear algebra by cuBLAS and cuSOLVER
/// (loaded on first use).
///
/// Every `CUDADevice` of a process shares one session (the primary context and the loaded
/// kernels); each has its own memory budget and counters. The device enforces its budget itself
/// (an allocation past it throws `outOfMemory`, as on the simulated device), so that
/// `--gpu-memory` makes the runtime page on any GPU.
public final class CUDADevice: Device, @unchecked Sendable {
    public let properties: DeviceProperties
    private let session: CUDASession
    private let state = Locked(CUDAState())

    private struct CUDAState {
        var counters = DeviceCounters()
        var streams = 0
    }

    /// The first GPU, with at most `budget` bytes (nil: its free memory less a margin of 5% of its
    /// memory, at least 256 MiB), driven through `libraries` (by default the files the environment
    /// names, else the loader's). Throws naming what is missing: the driver, NVRTC, or a device.
    public static func open(budget: Int?, libraries: CUDALibraries = .environment) throws(DeviceError)
        -> CUDADevice
    {
        let session = try CUDASession.shared(libraries)
        let (free, total) = try session.memoryInfo()
        let margin = Swift.max(256 << 20, total / 20)
        let usable = Swift.max(0, free - margin)
        let properties = DeviceProperties(
            kind: .cuda, name: session.name, totalMemory: session.totalMemory,
            memoryBudget: Swift.min(usable, Swift.max(0, budget ?? usable)),
            computeCapability: session.computeCapability, copyEngines: session.copyEngines)
        return CUDADevice(properties: properties, session: session)
    }

    private init(properties: DeviceProperties, session: CUDASession) {
        self.properties = properties
        self.session = session
    }

    private var driver: DriverAPI { session.driver }

    public var counters: DeviceCounters { state.withLock { $0.counters } }

    public func resetCounters() {
        state.withLock { $0.counters = $0.counters.reset }
    }

    public func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer {
        let size = Swift.max(bytes, 1)
        try state.withLock { state throws(DeviceError) in
            let live = state.counters.liveBytes
            guard bytes >= 0, live + size <= properties.memoryBudget else {
                throw .outOfMemory(requested: bytes, live: live, budget: properties.memoryBudget)
            }
            state.counters.liveBytes += size
        }
        var address: UInt64 = 0
        do {
            try session.bind()
            try driver.check(driver.cuMemAlloc(&address, size), "cuMemAlloc", requested: bytes)
        } catch {
            state.withLock { $0.counters.liveBytes -= size }
            if case .outOfMemory = error {
                throw .outOfMemory(
                    requested: bytes, live: counters.liveBytes, budget: properties.memoryBudget)
            }
            throw error
        }
        state.withLock { state in
            state.counters.allocations += 1
            state.counters.peakBytes = Swift.max(state.counters.peakBytes, state.counters.liveBytes)
        }
        return DeviceBuffer(address: UInt(address), bytes: size)
    }

    public func free(_ buffer: DeviceBuffer) {
        try? session.bind()
        _ = driver.cuMemFree(UInt64(buffer.address))
        state.withLock { $0.counters.liveBytes -= buffer.bytes }
    }

    public func allocateHost(_ bytes: Int) throws(DeviceError) -> HostBuffer {
        try session.bind()
        var pointer: UnsafeMutableRawPointer?
        try driver.check(
            driver.cuMemHostAlloc(&pointer, Swift.max(bytes, 1), CUDAConstant.hostAllocDefault),
            "cuMemHostAlloc", requested: bytes)
        state.withLock { $0.counters.pinnedBytes += bytes }
        return HostBuffer(pointer: pointer!, bytes: bytes)
    }

    public func freeHost(_ buffer: HostBuffer) {
        try? session.bind()
        _ = driver.cuMemFreeHost(buffer.pointer)
        state.withLock { $0.counters.pinnedBytes -= buffer.bytes }
    }

    public func makeStream() throws(DeviceError) -> DeviceStream {
        try session.bind()
        var stream: OpaquePointer?
        try driver.check(driver.cuStreamCreate(&stream, CUDAConstant.streamNonBlocking), "cuStreamCreate")
        let index = state.withLock { state in
            state.streams += 1
            return state.streams
        }
        let session = self.session
        let handle = UInt(bitPattern: stream)
        return DeviceStream(handle: handle, index: index) {
            try? session.bind()
            _ = session.driver.cuStreamDestroy(OpaquePointer(bitPattern: handle))
        }
    }

    public func copy(
        from source: UnsafeRawPointer, to destination: DeviceBuffer, offset: Int, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuMemcpyHtoDAsync(
                UInt64(destination.address) + UInt64(offset), source, bytes, handle(stream)),
            "cuMemcpyHtoDAsync")
        state.withLock { state in
            state.counters.bytesToDevice += bytes
            state.counters.copiesToDevice += 1
        }
    }

    public func copy(
        from source: DeviceBuffer, offset: Int, to destination: UnsafeMutableRawPointer, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuMemcpyDtoHAsync(
                destination, UInt64(source.address) + UInt64(offset), bytes, handle(stream)),
            "cuMemcpyDtoHAsync")
        state.withLock { state in
            state.counters.bytesFromDevice += bytes
            state.counters.copiesFromDevice += 1
        }
    }

    public func copy(
        from source: DeviceBuffer, offset sourceOffset: Int, to destination: DeviceBuffer,
        offset destinationOffset: Int, bytes: Int, on stream: DeviceStream
    ) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuMemcpyDtoDAsync(
                UInt64(destination.address) + UInt64(destinationOffset),
                UInt64(source.address) + UInt64(sourceOffset),
                bytes, handle(stream)),
            "cuMemcpyDtoDAsync")
    }

    public func launch(
        _ kernel: any Kernel, count: Int, arguments: [KernelArgument], on stream: DeviceStream
    ) throws(DeviceError) {
        let function = try session.function(for: kernel)
        try session.bind()
        let (blocks, threads) = kernel.grid(for: count)
        let values = arguments + [.int64(Int64(count))]
        let storage = UnsafeMutableRawPointer.allocate(byteCount: values.count * 8, alignment: 8)
        defer { storage.deallocate() }
        let pointers = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: values.count)
        defer { pointers.deallocate() }
        for (index, value) in values.enumerated() {
            let slot = storage + index * 8
            switch value {
            case .buffer(let buffer, let offset):
                slot.storeBytes(of: UInt64(buffer.address) + UInt64(offset), as: UInt64.self)
            case .int64(let x): slot.storeBytes(of: x, as: Int64.self)
            case .int32(let x): slot.storeBytes(of: x, as: Int32.self)
            case .float64(let x): slot.storeBytes(of: x, as: Double.self)
            case .float32(let x): slot.storeBytes(of: x, as: Float.self)
            }
            pointers[index] = slot
        }
        try driver.check(
            driver.cuLaunchKernel(
                function, UInt32(blocks), 1, 1, UInt32(threads), 1, 1, 0, handle(stream), pointers, nil),
            "cuLaunchKernel(\(kernel.name))")
        state.withLock { $0.counters.kernelLaunches += 1 }
    }

    public func prepare(_ kernels: [any Kernel]) throws(DeviceError) {
        try session.prepare(kernels)
    }

    /// cuBLAS and cuSOLVER (`libcublas.so`, `libcusolver.so`, or the files `BACH_CUBLAS` and
    /// `BACH_CUSOLVER` name), loaded on first use; each call counts as a kernel launch.
    public var linearAlgebra: any DeviceLinearAlgebra {
        get throws(DeviceError) {
            let state = self.state
            return CUDALinearAlgebra(handles: try session.linearAlgebra()) {
                state.withLock { $0.counters.kernelLaunches += 1 }
            }
        }
    }

    public func makeEvent() throws(DeviceError) -> DeviceEvent {
        try session.bind()
        var event: OpaquePointer?
        try driver.check(
            driver.cuEventCreate(&event, CUDAConstant.eventBlockingSyncNoTiming), "cuEventCreate")
        let session = self.session
        let handle = UInt(bitPattern: event)
        return DeviceEvent(handle: handle) {
            try? session.bind()
            _ = session.driver.cuEventDestroy(OpaquePointer(bitPattern: handle))
        }
    }

    public func record(_ event: DeviceEvent, on stream: DeviceStream) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuEventRecord(OpaquePointer(bitPattern: event.handle), handle(stream)), "cuEventRecord")
    }

    public func wait(_ stream: DeviceStream, for event: DeviceEvent) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuStreamWaitEvent(handle(stream), OpaquePointer(bitPattern: event.handle), 0),
            "cuStreamWaitEvent")
    }

    public func synchronize(_ event: DeviceEvent) throws(DeviceError) {
        try session.bind()
        try driver.check(
            driver.cuEventSynchronize(OpaquePointer(bitPattern: event.handle)), "cuEventSynchronize")
    }

    public func synchronize(_ stream: DeviceStream) throws(DeviceError) {
        try session.bind()
        try driver.check(driver.cuStreamSynchronize(handle(stream)), "cuStreamSynchronize")
    }

    private func handle(_ stream: DeviceStream) -> OpaquePointer? {
        OpaquePointer(bitPattern: stream.handle)
    }
}
