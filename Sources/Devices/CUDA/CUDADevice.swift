#if canImport(Glibc)
    import Glibc
#endif

/// An NVIDIA GPU driven through the CUDA driver API, loaded at run time (`libcuda.so.1`), with
/// kernels compiled by NVRTC (`libnvrtc.so`) for the device's compute capability and cached by name.
///
/// The device enforces its memory budget itself (an allocation past it throws `outOfMemory`, as on
/// the simulated device), so that `--gpu-memory` makes the runtime page on any GPU.
public final class CUDADevice: Device, @unchecked Sendable {
    public let properties: DeviceProperties
    private let driver: DriverAPI
    private let compiler: NVRTC
    private let context: OpaquePointer?
    private let state = Locked(CUDAState())

    private struct CUDAState {
        var counters = DeviceCounters()
        var functions: [String: OpaquePointer] = [:]
        var streams = 0
    }

    /// The first GPU, with at most `budget` bytes (nil: its free memory less a margin of 5% of its
    /// memory, at least 256 MiB). Throws naming what is missing: the driver, NVRTC, or a device.
    public static func open(budget: Int?) throws(DeviceError) -> CUDADevice {
        let driver = try DriverAPI()
        let compiler = try NVRTC()
        try driver.check(driver.cuInit(0), "cuInit")
        var count: Int32 = 0
        try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
        guard count > 0 else { throw .noDevice(reason: "the CUDA driver reports no device") }
        var ordinal: Int32 = 0
        try driver.check(driver.cuDeviceGet(&ordinal, 0), "cuDeviceGet")
        var context: OpaquePointer?
        try driver.check(driver.cuDevicePrimaryCtxRetain(&context, ordinal), "cuDevicePrimaryCtxRetain")
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
        var name = [CChar](repeating: 0, count: 256)
        try driver.check(driver.cuDeviceGetName(&name, Int32(name.count), ordinal), "cuDeviceGetName")
        var (free, total) = (0, 0)
        try driver.check(driver.cuMemGetInfo(&free, &total), "cuMemGetInfo")
        func attribute(_ id: Int32) throws(DeviceError) -> Int {
            var value: Int32 = 0
            try driver.check(driver.cuDeviceGetAttribute(&value, id, ordinal), "cuDeviceGetAttribute(\(id))")
            return Int(value)
        }
        let (major, minor, engines) = (try attribute(75), try attribute(76), try attribute(40))
        let margin = Swift.max(256 << 20, total / 20)
        let usable = Swift.max(0, free - margin)
        let properties = DeviceProperties(
            kind: .cuda, name: String(nullTerminated: name), totalMemory: total,
            memoryBudget: Swift.min(usable, budget ?? usable), computeCapability: (major, minor),
            copyEngines: engines)
        return CUDADevice(properties: properties, driver: driver, compiler: compiler, context: context)
    }

    private init(properties: DeviceProperties, driver: DriverAPI, compiler: NVRTC, context: OpaquePointer?) {
        self.properties = properties
        self.driver = driver
        self.compiler = compiler
        self.context = context
    }

    /// Makes the device's context current on the calling thread (CUDA contexts are per thread).
    private func bind() throws(DeviceError) {
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
    }

    public var counters: DeviceCounters { state.withLock { $0.counters } }

    public func resetCounters() {
        state.withLock { state in
            let live = state.counters.liveBytes
            state.counters = DeviceCounters()
            state.counters.liveBytes = live
            state.counters.peakBytes = live
        }
    }

    public func allocate(_ bytes: Int) throws(DeviceError) -> DeviceBuffer {
        let live = counters.liveBytes
        guard live + bytes <= properties.memoryBudget else {
            throw .outOfMemory(requested: bytes, live: live, budget: properties.memoryBudget)
        }
        try bind()
        var address: UInt64 = 0
        do {
            try driver.check(driver.cuMemAlloc(&address, Swift.max(bytes, 1)), "cuMemAlloc", requested: bytes)
        } catch .outOfMemory {
            throw .outOfMemory(requested: bytes, live: live, budget: properties.memoryBudget)
        }
        state.withLock { state in
            state.counters.allocations += 1
            state.counters.liveBytes += bytes
            state.counters.peakBytes = Swift.max(state.counters.peakBytes, state.counters.liveBytes)
        }
        return DeviceBuffer(address: UInt(address), bytes: bytes)
    }

