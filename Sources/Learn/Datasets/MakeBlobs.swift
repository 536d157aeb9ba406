import NDArrays

/// Isotropic Gaussian blobs for clustering (`sklearn.datasets.make_blobs`): `centers` centres
/// drawn uniformly from `centerBox` in every feature, `nSamples` points split among them as evenly
/// as possible (the first `nSamples % centers` get one more), each point its centre plus normal
/// noise of standard deviation `clusterStd`, and the rows shuffled unless `shuffle` is false.
///
/// Returns the points (`nSamples × nFeatures`) and each point's centre index.
///
/// The values come from NDArrays' seeded generator (SplitMix64 streams, see `NDArray.normal`), so
/// a `randomState` gives the same data on every machine and thread count, but not the data NumPy's
/// MT19937 gives scikit-learn for the same seed: the distribution is scikit-learn's, the draws are
/// not.
///
/// ```swift
/// let (x, y) = try makeBlobs(nSamples: 1 << 13, nFeatures: 256, centers: 32,
///                            centerBox: (-2, 2), randomState: 42)
/// ```
///
/// Throws for a non-positive sample, feature or centre count or a negative `clusterStd`.
/// - Complexity: O(nSamples · nFeatures).
public func makeBlobs(
    nSamples: Int = 100, nFeatures: Int = 2, centers: Int = 3, clusterStd: Double = 1.0,
    centerBox: (Double, Double) = (-10.0, 10.0), shuffle: Bool = true, randomState: UInt64 = 0
) throws(LearnError) -> (x: NDArray<Double>, y: NDArray<Int64>) {
    for (name, value) in [("nFeatures", nFeatures), ("centers", centers)] where value < 1 {
        throw .invalidParameter(operation: "makeBlobs", name: name, expected: ">= 1", found: "\(value)")
    }
    let centres = NDArray<Double>.uniform(
        [centers, nFeatures], low: centerBox.0, high: centerBox.1, seed: Seeds.derive(randomState, stream: 0))
    return try makeBlobs(
        nSamples: nSamples, centers: centres, clusterStd: clusterStd, shuffle: shuffle,
        randomState: randomState)
}

/// Gaussian blobs around the given centres (one per row of `centers`), as
/// `make_blobs(centers=array)` makes them; see the other `makeBlobs` for the rest.
public func makeBlobs(
    nSamples: Int, centers: NDArray<Double>, clusterStd: Double = 1.0, shuffle: Bool = true,
    randomState: UInt64 = 0
) throws(LearnError) -> (x: NDArray<Double>, y: NDArray<Int64>) {
    let operation = "makeBlobs"
    guard nSamples >= 1 else {
        throw .invalidParameter(
            operation: operation, name: "nSamples", expected: ">= 1", found: "\(nSamples)")
    }
    guard clusterStd >= 0, clusterStd.isFinite else {
        throw .invalidParameter(
            operation: operation, name: "clusterStd", expected: ">= 0", found: "\(clusterStd)")
    }
    try Validation.samples(centers, operation)
    let (count, features) = (centers.shape[0], centers.shape[1])
    var labels = [Int64](repeating: 0, count: nSamples)
    var start = 0
    for centre in 0..<count {
        let size = nSamples / count + (centre < nSamples % count ? 1 : 0)
        for i in start..<(start + size) { labels[i] = Int64(centre) }
        start += size
    }
    if shuffle { permute(&labels, seed: Seeds.derive(randomState, stream: 2)) }
    // Shuffling the labels before drawing the i.i.d. noise is the same in distribution as drawing
    // sorted rows and shuffling them, and spares a copy of X.
    var x = NDArray<Double>.normal(
        [nSamples, features], std: clusterStd, seed: Seeds.derive(randomState, stream: 1))
    x.withUnsafeMutableBufferPointer { x in
        centers.withUnsafeBufferPointer { c in
            for (i, label) in labels.enumerated() {
                let (row, centre) = (i * features, Int(label) * features)
                for j in 0..<features { x[row + j] += c[centre + j] }
            }
        }
    }
    return (x, NDArray(labels))
}

/// Shuffles `values` in place (Fisher–Yates) with uniform draws from NDArrays' seeded generator.
func permute<T>(_ values: inout [T], seed: UInt64) {
    guard values.count > 1 else { return }
    let draws = NDArray<Double>.uniform([values.count], seed: seed)
    draws.withUnsafeBufferPointer { u in
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = Swift.min(i, Int(u[i] * Double(i + 1)))
            values.swapAt(i, j)
        }
    }
}
