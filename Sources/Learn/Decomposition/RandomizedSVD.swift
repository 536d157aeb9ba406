import NDArrays

/// How the randomized range finder renormalises its block of vectors between power iterations
/// (scikit-learn's `power_iteration_normalizer`).
public enum PowerIterationNormalizer: String, Sendable, Equatable {
    /// `none` for at most 2 iterations, else `lu`.
    case auto
    /// Orthonormalise with a QR decomposition: the most stable, the slowest.
    case qr
    /// Replace the block by the permuted L factor of its LU decomposition: cheaper than QR and
    /// enough to keep the columns from collapsing onto the leading direction.
    case lu
    /// No renormalisation: fastest, and fine for one or two iterations.
    case none
}

/// A truncated SVD by random projection (Halko, Martinsson and Tropp, "Finding structure with
/// randomness", 2011, algorithms 4.3/4.4), as scikit-learn's `randomized_svd` computes it: a
/// Gaussian block of `k + nOversamples` vectors is multiplied by (XXᵀ)^nIter X with the block
/// renormalised after every product, orthonormalised, and X projected onto it; the small SVD of
/// that projection gives the leading factors. X is transposed first when it is wide, so the
/// random block lives on the shorter side. The Gaussian block comes from NDArrays' generator
/// seeded with `seed`, not NumPy's, so the result agrees with scikit-learn's to the accuracy of
/// the method, not bit for bit.
///
/// Returns the leading `k` factors `u` (samples × k), `s`, `vt` (k × features), before sign
/// flipping.
/// - Complexity: O((2·nIter + 2) · samples · features · (k + nOversamples)).
func randomizedSVD(
    _ x: NDArray<Double>, components k: Int, oversamples: Int, iterations: Int,
    normalizer: PowerIterationNormalizer, seed: UInt64
) throws(LearnError) -> (u: NDArray<Double>, s: NDArray<Double>, vt: NDArray<Double>) {
    // M is X, or Xᵀ when X is wide; every product with M is a `gemm` that reads X as stored.
    let transpose = x.shape[0] < x.shape[1]
    let columns = transpose ? x.shape[0] : x.shape[1]
    func times(_ q: NDArray<Double>) throws(LearnError) -> NDArray<Double> {  // M · q
        try product(x, q, transposeA: transpose)
    }
    func transposeTimes(_ q: NDArray<Double>) throws(LearnError) -> NDArray<Double> {  // Mᵀ · q
        try product(x, q, transposeA: !transpose)
    }
    var method = normalizer
    if method == .auto { method = iterations <= 2 ? .none : .lu }
    func normalise(_ y: NDArray<Double>) throws(LearnError) -> NDArray<Double> {
        switch method {
        case .qr: try linearAlgebra { () throws(NDArrayError) in try qr(y).q }
        case .lu: try linearAlgebra { () throws(NDArrayError) in try lu(y).permutedL }
        case .none, .auto: y
        }
    }
    var q = NDArray<Double>.normal([columns, k + oversamples], seed: seed)
    for _ in 0..<iterations {
        q = try normalise(try times(q))
        q = try normalise(try transposeTimes(q))
    }
    let basis = try times(q)
    q = try linearAlgebra { () throws(NDArrayError) in try qr(basis).q }
    let b = try product(q, x, transposeA: true, transposeB: transpose)  // Qᵀ M
    let (uHat, s, vtB) = try linearAlgebra { () throws(NDArrayError) in try svd(b) }
    let u = try product(q, uHat)
    let top = Array(0..<k)
    let singular = NDArray(Array(s.scalars.prefix(k)))
    if transpose {
        return (leadingColumns(vtB.transposed(), k), singular, takeRows(u.transposed(), top))
    }
    return (leadingColumns(u, k), singular, takeRows(vtB, top))
}
