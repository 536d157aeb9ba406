import BachRuntime

/// The planner's estimate for the calls of BachLearn that run on whole values (fits): seconds on
/// each backend from the floating-point work and the bytes that must reach the device, so that
/// fits on little data stay on the CPU (the seed's estimator intends that) and fits with much
/// work go to the device.
///
/// The rates are round figures for the GPU machine the project measures on (16 cores with
/// OpenBLAS; one H100, whose whole values move from pageable memory at about 6 GB/s, see
/// DESIGN.md), and a fixed device overhead covers the launches, library calls and waits of a fit.
/// With them a Wine fit (124 × 13) runs on the CPU and tsvd's and dbscan's fits (2^13 × 256 and
/// up) on the device.
enum LearnCost {
    static let cpuFlopsPerSecond = 1e11
    static let gpuFlopsPerSecond = 1e13
    static let transferBytesPerSecond = 6e9
    static let deviceOverhead = 1e-3

    /// The estimate for `flops` of work on data of `bytes` bytes.
    static func estimate(flops: Double, bytes: Double) -> (cpu: Double, gpu: Double) {
        (
            flops / cpuFlopsPerSecond,
            deviceOverhead + bytes / transferBytesPerSecond + flops / gpuFlopsPerSecond
        )
    }

    /// Rows and columns of the samples argument (argument 0 unless told otherwise).
    static func shape(_ arguments: [ArgumentInfo], at index: Int = 0) -> (rows: Double, columns: Double) {
        let split = arguments[index].splitType
        let rows = split.extent ?? 1
        return (Double(rows), Double(split.bytesPerElement / MemoryLayout<Double>.stride))
    }

    /// A fit that forms a Gram or covariance matrix and decomposes it (about 9 d³ for a
    /// symmetric eigensolver with vectors).
    @Sendable static func decomposition(_ arguments: [ArgumentInfo]) -> (cpu: Double, gpu: Double) {
        let (n, d) = shape(arguments)
        return estimate(flops: n * d * d + 9 * d * d * d, bytes: 8 * n * d)
    }

    /// A fit that reads its samples once (norms, labels).
    @Sendable static func linear(_ arguments: [ArgumentInfo]) -> (cpu: Double, gpu: Double) {
        let (n, d) = shape(arguments)
        return estimate(flops: 2 * n * d, bytes: 8 * n * (d + 1))
    }

    /// A fit over all pairs of samples (DBSCAN's distances).
    @Sendable static func pairwise(_ arguments: [ArgumentInfo]) -> (cpu: Double, gpu: Double) {
        let (n, d) = shape(arguments)
        return estimate(flops: 2 * n * n * d + n * n, bytes: 8 * n * (d + 1))
    }
}
