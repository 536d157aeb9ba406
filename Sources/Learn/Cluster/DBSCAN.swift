import NDArrays

/// Density-based clustering (`sklearn.cluster.DBSCAN` with the Euclidean metric): points with at
/// least `minSamples` points within `eps` (themselves included) are core points; core points
/// within `eps` of each other share a cluster, and every other point within `eps` of a core point
/// joins the first such cluster; the rest are noise, labelled −1.
///
/// Labels are exactly scikit-learn's: its `dbscan_inner` numbers clusters in the order of their
/// lowest-indexed core point and, exploring them one after another, gives a border point the
/// first cluster that reaches it, i.e. the lowest-numbered cluster among its core neighbours. That
/// is what `fit` computes, from the connected components of the core points (union–find) and a
/// minimum over each border point's core neighbours. Neighbourhoods come from blocked `gemm`
/// distances (see `RadiusGraph`) whose decisions are those of the exact double-precision distance
/// `Σ (x_ik − x_jk)² ≤ eps²`, and the n×n distance matrix is never held.
///
/// `minSamples` is a `Double`, as the paper's benchmark passes it (`2^size / 32 * 0.05`): a point
/// is core when its neighbour count is `>= minSamples`, so 12.8 means at least 13 (scikit-learn ≥ 1.2
/// accepts integers only; `ceil(minSamples)` is the integer that gives the same clustering).
///
/// ```swift
/// var dbscan = DBSCAN(eps: 16, minSamples: 12.8)
/// let labels = try dbscan.fitPredict(x)          // −1 for noise
/// ```
///
/// DBSCAN has no `predict`: the clustering is a property of the whole input, not of each row.
public struct DBSCAN: Sendable, Equatable {
    /// The neighbourhood radius, > 0.
    public var eps: Double
    /// The neighbour count (the point itself included) that makes a point core, >= 1.
    public var minSamples: Double

    /// The cluster of each sample, −1 for noise (`labels_`).
    public private(set) var labels: NDArray<Int64>?
    /// The indices of the core samples, ascending (`core_sample_indices_`).
    public private(set) var coreSampleIndices: NDArray<Int64>?
    /// The core samples, one per row (`components_`).
    public private(set) var components: NDArray<Double>?

    /// A DBSCAN with scikit-learn's defaults (`eps` 0.5, `minSamples` 5).
    public init(eps: Double = 0.5, minSamples: Double = 5) {
        self.eps = eps
        self.minSamples = minSamples
    }

    /// Clusters the rows of `x`.
    /// - Complexity: O(samples² · features) time; memory O(samples · features) plus 8 bytes per
    ///   pair within `eps` (scikit-learn holds every neighbourhood too).
    @discardableResult
    public mutating func fit(_ x: NDArray<Double>) throws(LearnError) -> DBSCAN {
        let operation = "DBSCAN.fit"
        guard eps > 0, eps.isFinite else {
            throw .invalidParameter(
                operation: operation, name: "eps", expected: "> 0 and finite", found: "\(eps)")
        }
        guard minSamples >= 1, minSamples.isFinite else {
            throw .invalidParameter(
                operation: operation, name: "minSamples", expected: ">= 1 and finite", found: "\(minSamples)")
        }
        try Validation.shape(x, operation)
        guard x.shape[0] < Int(Int32.max) else {
            throw .invalidParameter(
                operation: operation, name: "X", expected: "fewer than 2^31 samples", found: "\(x.shape[0])")
        }
        let norms = squaredRowNorms(x)
        if norms.withUnsafeBufferPointer({ firstNonFinite($0) }) != nil {
            try Validation.finite(x, operation)
        }
        let graph = try RadiusGraph(x, eps: eps, norms: norms)
        let core = graph.counts.map { Double($0) >= minSamples }
        let assigned = clusterLabels(core: core, first: graph.first, second: graph.second)
        let coreIndices = core.indices.filter { core[$0] }
        labels = NDArray(assigned)
        coreSampleIndices = NDArray(coreIndices.map { Int64($0) })
        components = takeRows(x, coreIndices)
        return self
    }

    /// `fit(x)` and the labels.
    public mutating func fitPredict(_ x: NDArray<Double>) throws(LearnError) -> NDArray<Int64> {
        try fit(x)
        return labels!
    }
}

/// scikit-learn's DBSCAN labels from the core flags and the ε-neighbour pairs (`first[e]`,
/// `second[e]`): clusters are the connected components of the core points, numbered by their
/// lowest index; a non-core point takes the lowest cluster number among its core neighbours, or −1.
func clusterLabels(core: [Bool], first: [Int32], second: [Int32]) -> [Int64] {
    let n = core.count
    var parent = Array(0..<n)
    func root(_ i: Int) -> Int {
        var i = i
        while parent[i] != i {
            parent[i] = parent[parent[i]]
            i = parent[i]
        }
        return i
    }
    for e in first.indices {
        let (a, b) = (Int(first[e]), Int(second[e]))
        guard core[a] && core[b] else { continue }
        let (ra, rb) = (root(a), root(b))
        if ra != rb { parent[Swift.max(ra, rb)] = Swift.min(ra, rb) }
    }
    var labels = [Int64](repeating: -1, count: n)
    var next: Int64 = 0
    for i in 0..<n where core[i] {
        let r = root(i)
        if labels[r] == -1 {
            labels[r] = next
            next += 1
        }
        labels[i] = labels[r]
    }
    for e in first.indices {
        let (a, b) = (Int(first[e]), Int(second[e]))
        guard core[a] != core[b] else { continue }
        let (border, centre) = core[a] ? (b, a) : (a, b)
        let label = labels[centre]
        if labels[border] == -1 || label < labels[border] { labels[border] = label }
    }
    return labels
}
