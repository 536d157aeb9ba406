import Devices
import GPUArrays

/// The device linear algebra GPULearn's estimators are built from, over row-major `GPUArray`s:
/// products and Gram matrices by the device's BLAS, symmetric eigenproblems by its solver, and
/// launches of GPULearn's own kernels, each issued to the context work runs in (the runtime's batch
/// context when one is set, else the array's own) after the streams its operands came from.
enum DeviceMath {
    /// Where work on `array` goes.
    static func context<S>(of array: GPUArray<S>) -> GPUContext {
        GPUContext.current ?? array.context
    }

    /// The device memory of `array` as a kernel argument.
    static func argument<S>(_ array: GPUArray<S>) -> KernelArgument {
        let (buffer, byteOffset) = array.buffer
        return .buffer(buffer, offset: byteOffset)
    }

    /// The start of `array` as a linear-algebra address.
    static func address<S>(_ array: GPUArray<S>) -> DeviceAddress {
        let (buffer, byteOffset) = array.buffer
        return DeviceAddress(buffer, offset: byteOffset)
    }

    /// A 1-D device array holding `values` (copied from the host; the copy is issued to
    /// `context`'s stream).
    static func upload<S: GPUScalar>(_ values: [S], in context: GPUContext, _ operation: String)
        throws(GPULearnError) -> GPUArray<S>
    {
        let staged = UnsafeMutableBufferPointer<S>.allocate(capacity: values.count)
        defer { staged.deallocate() }
        _ = staged.initialize(from: values)
        return try device(operation) { () throws(GPUArrayError) in
            try GPUArray<S>(copying: UnsafeBufferPointer(staged), shape: [values.count], in: context)
        }
    }

    /// Launches `kernel` over `count` elements in `context`, after the work producing `reading`.
    static func launch(
        _ kernel: any Kernel, count: Int, _ arguments: [KernelArgument], reading: [GPUContext],
        in context: GPUContext, _ operation: String
    ) throws(GPULearnError) {
        if count == 0 { return }
        try driver(operation) { () throws(DeviceError) in
            try context.order(after: reading)
            try context.device.launch(kernel, count: count, arguments: arguments, on: context.stream)
        }
    }

    /// `alpha · op(a) · op(b)` as a new row-major array, `op` transposing when asked: the product
    /// of row-major arrays is the column-major product of their transposes in the other order,
    /// `cᵀ = op(b)ᵀ · op(a)ᵀ`, which is what the device's BLAS is given.
    static func product(
        _ a: GPUArray<Double>, _ b: GPUArray<Double>, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Double = 1, in context: GPUContext, _ operation: String
    ) throws(GPULearnError) -> GPUArray<Double> {
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposeB ? b.shape[0] : b.shape[1]
        let c = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [m, n], in: context)
        }
        if m == 0 || n == 0 { return c }
        try driver(operation) { () throws(DeviceError) in
            try context.order(after: [a.context, b.context])
            try context.device.linearAlgebra.gemm(
                transposeA: transposeB, transposeB: transposeA, m: n, n: m, k: k, alpha: alpha,
                a: DeviceMatrix(address(b), leadingDimension: Swift.max(1, b.shape[1])),
                b: DeviceMatrix(address(a), leadingDimension: Swift.max(1, a.shape[1])), beta: 0,
                c: DeviceMatrix(address(c), leadingDimension: Swift.max(1, n)), on: context.stream)
        }
        return c
    }

    /// `alpha · xᵀx` (features × features) of a row-major samples × features array: one `syrk`
    /// over x read column-major (as xᵀ), which fills the triangle `eigh` reads.
    static func gram(_ x: GPUArray<Double>, alpha: Double = 1, in context: GPUContext, _ operation: String)
        throws(GPULearnError) -> GPUArray<Double>
    {
        let (n, d) = (x.shape[0], x.shape[1])
        let g = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [d, d], in: context)
        }
        try driver(operation) { () throws(DeviceError) in
            try context.order(after: [x.context])
            try context.device.linearAlgebra.syrk(
                triangle: triangle, transpose: false, n: d, k: n, alpha: alpha,
                a: DeviceMatrix(address(x), leadingDimension: Swift.max(1, d)), beta: 0,
                c: DeviceMatrix(address(g), leadingDimension: Swift.max(1, d)), on: context.stream)
        }
        return g
    }

    /// The diagonal of a square matrix (of a Gram matrix: the squared norms of the columns).
    static func diagonal(_ g: GPUArray<Double>, in context: GPUContext, _ operation: String)
        throws(GPULearnError)
        -> GPUArray<Double>
    {
        let d = g.shape[0]
        let result = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [d], in: context)
        }
        try launch(
            DecompositionKernels.diagonal, count: d, [argument(g), .int64(Int64(d)), argument(result)],
            reading: [g.context], in: context, operation)
        return result
    }

    /// The triangle `gram` fills and `eigh` reads.
    static let triangle = Triangle.lower

    /// Every eigenpair of the symmetric d×d `g` (as `gram` leaves it): the eigenvalues ascending,
    /// and the unit eigenvectors written over `g`, eigenvector j in row j (a column of the
    /// column-major matrix the solver sees). Waits for the solver's status, and throws
    /// `notConverged` when it reports failure.
    static func eigh(_ g: GPUArray<Double>, in context: GPUContext, _ operation: String) throws(GPULearnError)
        -> GPUArray<Double>
    {
        let d = g.shape[0]
        let solver = try driver(operation) { () throws(DeviceError) in try context.device.linearAlgebra }
        let count = try driver(operation) { () throws(DeviceError) in
            try solver.symmetricEigenWorkspace(triangle: triangle, n: d, leadingDimension: Swift.max(1, d))
        }
        let values = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [d], in: context)
        }
        let workspace = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Double>(empty: [Swift.max(1, count)], in: context)
        }
        let info = try device(operation) { () throws(GPUArrayError) in
            try GPUArray<Int32>(empty: [], in: context)
        }
        try driver(operation) { () throws(DeviceError) in
            try context.order(after: [g.context])
            try solver.symmetricEigen(
                triangle: triangle, n: d, a: DeviceMatrix(address(g), leadingDimension: Swift.max(1, d)),
                values: address(values), workspace: address(workspace), workspaceCount: count,
                info: address(info),
                on: context.stream)
        }
        let status = try device(operation) { () throws(GPUArrayError) in try info.item() }
        guard status == 0 else {
            throw .notConverged(
                operation: operation,
                detail: "\(status) off-diagonal elements of a \(d)×\(d) matrix did not converge")
        }
        return withExtendedLifetime(workspace) { values }
    }
}
