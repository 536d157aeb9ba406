/// The numbers of `cuda.h` the device uses, by name, so that no bare `75` or `2` appears in calls.
enum CUDAConstant {
    /// `CUresult` values the device tells apart.
    enum Result {
        static let success: Int32 = 0
        static let outOfMemory: Int32 = 2
        static let notReady: Int32 = 600
    }

    /// `CUdevice_attribute` values.
    enum Attribute {
        static let asyncEngineCount: Int32 = 40
        static let computeCapabilityMajor: Int32 = 75
        static let computeCapabilityMinor: Int32 = 76
    }

    /// `CUstream_flags`: a stream that does not synchronise with the legacy default stream.
    static let streamNonBlocking: UInt32 = 1
    /// `CUevent_flags`: waiting threads sleep instead of spinning; no timing is recorded (cheaper).
    static let eventBlockingSyncNoTiming: UInt32 = 0x1 | 0x2
    /// `cuMemHostAlloc` flags: plain page-locked memory.
    static let hostAllocDefault: UInt32 = 0
}
