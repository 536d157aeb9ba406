import Devices
import GPUArrays

/// Density-based clustering on the device (cuML's `DBSCAN`, brute force): the ε-neighbourhood as
/// a bit matrix from blocked `gemm` inner products (decided as the exact double-precision
/// distance would decide, see `ClusterKernels.neighbourWords`), core points from the neighbour
/// counts, clusters as the connected components of core points by minimum-label propagation, and
/// border points joined to their lowest-numbered neighbouring cluster.
///
/// Labels are exactly `Learn.DBSCAN`'s (scikit-learn's): clusters numbered in the order of their
/// lowest-indexed core point, −1 for noise. The bit matrix takes n²/8 bytes (8 MiB for 2^13
/// points, 128 MiB for 2^15); the inner products are computed a block of rows at a time.
///
/// ```swift
/// var dbscan = DBSCAN(eps: 16, minSamples: 12.8)
/// let labels = try dbscan.fitPredict(x)          // GPUArray<Int64>, −1 for noise
/// ```
public struct DBSCAN: Sendable {
    /// The neighbourhood radius, > 0.
    public var eps: Double
    /// The neighbour count (the point itself included) that makes a point core, >= 1.
    public var minSamples: Double
    /// Bytes of inner products computed at once, a block of rows against every row (cuML's
    /// `max_mbytes_per_batch`, in bytes); at least one row's worth is always computed.
    public var maxBytesPerBatch: Int

    /// The cluster of each sample, −1 for noise.
    public private(set) var labels: GPUArray<Int64>?
    /// The indices of the core samples, ascending.
    public private(set) var coreSampleIndices: GPUArray<Int64>?

    /// A DBSCAN with scikit-learn's defaults (`eps` 0.5, `minSamples` 5).
    public init(eps: Double = 0.5, minSamples: Double = 5, maxBytesPerBatch: Int = 64 << 20) {
        self.eps = eps
        self.minSamples = minSamples
        self.maxBytesPerBatch = maxBytesPerBatch
    }

    /// Clusters the rows of `x`. Waits for the device once per round of label propagation (a few
    /// rounds: pointer jumping shortens the chains).
    /// - Complexity: O(samples² · features) on the device.
    @discardableResult
    public mutating func fit(_ x: GPUArray<Double>) throws(GPULearnError) -> DBSCAN {
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
        let (n, d) = (x.shape[0], x.shape[1])
        guard n < Int(Int32.max) else {
            throw .invalidParameter(
                operation: operation, name: "X", expected: "fewer than 2^31 samples", found: "\(n)")
        }
        let context = DeviceMath.context(of: x)
        let words = (n + 31) / 32
        func make<S: GPUScalar>(_ shape: [Int], _: S.Type) throws(GPULearnError) -> GPUArray<S> {
            try device(operation) { () throws(GPUArrayError) in try GPUArray<S>(empty: shape, in: context) }
        }
        let norms = try make([n], Double.self)
        try DeviceMath.launch(
            DecompositionKernels.rowNorms, count: n,
            [DeviceMath.argument(x), .int64(Int64(d)), DeviceMath.argument(norms)], reading: [x.context],
            in: context,
            operation)
        try Validation.finite(x, operation, evidence: norms)
        let bits = try make([n, words], Int32.self)
        let (factor, slack) = Self.thresholds(features: d)
        let rows = Swift.max(1, Swift.min(n, maxBytesPerBatch / MemoryLayout<Double>.stride / n))
        for start in stride(from: 0, to: n, by: rows) {
            let count = Swift.min(rows, n - start)
            let block = try device(operation) { () throws(GPUArrayError) in
                try x.slice(start..<(start + count))
            }
            let products = try DeviceMath.product(block, x, transposeB: true, in: context, operation)
            try DeviceMath.launch(
                ClusterKernels.neighbourWords, count: count * words,
                [
                    DeviceMath.argument(products), DeviceMath.argument(x), DeviceMath.argument(norms),
                    .int64(Int64(start)), .int64(Int64(n)), .int64(Int64(d)), .int64(Int64(words)),
                    .float64(eps * eps),
                    .float64(factor), .float64(slack), DeviceMath.argument(bits),
                ], reading: [], in: context, operation)
        }
        let (counts, core, roots) = (
            try make([n], Int32.self), try make([n], Int32.self), try make([n], Int32.self)
        )
        try DeviceMath.launch(
            ClusterKernels.rowCounts, count: n,
            [DeviceMath.argument(bits), .int64(Int64(words)), DeviceMath.argument(counts)], reading: [],
            in: context,
            operation)
        try DeviceMath.launch(
            ClusterKernels.coreLabels, count: n,
            [
                DeviceMath.argument(counts), .float64(minSamples), .int64(Int64(n)),
                DeviceMath.argument(core),
                DeviceMath.argument(roots),
            ], reading: [], in: context, operation)
        var changed: Int32 = 1
        while changed != 0 {
            let flag = try device(operation) { () throws(GPUArrayError) in
                try GPUArray<Int32>.zeros([1], in: context)
            }
            try DeviceMath.launch(
                ClusterKernels.propagate, count: n,
                [
                    DeviceMath.argument(bits), DeviceMath.argument(core), .int64(Int64(words)),
                    DeviceMath.argument(roots), DeviceMath.argument(flag),
                ], reading: [], in: context, operation)
            changed = try device(operation) { () throws(GPUArrayError) in try flag.item() }
        }
        let numbers = try make([n], Int32.self)
        try DeviceMath.launch(
            ClusterKernels.clusterNumbers, count: 1,
            [
                DeviceMath.argument(core), DeviceMath.argument(roots), .int64(Int64(n)),
                DeviceMath.argument(numbers),
            ],
            reading: [], in: context, operation)
        let assigned = try make([n], Int64.self)
        try DeviceMath.launch(
            ClusterKernels.finalLabels, count: n,
            [
                DeviceMath.argument(bits), DeviceMath.argument(core), DeviceMath.argument(roots),
                DeviceMath.argument(numbers), .int64(Int64(words)), DeviceMath.argument(assigned),
            ], reading: [], in: context, operation)
        let cores = try device(operation) { () throws(GPUArrayError) in try Int(sum(core).item()) }
        let indices = try make([cores], Int64.self)
        if cores > 0 {
            try DeviceMath.launch(
                ClusterKernels.coreIndices, count: 1,
                [DeviceMath.argument(core), .int64(Int64(n)), DeviceMath.argument(indices)], reading: [],
                in: context,
                operation)
        }
        (labels, coreSampleIndices) = (assigned, indices)
        return self
    }

    /// `fit(x)` and the labels.
    public mutating func fitPredict(_ x: GPUArray<Double>) throws(GPULearnError) -> GPUArray<Int64> {
        try fit(x)
        return labels!
    }

    /// The relative error bound of a double-precision inner product of `features` terms as any
    /// BLAS may sum it, with or without FMA, and the slack for rounding the thresholds
    /// themselves: `Learn`'s `Thresholds` with the unit roundoff of double precision.
    static func thresholds(features d: Int) -> (factor: Double, slack: Double) {
        let u = Double.ulpOfOne / 2
        let gamma = Double(d) * u / (1 - Double(d) * u)
        return ((gamma * (1 + u) * (1 + u) + 2 * u + u * u) * 1.01 + 6 * u, 6 * u)
    }
}
