/// One-sided Jacobi (Hestenes) SVD of the m×n row-major matrix `a` (overwritten), writing the
/// reduced factors `u` (m×r), `s` (r, descending) and `vt` (r×n), r = min(m, n). Returns 0, or 1
/// when 100 sweeps did not converge.
///
/// With m ≥ n it orthogonalises the columns of `a` by plane rotations, accumulating them in V;
/// with m < n it decomposes the transpose and swaps the factors. Columns are kept as rows of a
/// transposed copy so that every rotation runs over contiguous memory.
func referenceSVD<T: BinaryFloatingPoint>(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<T>, _ u: UnsafeMutablePointer<T>,
    _ s: UnsafeMutablePointer<T>, _ vt: UnsafeMutablePointer<T>
) -> Int32 {
    let tall = m >= n
    let (rows, columns) = tall ? (m, n) : (n, m)
    // g: `columns` vectors of length `rows` (the columns of a, or of aᵀ); v: the rotations.
    let g = UnsafeMutablePointer<T>.allocate(capacity: rows * columns)
    let v = UnsafeMutablePointer<T>.allocate(capacity: columns * columns)
    defer {
        g.deallocate()
        v.deallocate()
    }
    for i in 0..<m {
        for j in 0..<n {
            if tall { g[j * rows + i] = a[i * n + j] } else { g[i * rows + j] = a[i * n + j] }
        }
    }
    v.update(repeating: 0, count: columns * columns)
    for i in 0..<columns { v[i * columns + i] = 1 }

    var converged = false
    for _ in 0..<100 {
        var rotated = false
        for p in 0..<Swift.max(columns - 1, 0) {
            for q in (p + 1)..<columns {
                let (gp, gq) = (g + p * rows, g + q * rows)
                var (alpha, beta, gamma): (T, T, T) = (0, 0, 0)
                for i in 0..<rows {
                    alpha += gp[i] * gp[i]
                    beta += gq[i] * gq[i]
                    gamma += gp[i] * gq[i]
                }
                if gamma == 0 || Swift.abs(gamma) <= T.ulpOfOne * (alpha * beta).squareRoot() { continue }
                rotated = true
                let zeta = (beta - alpha) / (2 * gamma)
                let t = (zeta >= 0 ? 1 : -1) / (Swift.abs(zeta) + (1 + zeta * zeta).squareRoot())
                let c = 1 / (1 + t * t).squareRoot()
                let sn = c * t
                rotate(gp, gq, rows, c, sn)
                rotate(v + p * columns, v + q * columns, columns, c, sn)
            }
        }
        if !rotated {
            converged = true
            break
        }
    }
    var sigma = (0..<columns).map { j in
        (0..<rows).reduce(T.zero) { $0 + g[j * rows + $1] * g[j * rows + $1] }.squareRoot()
    }
    let order = (0..<columns).sorted { sigma[$0] > sigma[$1] }
    sigma = order.map { sigma[$0] }
    // Left vectors: the normalised columns, completed to an orthonormal set where sigma is 0.
    let left = UnsafeMutablePointer<T>.allocate(capacity: columns * rows)
    defer { left.deallocate() }
    for (target, source) in order.enumerated() {
        let scale = sigma[target] > 0 ? 1 / sigma[target] : 0
        for i in 0..<rows { left[target * rows + i] = g[source * rows + i] * scale }
    }
    completeOrthonormal(left, count: columns, length: rows, filled: sigma.map { $0 > 0 })
    for j in 0..<columns { s[j] = sigma[j] }
    // tall: u = left (as columns), vt = rotations (rows). wide: u = rotations ᵀ, vt = left.
    for (target, source) in order.enumerated() {
        for i in 0..<columns {
            if tall {
                vt[target * n + i] = v[source * columns + i]
            } else {
                u[i * m + target] = v[source * columns + i]
            }
        }
        for i in 0..<rows {
            if tall {
                u[i * n + target] = left[target * rows + i]
            } else {
                vt[target * n + i] = left[target * rows + i]
            }
        }
    }
    return converged ? 0 : 1
}

/// x, y ← c·x − s·y, s·x + c·y over `n` elements.
@inline(__always)
private func rotate<T: BinaryFloatingPoint>(
    _ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ c: T, _ s: T
) {
    for i in 0..<n {
        let (a, b) = (x[i], y[i])
        x[i] = c * a - s * b
        y[i] = s * a + c * b
    }
}

/// Replaces the vectors not `filled` (rows of `vectors`) with unit vectors orthogonal to all
/// others: each is the standard basis vector with the largest part outside the span of the rest,
/// orthogonalised (Gram–Schmidt, twice for accuracy) and normalised.
private func completeOrthonormal<T: BinaryFloatingPoint>(
    _ vectors: UnsafeMutablePointer<T>, count: Int, length: Int, filled: [Bool]
) {
    var done = filled
    for j in 0..<count where !done[j] {
        let target = vectors + j * length
        var best = (candidate: 0, norm: -T.infinity)
        for candidate in 0..<length {
            orthogonalUnit(candidate, into: target, vectors, count: count, length: length, done: done)
            let norm = (0..<length).reduce(T.zero) { $0 + target[$1] * target[$1] }
            if norm > best.norm { best = (candidate, norm) }
        }
        orthogonalUnit(best.candidate, into: target, vectors, count: count, length: length, done: done)
        orthogonalUnit(nil, into: target, vectors, count: count, length: length, done: done)
        let norm = (0..<length).reduce(T.zero) { $0 + target[$1] * target[$1] }.squareRoot()
        for i in 0..<length { target[i] /= norm }
        done[j] = true
    }
}

/// Sets `target` to the standard basis vector `candidate` (or keeps it, for `nil`) minus its
/// projections on the `done` rows of `vectors`.
private func orthogonalUnit<T: BinaryFloatingPoint>(
    _ candidate: Int?, into target: UnsafeMutablePointer<T>, _ vectors: UnsafeMutablePointer<T>,
    count: Int, length: Int, done: [Bool]
) {
    if let candidate {
        target.update(repeating: 0, count: length)
        target[candidate] = 1
    }
    for other in 0..<count where done[other] {
        let basis = vectors + other * length
        var projection: T = 0
        for i in 0..<length { projection += basis[i] * target[i] }
        for i in 0..<length { target[i] -= projection * basis[i] }
    }
}
