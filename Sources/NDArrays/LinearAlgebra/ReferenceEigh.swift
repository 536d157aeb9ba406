/// Cyclic Jacobi eigensolver for a symmetric n×n matrix stored row-major in `a`, of which the
/// lower triangle is read. On return `a` holds the eigenvectors as columns and `w` the eigenvalues,
/// both in ascending order of eigenvalue. Returns 0, or 1 when 100 sweeps did not converge.
func referenceEigh<T: BinaryFloatingPoint>(
    _ n: Int, _ a: UnsafeMutablePointer<T>, _ w: UnsafeMutablePointer<T>
)
    -> Int32
{
    for i in 0..<n {
        for j in (i + 1)..<Swift.max(i + 1, n) { a[i * n + j] = a[j * n + i] }
    }
    let v = UnsafeMutablePointer<T>.allocate(capacity: n * n)
    defer { v.deallocate() }
    v.update(repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }

    var norm: T = 0
    for i in 0..<(n * n) { norm += a[i] * a[i] }
    norm = norm.squareRoot()
    var converged = false
    for _ in 0..<100 {
        var rotated = false
        for p in 0..<Swift.max(n - 1, 0) {
            for q in (p + 1)..<n {
                let apq = a[p * n + q]
                let (app, aqq) = (a[p * n + p], a[q * n + q])
                let negligible =
                    T.ulpOfOne * Swift.max((Swift.abs(app) * Swift.abs(aqq)).squareRoot(), T.ulpOfOne * norm)
                if Swift.abs(apq) <= negligible { continue }
                rotated = true
                let theta = (aqq - app) / (2 * apq)
                let t = (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot()
                let s = t * c
                for row in 0..<n {
                    let (x, y) = (a[row * n + p], a[row * n + q])
                    a[row * n + p] = c * x - s * y
                    a[row * n + q] = s * x + c * y
                }
                for column in 0..<n {
                    let (x, y) = (a[p * n + column], a[q * n + column])
                    a[p * n + column] = c * x - s * y
                    a[q * n + column] = s * x + c * y
                }
                for row in 0..<n {
                    let (x, y) = (v[row * n + p], v[row * n + q])
                    v[row * n + p] = c * x - s * y
                    v[row * n + q] = s * x + c * y
                }
            }
        }
        if !rotated {
            converged = true
            break
        }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
    for (target, source) in order.enumerated() { w[target] = a[source * n + source] }
    for row in 0..<n {
        for (target, source) in order.enumerated() { a[row * n + target] = v[row * n + source] }
    }
    return converged ? 0 : 1
}
