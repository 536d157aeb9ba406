/// What a device has done since its counters were last reset, and its memory use.
public struct DeviceCounters: Sendable, Equatable {
    /// Bytes copied host → device.
    public var bytesToDevice = 0
    /// Bytes copied device → host.
    public var bytesFromDevice = 0
    /// Host → device copies issued.
    public var copiesToDevice = 0
    /// Device → host copies issued.
    public var copiesFromDevice = 0
    /// Kernels launched.
    public var kernelLaunches = 0
    /// Device allocations made.
    public var allocations = 0
    /// Device bytes allocated now.
    public var liveBytes = 0
    /// The most device bytes allocated at once.
    public var peakBytes = 0
    /// Page-locked host bytes allocated now (`allocateHost`).
    public var pinnedBytes = 0

    public init() {}

    /// The counters after a reset: transfers and launches zeroed, memory in use kept, and the peak
    /// set to the device memory live now.
    public var reset: DeviceCounters {
        var fresh = DeviceCounters()
        fresh.liveBytes = liveBytes
        fresh.peakBytes = liveBytes
        fresh.pinnedBytes = pinnedBytes
        return fresh
    }
}
