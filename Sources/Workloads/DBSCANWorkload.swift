import BachRuntime
import BachLearn
import BachNumeric
import GPUArrays
import GPULearn
import Learn
import NDArrays

/// The seed's `dbscan` workload: `make_blobs(2^size, 256 features, 32 centres, cluster_std=1.0,
/// center_box=(-2, 2), random_state=42)`, standardised with `mean` and `std` along axis 0 and the
/// `out=` forms of `subtract` and `divide`, then `DBSCAN(eps=16.0, min_samples=2^size/32·0.05)`
/// (a float: 12.8 at 2^13 means at least 13 neighbours, the point included). Validated as the seed
/// reports it: 32 clusters and less than 30% noise; the other modes are also compared with mode
/// cpu's labels.
public enum DBSCANWorkload: LearnWorkload {
    /// The seed's default size (2^13 samples).
    public static let defaultSize = 1 << 13
    /// Features, centres and the spread of the blobs, as the seed's defaults.
    static let (features, centers, clusterStd) = (256, 32, 1.0)

    /// The seed's radius: `sqrt(features · cluster_std²)`.
    static var eps: Double { (Double(features) * clusterStd * clusterStd).squareRoot() }

    /// The seed's `max(2, size / centers · 0.05)`.
    static func minSamples(_ size: Int) -> Double { Swift.max(2, Double(size) / Double(centers) * 0.05) }

    /// The program, written once: standardise the columns in place, then cluster.
    public static func run<A: ColumnStatistics, C: Clusterer>(_ x: A, _ dbscan: C) throws -> C.Labels
    where C.Samples == A {
        var x = x
        let mean = try A.mean(x, axis: 0)
        let std = try A.std(x, axis: 0)
        try A.subtract(x, mean, out: &x)
        try A.divide(x, std, out: &x)
        var dbscan = dbscan
        return try dbscan.fitPredict(x)
    }

    static func inputs(size: Int) throws -> NDArray<Double> {
        try makeBlobs(
            nSamples: size, nFeatures: features, centers: centers, clusterStd: clusterStd, centerBox: (-2, 2),
            randomState: 42
        ).x
    }

    static func runCPU(_ x: NDArray<Double>) throws -> NDArray<Int64> {
        try run(x, Learn.DBSCAN(eps: eps, minSamples: minSamples(x.shape[0])))
    }

    static func runGPU(_ x: NDArray<Double>, _ context: GPUContext) throws -> NDArray<Int64> {
        try run(try x.uploaded(to: context), GPULearn.DBSCAN(eps: eps, minSamples: minSamples(x.shape[0])))
            .downloaded()
    }

    static func runBach(_ x: NDArray<Double>, _ bach: Bach) throws -> NDArray<Int64> {
        let labels = try run(bach.lazy(x), BachLearn.DBSCAN(eps: eps, minSamples: minSamples(x.shape[0])))
        try bach.evaluate()
        return try labels.value()
    }

    static func validate(_ output: NDArray<Int64>, _ x: NDArray<Double>, reference: NDArray<Int64>?) throws
        -> (
            Bool, String
        )
    {
        let labels = output.scalars
        let clusters = Set(labels.filter { $0 >= 0 }).count
        let noise = Double(labels.filter { $0 < 0 }.count) / Double(Swift.max(1, labels.count))
        var summary =
            "\(clusters) clusters, noise \(noise * 100)% (the seed: \(centers) clusters, noise < 30%)"
        if let reference {
            let equal = zip(labels, reference.scalars).filter { $0 == $1 }.count
            summary += ", \(equal) of \(labels.count) labels equal to cpu mode's"
        }
        return (clusters == centers && noise < 0.3, summary)
    }

    static func workingSet(size: Int) -> Int { size * features * 8 * 2 + size * size / 8 + 16 * size }
}

/// The column statistics dbscan standardises with, for every array type its modes use.
public protocol ColumnStatistics: NumericArray where Scalar == Double {
    /// The means along `axis`.
    static func mean(_ a: Self, axis: Int) throws -> Self
    /// The population standard deviations along `axis`.
    static func std(_ a: Self, axis: Int) throws -> Self
}

extension NDArray: ColumnStatistics where Scalar == Double {
    public static func mean(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.mean(a, axis: axis) }
    public static func std(_ a: NDArray, axis: Int) throws -> NDArray { try NDArrays.std(a, axis: axis) }
}

extension GPUArray: ColumnStatistics where Scalar == Double {
    public static func mean(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.mean(a, axis: axis) }
    public static func std(_ a: GPUArray, axis: Int) throws -> GPUArray { try GPUArrays.std(a, axis: axis) }
}

extension LazyArray: ColumnStatistics where S == Double {
    public static func mean(_ a: LazyArray, axis: Int) -> LazyArray { BachNumeric.mean(a, axis: axis) }
    public static func std(_ a: LazyArray, axis: Int) -> LazyArray { BachNumeric.std(a, axis: axis) }
}
