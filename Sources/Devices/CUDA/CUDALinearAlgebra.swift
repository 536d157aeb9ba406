/// cuBLAS and cuSOLVER as one process-wide pair of handles, created in the session's primary
/// context on first use. A handle is bound to one stream at a time, so binding and the call it
/// serves happen under one lock; the work itself runs asynchronously on that stream.
final class CUDALibraryHandles: @unchecked Sendable {
    let blas: CUBLAS
    let solver: CUSOLVER
    private let blasHandle: OpaquePointer?
    private let solverHandle: OpaquePointer?
    private let session: CUDASession
    private let lock = Locked(())

    /// Loads both libraries and creates their handles; throws naming what is missing.
    init(session: CUDASession, libraries: CUDALibraries) throws(DeviceError) {
        blas = try CUBLAS(file: libraries.cublas)
        solver = try CUSOLVER(file: libraries.cusolver)
        self.session = session
        try session.bind()
        var blasHandle: OpaquePointer?
        try blas.check(blas.create(&blasHandle), "cublasCreate_v2")
        var solverHandle: OpaquePointer?
        do {
            try solver.check(solver.create(&solverHandle), "cusolverDnCreate")
        } catch {
            _ = blas.destroy(blasHandle)
            throw error
        }
        self.blasHandle = blasHandle
        self.solverHandle = solverHandle
    }

    /// Runs `body` with the cuBLAS handle bound to `stream`.
    func withBLAS<R>(on stream: DeviceStream, _ body: (OpaquePointer?) throws(DeviceError) -> R)
        throws(DeviceError)
        -> R
    {
        try session.bind()
        return try lock.withLock { _ throws(DeviceError) in
            try blas.check(
                blas.setStream(blasHandle, OpaquePointer(bitPattern: stream.handle)), "cublasSetStream_v2")
            return try body(blasHandle)
        }
    }

    /// Runs `body` with the cuSOLVER handle bound to `stream`.
    func withSolver<R>(on stream: DeviceStream, _ body: (OpaquePointer?) throws(DeviceError) -> R)
        throws(DeviceError) -> R
    {
        try session.bind()
        return try lock.withLock { _ throws(DeviceError) in
            try solver.check(
                solver.setStream(solverHandle, OpaquePointer(bitPattern: stream.handle)),
                "cusolverDnSetStream")
            return try body(solverHandle)
        }
    }

    /// The solver handle, for calls that issue no work (buffer sizes).
    func withSolver<R>(_ body: (OpaquePointer?) throws(DeviceError) -> R) throws(DeviceError) -> R {
        try session.bind()
        return try lock.withLock { _ throws(DeviceError) in try body(solverHandle) }
    }
}

/// `DeviceLinearAlgebra` over cuBLAS and cuSOLVER for one `CUDADevice`: arguments are checked
/// first (cuBLAS cannot tell a matrix that overruns its buffer), and every call counts as a launch
/// in the device's counters.
struct CUDALinearAlgebra: DeviceLinearAlgebra {
    let handles: CUDALibraryHandles
    /// Counts one launch in the device's counters.
    let launched: @Sendable () -> Void

    func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: DeviceMatrix,
        b: DeviceMatrix, beta: Double, c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError) {
        _ = try LinearAlgebraChecks.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
        if m == 0 || n == 0 { return }
        let blas = handles.blas
        var (alpha, beta) = (alpha, beta)
        try handles.withBLAS(on: stream) { handle throws(DeviceError) in
            try blas.check(
                blas.dgemm(
                    handle, operation(transposeA), operation(transposeB), Int32(m), Int32(n), Int32(k),
                    &alpha,
                    UInt64(a.start.address), Int32(a.leadingDimension), UInt64(b.start.address),
                    Int32(b.leadingDimension), &beta, UInt64(c.start.address), Int32(c.leadingDimension)),
                "cublasDgemm_v2")
        }
        launched()
    }

    func syrk(
        triangle: Triangle, transpose: Bool, n: Int, k: Int, alpha: Double, a: DeviceMatrix, beta: Double,
        c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError) {
        _ = try LinearAlgebraChecks.syrk(transpose: transpose, n: n, k: k, a: a, c: c)
        if n == 0 { return }
        let blas = handles.blas
        var (alpha, beta) = (alpha, beta)
        try handles.withBLAS(on: stream) { handle throws(DeviceError) in
            try blas.check(
                blas.dsyrk(
                    handle, fill(triangle), operation(transpose), Int32(n), Int32(k), &alpha,
                    UInt64(a.start.address), Int32(a.leadingDimension), &beta, UInt64(c.start.address),
                    Int32(c.leadingDimension)),
                "cublasDsyrk_v2")
        }
        launched()
    }

    func symmetricEigenWorkspace(triangle: Triangle, n: Int, leadingDimension: Int) throws(DeviceError) -> Int
    {
        try LinearAlgebraChecks.sizes(
            "symmetricEigenWorkspace", ["n": n, "leadingDimension": leadingDimension])
        let solver = handles.solver
        var count: Int32 = 0
        try handles.withSolver { handle throws(DeviceError) in
            try solver.check(
                solver.dsyevdBufferSize(
                    handle, CUDAConstant.Solver.eigenvectors, fill(triangle), Int32(n), 0,
                    Int32(Swift.max(1, leadingDimension)), 0, &count),
                "cusolverDnDsyevd_bufferSize")
        }
        return Int(count)
    }

    func symmetricEigen(
        triangle: Triangle, n: Int, a: DeviceMatrix, values: DeviceAddress, workspace: DeviceAddress,
        workspaceCount: Int, info: DeviceAddress, on stream: DeviceStream
    ) throws(DeviceError) {
        let required = try symmetricEigenWorkspace(
            triangle: triangle, n: n, leadingDimension: a.leadingDimension)
        _ = try LinearAlgebraChecks.eigen(
            n: n, a: a, values: values, workspace: workspace, workspaceCount: workspaceCount,
            required: required,
            info: info)
        let solver = handles.solver
        try handles.withSolver(on: stream) { handle throws(DeviceError) in
            try solver.check(
                solver.dsyevd(
                    handle, CUDAConstant.Solver.eigenvectors, fill(triangle), Int32(n),
                    UInt64(a.start.address),
                    Int32(a.leadingDimension), UInt64(values.address), UInt64(workspace.address),
                    Int32(workspaceCount), UInt64(info.address)),
                "cusolverDnDsyevd")
        }
        launched()
    }

    private func operation(_ transpose: Bool) -> Int32 {
        transpose ? CUDAConstant.BLAS.transpose : CUDAConstant.BLAS.noTranspose
    }

    private func fill(_ triangle: Triangle) -> Int32 {
        triangle == .lower ? CUDAConstant.BLAS.lower : CUDAConstant.BLAS.upper
    }
}
