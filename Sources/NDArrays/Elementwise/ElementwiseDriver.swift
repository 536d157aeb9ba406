/// Runs elementwise kernels: checks and broadcasts shapes, resolves `out:` aliasing, and splits
/// the output into per-row segments over threads.
enum Elementwise {
    /// Evaluates into a new array of the broadcast shape.
    static func run<Out: NDScalar>(
        _ operation: String, _ inputs: consuming [ElementwiseInput], grain: Int,
        _ kernel: (Segment) -> Void
    ) throws(NDArrayError) -> NDArray<Out> {
        let shape = try broadcastShapes(inputs.map(\.shape), operation: operation)
        var out = NDArray<Out>(uninitializedShape: shape)
        execute(inputs, into: &out, grain: grain, kernel)
        return out
    }

    /// Evaluates into `out`, NumPy's `out=`: the inputs must broadcast to `out`'s shape.
    ///
    /// An input that is `out` itself (`multiply(x, 2, out: &x)`) is read from the same memory the
    /// result is written to, so no buffer is allocated when `out` owns its buffer; when the buffer
    /// is shared with another array, `out` gets a fresh one and the other array is left unchanged.
    static func run<Out: NDScalar>(
        _ operation: String, _ inputs: consuming [ElementwiseInput], into out: inout NDArray<Out>,
        grain: Int, _ kernel: (Segment) -> Void
    ) throws(NDArrayError) {
        let shape = try broadcastShapes(inputs.map(\.shape) + [out.shape], operation: operation)
        guard shape == out.shape else {
            throw .shapeMismatch(
                operation: operation, expected: "out: of shape \(describe(shape))",
                found: describe(out.shape))
        }
        for index in inputs.indices where inputs[index].owner === out.storage {
            if inputs[index].base == UnsafeRawPointer(out.base) && inputs[index].shape == out.shape {
                inputs[index].owner = nil
            }
        }
        execute(inputs, into: &out, grain: grain, kernel)
    }

    private static func execute<Out: NDScalar>(
        _ inputs: consuming [ElementwiseInput], into out: inout NDArray<Out>, grain: Int,
        _ kernel: (Segment) -> Void
    ) {
        let replaced = out.makeUniqueForOverwrite()
        let columns = out.matrixShape.columns
        let output = UnsafeMutableRawPointer(out.mutableBase)
        let outputSize = MemoryLayout<Out>.stride
        let layout = inputs.map { input in
            (
                base: input.base, size: input.elementSize,
                rowStride: input.matrixShape.rows == 1 ? 0 : input.matrixShape.columns,
                columnStride: input.matrixShape.columns == 1 ? 0 : 1
            )
        }
        let filler = layout.first?.base ?? UnsafeRawPointer(output)
        func locate(_ index: Int, _ row: Int, _ column: Int) -> (UnsafeRawPointer, Int) {
            guard index < layout.count else { return (filler, 0) }
            let input = layout[index]
            let element = row * input.rowStride + column * input.columnStride
            return (input.base + element * input.size, input.columnStride)
        }
        withExtendedLifetime((inputs, replaced)) {
            Parallelism.forEachChunk(out.count, grain: grain) { chunk in
                var index = chunk.lowerBound
                while index < chunk.upperBound {
                    let row = index / columns
                    let column = index % columns
                    let count = Swift.min(columns - column, chunk.upperBound - index)
                    let (a, sa) = locate(0, row, column)
                    let (b, sb) = locate(1, row, column)
                    let (c, sc) = locate(2, row, column)
                    kernel(
                        Segment(
                            inputs: (a, b, c), strides: (sa, sb, sc),
                            output: output + index * outputSize, count: count))
                    index += count
                }
            }
        }
    }
}