    public func free(_ buffer: DeviceBuffer) {
        try? bind()
        _ = driver.cuMemFree(UInt64(buffer.address))
        state.withLock { $0.counters.liveBytes -= buffer.bytes }
    }

    public func allocateHost(_ bytes: Int) throws(DeviceError) -> HostBuffer {
        try bind()
        var pointer: UnsafeMutableRawPointer?
        try driver.check(
            driver.cuMemHostAlloc(&pointer, Swift.max(bytes, 1), 0), "cuMemHostAlloc", requested: bytes)
        return HostBuffer(pointer: pointer!, bytes: bytes)
    }

    public func freeHost(_ buffer: HostBuffer) {
        try? bind()
        _ = driver.cuMemFreeHost(buffer.pointer)
    }

    public func makeStream() throws(DeviceError) -> DeviceStream {
        try bind()
        var stream: OpaquePointer?
        try driver.check(driver.cuStreamCreate(&stream, 1), "cuStreamCreate")
        let index = state.withLock { state in
            state.streams += 1
            return state.streams
        }
        return DeviceStream(handle: UInt(bitPattern: stream), index: index)
    }

    public func destroy(_ stream: DeviceStream) {
        try? bind()
        _ = driver.cuStreamSynchronize(handle(stream))
        _ = driver.cuStreamDestroy(handle(stream))
    }

    public func copy(
        from source: UnsafeRawPointer, to destination: DeviceBuffer, offset: Int, bytes: Int,
        on stream: DeviceStream
    ) throws(DeviceError) {
        try bind()
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
        try bind()
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
        try bind()
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
        try bind()
        let function = try function(for: kernel)
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

    /// The loaded function of `kernel`, compiling and loading its module on first use.
    private func function(for kernel: any Kernel) throws(DeviceError) -> OpaquePointer {
        if let cached = state.withLock({ $0.functions[kernel.name] }) { return cached }
        let (major, minor) = properties.computeCapability
        let image = try compiler.compile(kernel.cudaSource, name: kernel.name, major: major, minor: minor)
        var module: OpaquePointer?
        let loaded = image.withUnsafeBytes { driver.cuModuleLoadData(&module, $0.baseAddress) }
        try driver.check(loaded, "cuModuleLoadData(\(kernel.name))")
        var function: OpaquePointer?
        try driver.check(
            driver.cuModuleGetFunction(&function, module, kernel.name), "cuModuleGetFunction(\(kernel.name))")
        state.withLock { $0.functions[kernel.name] = function! }
        return function!
    }

    public func makeEvent() throws(DeviceError) -> DeviceEvent {
        try bind()
        var event: OpaquePointer?
        try driver.check(driver.cuEventCreate(&event, 2), "cuEventCreate")
        return DeviceEvent(handle: UInt(bitPattern: event))
    }

    public func destroy(_ event: DeviceEvent) {
        _ = driver.cuEventDestroy(OpaquePointer(bitPattern: event.handle))
    }

    public func record(_ event: DeviceEvent, on stream: DeviceStream) throws(DeviceError) {
        try bind()
        try driver.check(
            driver.cuEventRecord(OpaquePointer(bitPattern: event.handle), handle(stream)), "cuEventRecord")
    }

    public func wait(_ stream: DeviceStream, for event: DeviceEvent) throws(DeviceError) {
        try bind()
        try driver.check(
            driver.cuStreamWaitEvent(handle(stream), OpaquePointer(bitPattern: event.handle), 0),
            "cuStreamWaitEvent")
    }

    public func synchronize(_ event: DeviceEvent) throws(DeviceError) {
        try bind()
        try driver.check(
            driver.cuEventSynchronize(OpaquePointer(bitPattern: event.handle)), "cuEventSynchronize")
    }

    public func synchronize(_ stream: DeviceStream) throws(DeviceError) {
        try bind()
        try driver.check(driver.cuStreamSynchronize(handle(stream)), "cuStreamSynchronize")
    }

    private func handle(_ stream: DeviceStream) -> OpaquePointer? {
        OpaquePointer(bitPattern: stream.handle)
    }
}
