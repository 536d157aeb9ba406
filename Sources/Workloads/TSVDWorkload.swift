import BachRuntime
import BachLearn
import BachNumeric
import GPUArrays
import GPULearn
import Learn
import NDArrays

/// The seed's `tsvd` workload: `make_blobs(2^size, 512 features, 1 centre, random_state=7)`, then
/// `TruncatedSVD(n_components=2, algorithm="arpack", tol=1e-5, random_state=42).fit_transform(X)`
/// (cuML's `"full"` on the device, as the seed maps it). Validated as the seed does,
/// `allclose(expected, result, atol=0.2)`: mode cpu against U·Σ from LAPACK's SVD of X (signs by
/// `svd_flip`), the other modes against mode cpu.
public enum TSVDWorkload: LearnWorkload {
    /// The seed's default size (2^14 samples).
    public static let defaultSize = 1 << 14
    /// Features of the samples.
    public static let features = 512
    /// The seed's tolerance (`atol=0.2`, for its arpack-versus-full comparison).
    static let tolerance = 0.2

    /// The program, written once: fit and project.
    public static func run<T: Transformer>(_ x: T.Samples, _ svd: T) throws -> T.Samples {
        var svd = svd
        return try svd.fitTransform(x)
    }

    static func inputs(size: Int) throws -> NDArray<Double> {
        try makeBlobs(nSamples: size, nFeatures: features, centers: 1, randomState: 7).x
    }

    static func runCPU(_ x: NDArray<Double>) throws -> NDArray<Double> {
        try run(x, Learn.TruncatedSVD(nComponents: 2, algorithm: .arpack, randomState: 42, tol: 1e-5))
    }

    static func runGPU(_ x: NDArray<Double>, _ context: GPUContext) throws -> NDArray<Double> {
        try run(
            try x.uploaded(to: context), GPULearn.TruncatedSVD(nComponents: 2, tol: 1e-5, randomState: 42)
        )
        .downloaded()
    }

    static func runBach(_ x: NDArray<Double>, _ bach: Bach) throws -> NDArray<Double> {
        let reduced = try run(
            bach.lazy(x),
            BachLearn.TruncatedSVD(nComponents: 2, algorithm: .arpack, randomState: 42, tol: 1e-5))
        try bach.evaluate()
        return try reduced.value()
    }

    static func validate(_ output: NDArray<Double>, _ x: NDArray<Double>, reference: NDArray<Double>?) throws
        -> (
            Bool, String
        )
    {
        let expected = try reference ?? exactProjection(x)
        guard output.shape == expected.shape else {
            return (false, "result of shape \(output.shape), expected \(expected.shape)")
        }
        let worst = zip(output.scalars, expected.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
        let against = reference == nil ? "U·Σ of LAPACK's SVD" : "cpu mode"
        let summary =
            "\(output.count) values, max abs diff \(worst), atol \(tolerance) as the seed, vs \(against)"
        return (worst <= tolerance, summary)
    }

    /// U·Σ for the two leading singular values of X by LAPACK's SVD, each pair's sign chosen so
    /// that the entry of largest magnitude of the right vector is positive: an oracle independent
    /// of Learn's Gram-matrix solver.
    static func exactProjection(_ x: NDArray<Double>) throws -> NDArray<Double> {
        let (u, s, vt) = try svd(x)
        let n = x.shape[0]
        var result = NDArray<Double>.empty([n, 2])
        result.withUnsafeMutableBufferPointer { out in
            for component in 0..<2 {
                let row = vt.row(component).scalars
                let largest = row.indices.max { Swift.abs(row[$0]) < Swift.abs(row[$1]) }!
                let sign = row[largest] < 0 ? -1.0 : 1.0
                for i in 0..<n { out[i * 2 + component] = sign * u[i, component] * s[component] }
            }
        }
        return result
    }

    static func workingSet(size: Int) -> Int { (size * features + 2 * features * features + 3 * size) * 8 }
}
