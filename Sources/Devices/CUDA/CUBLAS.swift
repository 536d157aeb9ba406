/// The cuBLAS functions the device uses, resolved from `libcublas.so` (or the file named by
/// `BACH_CUBLAS`). Versioned entry points carry their `_v2` suffix, as `cublas_v2.h` maps them.
struct CUBLAS: @unchecked Sendable {
    typealias Status = Int32
    let library: SharedLibrary

    /// The environment variable naming the cuBLAS library to load instead of the loader's.
    static let environment = "BACH_CUBLAS"
    /// Library names tried in order: the development link, then CUDA 13's and 12's.
    static let names = ["libcublas.so", "libcublas.so.13", "libcublas.so.12"]

    let create: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Status
    let destroy: @convention(c) (OpaquePointer?) -> Status
    let setStream: @convention(c) (OpaquePointer?, OpaquePointer?) -> Status
    let dgemm:
        @convention(c) (
            OpaquePointer?, Int32, Int32, Int32, Int32, Int32, UnsafePointer<Double>, UInt64, Int32, UInt64,
            Int32, UnsafePointer<Double>, UInt64, Int32
        ) -> Status
    let dsyrk:
        @convention(c) (
            OpaquePointer?, Int32, Int32, Int32, Int32, UnsafePointer<Double>, UInt64, Int32,
            UnsafePointer<Double>, UInt64, Int32
        ) -> Status
    /// `cublasGetStatusString` (cuBLAS ≥ 11.4), or nil.
    let statusString: (@convention(c) (Status) -> UnsafePointer<CChar>?)?

    /// Loads `file`, or the loader's `libcublas.so` when nil.
    init(file: String?) throws(DeviceError) {
        library = try SharedLibrary(
            file: file, environment: Self.environment, anyOf: Self.names, symbol: "cublasCreate_v2")
        create = try library.function("cublasCreate_v2")
        destroy = try library.function("cublasDestroy_v2")
        setStream = try library.function("cublasSetStream_v2")
        dgemm = try library.function("cublasDgemm_v2")
        dsyrk = try library.function("cublasDsyrk_v2")
        statusString = try? library.function("cublasGetStatusString")
    }

    /// Throws a `DeviceError` naming `call` unless `status` is `CUBLAS_STATUS_SUCCESS`;
    /// `CUBLAS_STATUS_ALLOC_FAILED` becomes `outOfMemory`.
    func check(_ status: Status, _ call: String) throws(DeviceError) {
        if status == CUDAConstant.BLAS.success { return }
        if status == CUDAConstant.BLAS.allocationFailed {
            throw .outOfMemory(requested: 0, live: -1, budget: -1)
        }
        let message = statusString?(status).map { String(cString: $0) } ?? "cuBLAS status \(status)"
        throw .callFailed(call: call, code: Int(status), message: message)
    }
}

/// The cuSOLVER functions the device uses, resolved from `libcusolver.so` (or the file named by
/// `BACH_CUSOLVER`).
struct CUSOLVER: @unchecked Sendable {
    typealias Status = Int32
    let library: SharedLibrary

    /// The environment variable naming the cuSOLVER library to load instead of the loader's.
    static let environment = "BACH_CUSOLVER"
    /// Library names tried in order: the development link, then CUDA 13's (12) and CUDA 12's (11).
    static let names = ["libcusolver.so", "libcusolver.so.12", "libcusolver.so.11"]

    let create: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Status
    let destroy: @convention(c) (OpaquePointer?) -> Status
    let setStream: @convention(c) (OpaquePointer?, OpaquePointer?) -> Status
    let dsyevdBufferSize:
        @convention(c) (
            OpaquePointer?, Int32, Int32, Int32, UInt64, Int32, UInt64, UnsafeMutablePointer<Int32>
        )
            -> Status
    let dsyevd:
        @convention(c) (OpaquePointer?, Int32, Int32, Int32, UInt64, Int32, UInt64, UInt64, Int32, UInt64) ->
            Status

    /// Loads `file`, or the loader's `libcusolver.so` when nil.
    init(file: String?) throws(DeviceError) {
        library = try SharedLibrary(
            file: file, environment: Self.environment, anyOf: Self.names, symbol: "cusolverDnCreate")
        create = try library.function("cusolverDnCreate")
        destroy = try library.function("cusolverDnDestroy")
        setStream = try library.function("cusolverDnSetStream")
        dsyevdBufferSize = try library.function("cusolverDnDsyevd_bufferSize")
        dsyevd = try library.function("cusolverDnDsyevd")
    }

    /// Throws a `DeviceError` naming `call` unless `status` is `CUSOLVER_STATUS_SUCCESS`;
    /// `CUSOLVER_STATUS_ALLOC_FAILED` becomes `outOfMemory`.
    func check(_ status: Status, _ call: String) throws(DeviceError) {
        if status == CUDAConstant.Solver.success { return }
        if status == CUDAConstant.Solver.allocationFailed {
            throw .outOfMemory(requested: 0, live: -1, budget: -1)
        }
        let name = CUDAConstant.Solver.names[Int(status)] ?? "an unknown cuSOLVER status"
        throw .callFailed(call: call, code: Int(status), message: name)
    }
}
