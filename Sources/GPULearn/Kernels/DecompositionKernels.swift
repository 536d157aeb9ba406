import Devices

/// The kernels of the decompositions and of the distance computations that share them.
enum DecompositionKernels {
    /// `norms[i] = Σ_j x[i, j]²` for each row of a row-major n × d array, summed from the first
    /// column on (as `Learn` sums them). Arguments: x, d, norms.
    static let rowNorms = LearnKernel(
        name: "learn_row_norms", parameters: "const double* x, long long d, double* norms",
        body: """
                const double* row = x + i * d;
                double total = 0.0;
                for (long long j = 0; j < d; j++) total += row[j] * row[j];
                norms[i] = total;
            """
    ) { arguments, count in
        let (x, d, norms) = (
            arguments[0].pointer(Double.self), arguments[1].integer, arguments[2].pointer(Double.self)
        )
        for i in 0..<count {
            var total = 0.0
            for j in 0..<d { total += x[i * d + j] * x[i * d + j] }
            norms[i] = total
        }
    }

    /// `diagonal[i] = g[i, i]` of a d × d matrix. Arguments: g, d, diagonal.
    static let diagonal = LearnKernel(
        name: "learn_diagonal", parameters: "const double* g, long long d, double* diagonal",
        body: "        diagonal[i] = g[i * d + i];"
    ) { arguments, count in
        let (g, d, diagonal) = (
            arguments[0].pointer(Double.self), arguments[1].integer, arguments[2].pointer(Double.self)
        )
        for i in 0..<count { diagonal[i] = g[i * d + i] }
    }

    /// The leading components of a symmetric eigendecomposition, one thread per component `i`:
    /// row `i` of `components` is the eigenvector of the i-th largest eigenvalue (row d−1−i of
    /// `vectors`), its sign flipped so that its entry of largest magnitude (the first on a tie) is
    /// positive (scikit-learn's `svd_flip(u_based_decision=False)`); `variances[i]` is that
    /// eigenvalue clipped at 0, `ratios[i]` its share of all clipped eigenvalues (summed largest
    /// first) and `singular[i] = sqrt(variance · factor)`. Arguments: vectors, values, d, factor,
    /// components, variances, ratios, singular.
    static let components = LearnKernel(
        name: "learn_leading_components",
        parameters: """
            const double* vectors, const double* values, long long d, double factor, double* components,
            double* variances, double* ratios, double* singular
            """,
        body: """
                const double* v = vectors + (d - 1 - i) * d;
                long long largest = 0;
                for (long long j = 1; j < d; j++) {
                  if (fabs(v[j]) > fabs(v[largest])) largest = j;
                }
                double sign = v[largest] < 0.0 ? -1.0 : 1.0;
                for (long long j = 0; j < d; j++) components[i * d + j] = sign * v[j];
                double total = 0.0;
                for (long long j = d - 1; j >= 0; j--) total += fmax(values[j], 0.0);
                double variance = fmax(values[d - 1 - i], 0.0);
                variances[i] = variance;
                ratios[i] = variance / total;
                singular[i] = sqrt(variance * factor);
            """
    ) { arguments, count in
        let (vectors, values, d) = (
            arguments[0].pointer(Double.self), arguments[1].pointer(Double.self), arguments[2].integer
        )
        let factor = arguments[3].real
        let (components, variances) = (arguments[4].pointer(Double.self), arguments[5].pointer(Double.self))
        let (ratios, singular) = (arguments[6].pointer(Double.self), arguments[7].pointer(Double.self))
        for i in 0..<count {
            let v = vectors + (d - 1 - i) * d
            var largest = 0
            for j in 1..<Swift.max(1, d) where Swift.abs(v[j]) > Swift.abs(v[largest]) { largest = j }
            let sign = v[largest] < 0 ? -1.0 : 1.0
            for j in 0..<d { components[i * d + j] = sign * v[j] }
            var total = 0.0
            for j in stride(from: d - 1, through: 0, by: -1) { total += Double.maximum(values[j], 0) }
            let variance = Double.maximum(values[d - 1 - i], 0)
            variances[i] = variance
            ratios[i] = variance / total
            singular[i] = (variance * factor).squareRoot()
        }
    }
}
