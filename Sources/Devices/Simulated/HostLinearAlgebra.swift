#if canImport(Glibc)
    import Glibc
#endif

/// The simulated device's BLAS and eigensolver, run on the host over column-major matrices: the
/// OpenBLAS and LAPACKE that NDArrays loads (`libopenblas.so.0`, `liblapacke.so.3`), opened here
/// too because `Devices` imports no array library, or, where they are missing (or
/// `NDARRAYS_LINALG=reference` asks for it, as it does of NDArrays), plain loops and a Jacobi
/// eigensolver.
enum HostLinearAlgebra {
    /// The C entry points, or nil for the loops.
    struct Functions: @unchecked Sendable {
        typealias Dgemm =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
                UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
            ) -> Void
        typealias Dsyrk =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32, Double,
                UnsafeMutablePointer<Double>?, Int32
            ) -> Void
        typealias Dsyevd =
            @convention(c) (
                Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                UnsafeMutablePointer<Double>?
            ) -> Int32

        let dgemm: Dgemm
        let dsyrk: Dsyrk
        let dsyevd: Dsyevd
    }

    /// CBLAS's and LAPACKE's flags, by name.
    private enum Flag {
        static let columnMajor: Int32 = 102
        static let noTranspose: Int32 = 111
        static let transpose: Int32 = 112
        static let upper: Int32 = 121
        static let lower: Int32 = 122
        static let vectors = CChar(UInt8(ascii: "V"))
        static let upperLetter = CChar(UInt8(ascii: "U"))
        static let lowerLetter = CChar(UInt8(ascii: "L"))
    }

    static let functions: Functions? = {
        if let forced = getenv("NDARRAYS_LINALG"), String(cString: forced) == "reference" { return nil }
        guard let blas = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL),
            let lapacke = dlopen("liblapacke.so.3", RTLD_NOW | RTLD_LOCAL),
            let dgemm = dlsym(blas, "cblas_dgemm"), let dsyrk = dlsym(blas, "cblas_dsyrk"),
            let dsyevd = dlsym(lapacke, "LAPACKE_dsyevd")
        else { return nil }
        return Functions(
            dgemm: unsafeBitCast(dgemm, to: Functions.Dgemm.self),
            dsyrk: unsafeBitCast(dsyrk, to: Functions.Dsyrk.self),
            dsyevd: unsafeBitCast(dsyevd, to: Functions.Dsyevd.self))
    }()

    /// The doubles of workspace LAPACK's `dsyevd` asks for when it computes eigenvectors.
    static func eigenWorkspace(_ n: Int) -> Int { 1 + 6 * n + 2 * n * n }

    /// `c ← alpha·op(a)·op(b) + beta·c`, column-major.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
        lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if let blas = functions, k > 0 {
            blas.dgemm(
                Flag.columnMajor, transposeA ? Flag.transpose : Flag.noTranspose,
                transposeB ? Flag.transpose : Flag.noTranspose, Int32(m), Int32(n), Int32(k), alpha, a,
                Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        referenceGemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
            b: b,
            ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// `gemm` by loops (BLAS's semantics: a zero beta ignores c's old contents).
    static func referenceGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
        lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        for j in 0..<n {
            for i in 0..<m { c[i + j * ldc] = beta == 0 ? 0 : beta * c[i + j * ldc] }
            for p in 0..<k {
                let factor = alpha * (transposeB ? b[j + p * ldb] : b[p + j * ldb])
                for i in 0..<m { c[i + j * ldc] += (transposeA ? a[p + i * lda] : a[i + p * lda]) * factor }
            }
        }
    }

    /// `c ← alpha·op(a)·op(a)ᵀ + beta·c` on one triangle of the n×n c, column-major.
    static func syrk(
        lower: Bool, transpose: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if n == 0 { return }
        if let blas = functions, k > 0 {
            blas.dsyrk(
                Flag.columnMajor, lower ? Flag.lower : Flag.upper,
                transpose ? Flag.transpose : Flag.noTranspose,
                Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
            return
        }
        referenceSyrk(
            lower: lower, transpose: transpose, n: n, k: k, alpha: alpha, a: a, lda: lda, beta: beta, c: c,
            ldc: ldc)
    }

    /// `syrk` by loops.
    static func referenceSyrk(
        lower: Bool, transpose: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        func element(_ i: Int, _ p: Int) -> Double { transpose ? a[p + i * lda] : a[i + p * lda] }
        for j in 0..<n {
            for i in (lower ? j..<n : 0..<(j + 1)) {
                var total = 0.0
                for p in 0..<k { total += element(i, p) * element(j, p) }
                c[i + j * ldc] = alpha * total + (beta == 0 ? 0 : beta * c[i + j * ldc])
            }
        }
    }

    /// Every eigenpair of the symmetric n×n matrix in one triangle of `a`: eigenvalues ascending
    /// into `w`, eigenvectors into the columns of `a`. Returns LAPACK's info (0: converged).
    static func syevd(
        lower: Bool, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, w: UnsafeMutablePointer<Double>
    )
        -> Int32
    {
        if n == 0 { return 0 }
        if let lapack = functions {
            return lapack.dsyevd(
                Flag.columnMajor, Flag.vectors, lower ? Flag.lowerLetter : Flag.upperLetter, Int32(n), a,
                Int32(lda), w)
        }
        return JacobiEigen.solve(lower: lower, n: n, a: a, lda: lda, w: w)
    }
}

/// The cyclic Jacobi eigenvalue method (rotations that zero one off-diagonal element at a time,
/// sweep after sweep), the reference eigensolver where LAPACKE is missing: slower than LAPACK's
/// divide and conquer, accurate to a few ulps of the largest eigenvalue.
enum JacobiEigen {
    /// Sweeps before giving up (convergence is quadratic: about ten suffice in double precision).
    static let sweeps = 60

    static func solve(
        lower: Bool, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, w: UnsafeMutablePointer<Double>
    )
        -> Int32
    {
        var m = [Double](repeating: 0, count: n * n)  // row-major, full
        var v = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            for i in 0..<n {
                let stored = (i >= j) == lower ? a[i + j * lda] : a[j + i * lda]
                m[i * n + j] = stored
            }
            v[j * n + j] = 1
        }
        let scale = m.reduce(0) { $0 + $1 * $1 }
        var converged = false
        for _ in 0..<sweeps {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<Swift.max(p + 1, n) { off += m[p * n + q] * m[p * n + q] } }
            if off <= scale * Double.ulpOfOne * Double.ulpOfOne {
                converged = true
                break
            }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n where m[p * n + q] != 0 {
                    rotate(&m, &v, n, p, q)
                }
            }
        }
        let order = (0..<n).sorted { m[$0 * n + $0] < m[$1 * n + $1] }
        for (column, index) in order.enumerated() {
            w[column] = m[index * n + index]
            for row in 0..<n { a[row + column * lda] = v[row * n + index] }
        }
        return converged ? 0 : 1
    }

    /// Zeroes m[p][q] (and m[q][p]) by a plane rotation, accumulated into the columns of v.
    private static func rotate(_ m: inout [Double], _ v: inout [Double], _ n: Int, _ p: Int, _ q: Int) {
        let (app, aqq, apq) = (m[p * n + p], m[q * n + q], m[p * n + q])
        let theta = (aqq - app) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for r in 0..<n {
            let (rp, rq) = (m[r * n + p], m[r * n + q])
            m[r * n + p] = c * rp - s * rq
            m[r * n + q] = s * rp + c * rq
        }
        for r in 0..<n {
            let (pr, qr) = (m[p * n + r], m[q * n + r])
            m[p * n + r] = c * pr - s * qr
            m[q * n + r] = s * pr + c * qr
        }
        for r in 0..<n {
            let (rp, rq) = (v[r * n + p], v[r * n + q])
            v[r * n + p] = c * rp - s * rq
            v[r * n + q] = s * rp + c * rq
        }
    }
}
