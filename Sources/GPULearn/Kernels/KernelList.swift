import Devices

/// The kernels GPULearn launches, by estimator (so that a runtime can compile them before a
/// stage's first batch) and all together (so that tests compile each with every compiler the
/// project meets: NVIDIA's NVRTC, the CUDA double's). GPUArrays' kernels that the estimators also
/// use (means, differences) are GPUArrays' own.
public enum GPULearnKernels {
    /// TruncatedSVD's and PCA's fits (their transforms are BLAS alone).
    public static var decomposition: [any Kernel] {
        [DecompositionKernels.diagonal, DecompositionKernels.components]
    }

    /// KNeighborsClassifier's fit and prediction.
    public static var neighbors: [any Kernel] { [DecompositionKernels.rowNorms, NeighborKernels.vote] }

    /// DBSCAN's fit.
    public static var clustering: [any Kernel] {
        [
            DecompositionKernels.rowNorms, ClusterKernels.neighbourWords, ClusterKernels.rowCounts,
            ClusterKernels.coreLabels, ClusterKernels.propagate, ClusterKernels.clusterNumbers,
            ClusterKernels.finalLabels, ClusterKernels.coreIndices,
        ]
    }

    /// Every kernel, once.
    public static var all: [any Kernel] {
        var seen = Set<String>()
        return (decomposition + neighbors + clustering).filter { seen.insert($0.name).inserted }
    }
}
