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

    /// cuBLAS's `cublasStatus_t`, `cublasOperation_t` and `cublasFillMode_t` values.
    enum BLAS {
        static let success: Int32 = 0
        static let allocationFailed: Int32 = 3
        static let noTranspose: Int32 = 0
        static let transpose: Int32 = 1
        static let lower: Int32 = 0
        static let upper: Int32 = 1
    }

    /// cuSOLVER's `cusolverStatus_t` and `cusolverEigMode_t` values.
    enum Solver {
        static let success: Int32 = 0
        static let allocationFailed: Int32 = 2
        static let eigenvectors: Int32 = 1
        /// The statuses' names, for messages (cuSOLVER has no status string function).
        static let names: [Int: String] = [
            1: "CUSOLVER_STATUS_NOT_INITIALIZED", 2: "CUSOLVER_STATUS_ALLOC_FAILED",
            3: "CUSOLVER_STATUS_INVALID_VALUE", 4: "CUSOLVER_STATUS_ARCH_MISMATCH",
            5: "CUSOLVER_STATUS_MAPPING_ERROR", 6: "CUSOLVER_STATUS_EXECUTION_FAILED",
            7: "CUSOLVER_STATUS_INTERNAL_ERROR", 8: "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED",
            9: "CUSOLVER_STATUS_NOT_SUPPORTED",
        ]
    }
}
