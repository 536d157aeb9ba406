import BachRuntime
import GPUArrays
import NDArrays

/// A benchmark of the scikit-learn role (tsvd, pca, dbscan): its inputs, its one program run in
/// each mode with that mode's estimators (Learn, GPULearn, BachLearn, as the seed's `run_cpu`,
/// `run_gpu` and `run_bach` construct scikit-learn's, cuML's and the annotated ones), and how its
/// result is validated.
protocol LearnWorkload {
    /// The inputs, made on the host.
    associatedtype Inputs
    /// The result on the host.
    associatedtype Output

    /// The seed's inputs for `size` (generating them is the seed's Init for these benchmarks).
    static func inputs(size: Int) throws -> Inputs

    /// The program with Learn's estimators on the host.
    static func runCPU(_ inputs: Inputs) throws -> Output

    /// The program with GPULearn's estimators: inputs copied to the device, the result back.
    static func runGPU(_ inputs: Inputs, _ context: GPUContext) throws -> Output

    /// The program with BachLearn's estimators, evaluated by `bach`.
    static func runBach(_ inputs: Inputs, _ bach: Bach) throws -> Output

    /// Whether `output` is right, and how it compared: against an independent oracle in mode cpu
    /// (`reference` nil), against the cpu mode's result otherwise.
    static func validate(_ output: Output, _ inputs: Inputs, reference: Output?) throws -> (Bool, String)

    /// Bytes the gpu mode keeps on the device at once (an estimate, for messages).
    static func workingSet(size: Int) -> Int
}

extension NDArray where Scalar: GPUScalar {
    /// This array copied to the device in `context`.
    func uploaded(to context: GPUContext) throws -> GPUArray<Scalar> {
        try withUnsafeBufferPointer { try GPUArray(copying: $0, shape: shape, in: context) }
    }
}

extension GPUArray where Scalar: NDScalar {
    /// This array copied to the host, waiting for the work that produces it.
    func downloaded() throws -> NDArray<Scalar> {
        var host = NDArray<Scalar>.empty(shape)
        try host.withUnsafeMutableBufferPointer { try copy(to: $0) }
        return host
    }
}
