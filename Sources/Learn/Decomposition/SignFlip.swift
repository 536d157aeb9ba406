import NDArrays

/// scikit-learn's `svd_flip(u, vt, u_based_decision=False)`, the sign rule PCA and TruncatedSVD
/// apply in scikit-learn 1.9: each row of `vt` is negated, with the matching column of `u`, when
/// its entry of largest magnitude (the first such entry on a tie) is negative. Singular vectors
/// are unique only up to sign; this makes the fitted components deterministic and comparable.
func flipSigns(_ vt: inout NDArray<Double>, _ u: inout NDArray<Double>?) {
    let (rows, columns) = (vt.shape[0], vt.shape[1])
    var signs = [Double](repeating: 1, count: rows)
    vt.withUnsafeMutableBufferPointer { v in
        for r in 0..<rows {
            var largest = r * columns
            for j in (r * columns)..<((r + 1) * columns) where Swift.abs(v[j]) > Swift.abs(v[largest]) {
                largest = j
            }
            if v[largest] < 0 {
                signs[r] = -1
                for j in (r * columns)..<((r + 1) * columns) { v[j] = -v[j] }
            }
        }
    }
    guard var left = u, signs.contains(-1) else { return }
    u = nil  // so that `left` owns the buffer and is negated in place
    let (height, width) = (left.shape[0], left.shape[1])
    left.withUnsafeMutableBufferPointer { u in
        for i in 0..<height {
            for j in 0..<Swift.min(width, rows) where signs[j] < 0 { u[i * width + j] = -u[i * width + j] }
        }
    }
    u = left
}
