/// The simulated device's `DeviceLinearAlgebra`: each call is checked as cuBLAS and cuSOLVER would
/// check it (and against the device's allocations), then issued to the stream as one deferred
/// operation that runs `HostLinearAlgebra` on the device's memory when the stream runs.
struct SimulatedLinearAlgebra: DeviceLinearAlgebra {
    let device: SimulatedDevice

    func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: DeviceMatrix,
        b: DeviceMatrix, beta: Double, c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError) {
        let regions = try LinearAlgebraChecks.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
        let (pa, pb, pc) = (a.start.address, b.start.address, c.start.address)
        let (lda, ldb, ldc) = (a.leadingDimension, b.leadingDimension, c.leadingDimension)
        try device.issueLibraryCall("dgemm", regions: regions, on: stream) {
            HostLinearAlgebra.gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: UnsafePointer(bitPattern: pa)!, lda: lda, b: UnsafePointer(bitPattern: pb)!, ldb: ldb,
                beta: beta, c: UnsafeMutablePointer(bitPattern: pc)!, ldc: ldc)
        }
    }

    func syrk(
        triangle: Triangle, transpose: Bool, n: Int, k: Int, alpha: Double, a: DeviceMatrix, beta: Double,
        c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError) {
        let regions = try LinearAlgebraChecks.syrk(transpose: transpose, n: n, k: k, a: a, c: c)
        let (pa, pc) = (a.start.address, c.start.address)
        let (lda, ldc) = (a.leadingDimension, c.leadingDimension)
        try device.issueLibraryCall("dsyrk", regions: regions, on: stream) {
            HostLinearAlgebra.syrk(
                lower: triangle == .lower, transpose: transpose, n: n, k: k, alpha: alpha,
                a: UnsafePointer(bitPattern: pa)!, lda: lda, beta: beta,
                c: UnsafeMutablePointer(bitPattern: pc)!,
                ldc: ldc)
        }
    }

    func symmetricEigenWorkspace(triangle: Triangle, n: Int, leadingDimension: Int) throws(DeviceError) -> Int
    {
        try LinearAlgebraChecks.sizes("symmetricEigenWorkspace", ["n": n])
        return HostLinearAlgebra.eigenWorkspace(n)
    }

    func symmetricEigen(
        triangle: Triangle, n: Int, a: DeviceMatrix, values: DeviceAddress, workspace: DeviceAddress,
        workspaceCount: Int, info: DeviceAddress, on stream: DeviceStream
    ) throws(DeviceError) {
        let regions = try LinearAlgebraChecks.eigen(
            n: n, a: a, values: values, workspace: workspace, workspaceCount: workspaceCount,
            required: HostLinearAlgebra.eigenWorkspace(n), info: info)
        let (pa, pw, pi, lda) = (a.start.address, values.address, info.address, a.leadingDimension)
        try device.issueLibraryCall("dsyevd", regions: regions, on: stream) {
            let status = HostLinearAlgebra.syevd(
                lower: triangle == .lower, n: n, a: UnsafeMutablePointer(bitPattern: pa)!, lda: lda,
                w: UnsafeMutablePointer(bitPattern: pw)!)
            UnsafeMutablePointer<Int32>(bitPattern: pi)!.pointee = status
        }
    }
}
