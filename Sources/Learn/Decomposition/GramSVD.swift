import NDArrays

/// The leading singular values and right singular vectors of X from the eigendecomposition of
/// the Gram matrix of its shorter side: `XᵀX` (features × features) for tall X, `XXᵀ` for wide X.
///
/// For tall data this is one `?syrk` pass over X plus a small symmetric eigenproblem, far cheaper
/// than an SVD or a Lanczos iteration that reads X again on every step. Squaring the matrix
/// squares its condition number: singular values below about `√ε · σ₁` lose relative accuracy,
/// which does not matter for the few leading components truncated SVD keeps. For wide data the
/// right vectors are `Xᵀu / σ`; should one of the requested σ be too small for that division
/// (below 1e-4·σ₁, a rank-deficient X), the full SVD of X is used instead.
///
/// The Gram matrix's diagonal holds the squared column (or row) norms of X, so it is finite
/// exactly when X is (short of overflow): non-finite input is detected there, and only then is X
/// searched for the culprit, which spares a separate pass over X.
struct GramSVD {
    /// The leading right singular vectors, one per row (k × features), before sign flipping.
    let vt: NDArray<Double>
    /// The leading singular values, descending.
    let singularValues: NDArray<Double>
    /// ‖X‖²_F, the trace of the Gram matrix.
    let squaredNorm: Double

    init(_ x: NDArray<Double>, components k: Int, operation: String) throws(LearnError) {
        let (n, d) = (x.shape[0], x.shape[1])
        let tall = n >= d
        let g = try linearAlgebra { () throws(NDArrayError) in try gram(tall ? x : x.transposed()) }
        let size = g.shape[0]
        var trace = 0.0
        g.withUnsafeBufferPointer { g in
            for i in 0..<size { trace += g[i * size + i] }
        }
        guard trace.isFinite else {
            try Validation.finite(x, operation)
            throw .invalidParameter(
                operation: operation, name: "X", expected: "values whose squares sum to a finite number",
                found: "a squared norm that overflows")
        }
        let (values, vectors) = try linearAlgebra { () throws(NDArrayError) in
            try eigh(g, subsetByIndex: (size - k)..<size)
        }
        let order = Array((0..<k).reversed())
        let lambdas = order.map { Swift.max(values[$0], 0) }
        let sigma = NDArray(lambdas.map { $0.squareRoot() })
        let leading = takeRows(vectors.transposed(), order)  // k × size, descending
        squaredNorm = trace
        if tall {
            (vt, singularValues) = (leading, sigma)
            return
        }
        if let largest = lambdas.first, lambdas.contains(where: { $0 <= largest * 1e-8 }) {
            let (_, s, right) = try linearAlgebra { () throws(NDArrayError) in try svd(x) }
            vt = takeRows(right, Array(0..<k))
            singularValues = NDArray(Array(s.scalars.prefix(k)))
            return
        }
        var right = try product(leading, x)  // Uᵀ X: k × features
        right /= sigma.reshapedColumn
        (vt, singularValues) = (right, sigma)
    }
}
