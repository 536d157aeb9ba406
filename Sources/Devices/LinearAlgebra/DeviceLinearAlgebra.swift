/// Dense linear algebra on device memory, in the conventions of cuBLAS and cuSOLVER: matrices are
/// column-major (element (i, j) of a matrix with leading dimension `ld` is at `i + j·ld`), double
/// precision, and every call is issued to a stream and runs in its order, asynchronously to the
/// host, like a kernel launch.
///
/// A row-major `rows × columns` array is, read column-major, its transpose (`columns × rows` with
/// leading dimension `columns`); GPU libraries that keep arrays row-major pass them so and swap
/// the roles of the operands, as `c = a·b ⇔ cᵀ = bᵀ·aᵀ`.
///
/// `CUDADevice` implements it with cuBLAS and cuSOLVER (loaded at run time like the driver);
/// `SimulatedDevice` implements it on the host (OpenBLAS and LAPACKE where found, else reference
/// loops), issuing the work to its deferred streams so that a missing synchronisation shows there
/// as it would on a GPU.
///
/// ```swift
/// let blas = try device.linearAlgebra
/// // c (m×n) = a (m×k) · b (k×n), all column-major
/// try blas.gemm(m: m, n: n, k: k, a: DeviceMatrix(a, leadingDimension: m),
///               b: DeviceMatrix(b, leadingDimension: k), c: DeviceMatrix(c, leadingDimension: m),
///               on: stream)
/// ```
public protocol DeviceLinearAlgebra: Sendable {
    /// `c ← alpha · op(a) · op(b) + beta · c` (`cublasDgemm`), `op(x)` being `x` or `xᵀ`: op(a) is
    /// m×k, op(b) k×n and c m×n. With `beta` 0, c is not read.
    /// - Complexity: O(m·n·k) on the device.
    func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: DeviceMatrix,
        b: DeviceMatrix, beta: Double, c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError)

    /// `c ← alpha · op(a) · op(a)ᵀ + beta · c` on the `triangle` of the n×n symmetric c
    /// (`cublasDsyrk`): op(a) is `a` (n×k) or, with `transpose`, `aᵀ` (a is k×n). The other triangle
    /// is left as it was.
    /// - Complexity: O(n²·k) on the device.
    func syrk(
        triangle: Triangle, transpose: Bool, n: Int, k: Int, alpha: Double, a: DeviceMatrix, beta: Double,
        c: DeviceMatrix, on stream: DeviceStream
    ) throws(DeviceError)

    /// The number of doubles of workspace `symmetricEigen` needs for an n×n matrix
    /// (`cusolverDnDsyevd_bufferSize`).
    func symmetricEigenWorkspace(triangle: Triangle, n: Int, leadingDimension: Int) throws(DeviceError) -> Int

    /// Every eigenvalue and eigenvector of the symmetric n×n matrix whose `triangle` `a` holds
    /// (`cusolverDnDsyevd`): the eigenvalues, ascending, go to the n doubles at `values`, the unit
    /// eigenvectors overwrite `a` (column j belongs to eigenvalue j), and the `Int32` at `info`
    /// receives 0, or LAPACK's positive count of off-diagonal elements that did not converge.
    /// `workspace` holds at least `symmetricEigenWorkspace` doubles.
    /// - Complexity: O(n³) on the device.
    func symmetricEigen(
        triangle: Triangle, n: Int, a: DeviceMatrix, values: DeviceAddress, workspace: DeviceAddress,
        workspaceCount: Int, info: DeviceAddress, on stream: DeviceStream
    ) throws(DeviceError)
}

/// Which triangle of a symmetric matrix a call reads or writes (`cublasFillMode_t`).
public enum Triangle: Sendable, Hashable {
    /// Elements (i, j) with i ≥ j.
    case lower
    /// Elements (i, j) with i ≤ j.
    case upper
}

/// A byte of device memory: a buffer and an offset into it.
public struct DeviceAddress: Sendable, Hashable {
    public let buffer: DeviceBuffer
    /// Bytes from the buffer's start.
    public let offset: Int

    public init(_ buffer: DeviceBuffer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    /// The address as the device sees it.
    public var address: UInt { buffer.address + UInt(offset) }
}

/// A column-major matrix of doubles in device memory: where its first element is and the distance,
/// in elements, between the starts of its columns.
public struct DeviceMatrix: Sendable, Hashable {
    public let start: DeviceAddress
    /// Elements from one column's start to the next one's (cuBLAS's `ld`), at least the rows.
    public let leadingDimension: Int

    public init(_ start: DeviceAddress, leadingDimension: Int) {
        self.start = start
        self.leadingDimension = leadingDimension
    }

    /// The bytes a `rows × columns` matrix with this leading dimension spans from its start.
    func span(rows: Int, columns: Int) -> Int {
        rows == 0 || columns == 0
            ? 0 : ((columns - 1) * leadingDimension + rows) * MemoryLayout<Double>.stride
    }
}

extension Device {
    /// No linear algebra: devices that have none throw this (a device type implements the
    /// requirement to offer some).
    public var linearAlgebra: any DeviceLinearAlgebra {
        get throws(DeviceError) {
            throw .libraryMissing(
                library: "linear algebra", reason: "\(properties.name) offers no BLAS or eigensolver")
        }
    }
}
