import Devices

/// Every kernel GPULearn launches, so that tests compile each with every compiler the project
/// meets (NVIDIA's NVRTC, the CUDA double's) and that runtimes can prepare them before use.
public enum GPULearnKernels {
    /// The kernels, in no particular order.
    public static var all: [any Kernel] {
        [
            DecompositionKernels.rowNorms, DecompositionKernels.diagonal, DecompositionKernels.components,
            NeighborKernels.vote,
            ClusterKernels.neighbourWords, ClusterKernels.rowCounts, ClusterKernels.coreLabels,
            ClusterKernels.propagate, ClusterKernels.clusterNumbers, ClusterKernels.finalLabels,
            ClusterKernels.coreIndices,
        ]
    }
}
