/// Householder QR of the m×n row-major matrix `a`, in LAPACK's `?geqrf` layout: on return the
/// upper triangle holds R, the part below the diagonal of column j holds the reflector vⱼ (whose
/// first element, 1, is implicit), and `tau[j]` its scale, so that H_j = I − tau[j]·vⱼ·vⱼᵀ and
/// A = H_0 · … · H_{k−1} · R. Signs follow LAPACK's `?larfg`: R[j][j] = −sign(a_jj)·‖a_j‖.
func referenceHouseholder<T: BinaryFloatingPoint>(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<T>, _ tau: UnsafeMutablePointer<T>
) {
    for j in 0..<Swift.min(m, n) {
        var tail: T = 0
        for i in (j + 1)..<Swift.max(j + 1, m) { tail += a[i * n + j] * a[i * n + j] }
        let alpha = a[j * n + j]
        if tail == 0 {
            tau[j] = 0
            continue
        }
        let norm = (alpha * alpha + tail).squareRoot()
        let beta = alpha >= 0 ? -norm : norm
        tau[j] = (beta - alpha) / beta
        let scale = 1 / (alpha - beta)
        for i in (j + 1)..<m { a[i * n + j] *= scale }
        a[j * n + j] = beta
        // Apply H_j to the columns to the right: a_c ← a_c − tau·v·(vᵀ a_c).
        for c in (j + 1)..<Swift.max(j + 1, n) {
            var dot = a[j * n + c]
            for i in (j + 1)..<m { dot += a[i * n + j] * a[i * n + c] }
            dot *= tau[j]
            a[j * n + c] -= dot
            for i in (j + 1)..<m { a[i * n + c] -= dot * a[i * n + j] }
        }
    }
}

/// Forms the first k columns of Q = H_0 · … · H_{k−1} in place (LAPACK's `?orgqr`): `q` is m×k
/// row-major and holds the reflectors below its diagonal, as `referenceHouseholder` left them.
func referenceFormQ<T: BinaryFloatingPoint>(
    _ m: Int, _ k: Int, _ q: UnsafeMutablePointer<T>, _ tau: UnsafePointer<T>
) {
    for j in stride(from: k - 1, through: 0, by: -1) {
        // Columns right of j already hold H_{j+1} · … applied to the identity; apply H_j to them,
        // then set column j to H_j's first column restricted to rows j…m−1.
        for c in (j + 1)..<Swift.max(j + 1, k) {
            var dot = q[j * k + c]
            for i in (j + 1)..<m { dot += q[i * k + j] * q[i * k + c] }
            dot *= tau[j]
            q[j * k + c] -= dot
            for i in (j + 1)..<m { q[i * k + c] -= dot * q[i * k + j] }
        }
        for i in (j + 1)..<m { q[i * k + j] *= -tau[j] }
        q[j * k + j] = 1 - tau[j]
        for i in 0..<j { q[i * k + j] = 0 }
    }
}
