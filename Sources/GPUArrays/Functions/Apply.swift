// The elementwise functions chosen by name at run time: `apply(.exp, x)` is `exp(x)`,
// `apply(.less, a, b, as: Bool.self)` is `less(a, b)`. This is how code that holds an operation of
// the shared vocabulary (an annotation table, a fuzzer) calls GPUArrays.

/// The function `op` of `a`, in a new array. Throws when `a`'s element type is not one `op` accepts.
public func apply<S: GPUScalar>(_ op: UnaryOperation, _ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run(op.rawValue, [a.erased]) { .unary(op, $0[0]) }
}

/// The function `op` of `a` written into `out` (`out` may be `a`).
public func apply<S: GPUScalar>(_ op: UnaryOperation, _ a: GPUArray<S>, out: inout GPUArray<S>)
    throws(GPUArrayError)
{
    out = try Launcher.run(op.rawValue, [a.erased], into: out) { .unary(op, $0[0]) }
}

/// The function `op` of `a` and `b` (arrays or scalars of one element type), in a new array of
/// `R`: the operands' type for arithmetic, `Bool` for comparisons and logical operations.
public func apply<S: GPUScalar, R: GPUScalar>(
    _ op: BinaryOperation, _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, as _: R.Type = R.self
) throws(GPUArrayError) -> GPUArray<R> {
    try checkResult(op, S.gpuType, R.gpuType)
    return try Launcher.run(op.rawValue, [a.erased, b.erased]) { .binary(op, $0[0], $0[1]) }
}

/// The function `op` of `a` and `b` written into `out`.
public func apply<S: GPUScalar, R: GPUScalar>(
    _ op: BinaryOperation, _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<R>
) throws(GPUArrayError) {
    try checkResult(op, S.gpuType, R.gpuType)
    out = try Launcher.run(op.rawValue, [a.erased, b.erased], into: out) { .binary(op, $0[0], $0[1]) }
}

/// Throws unless `op` of operands of `operands` yields `result` (and accepts them).
private func checkResult(_ op: BinaryOperation, _ operands: DType, _ result: DType) throws(GPUArrayError) {
    guard op.domain.contains(operands) else {
        throw .invalidArgument(operation: op.rawValue, expected: "operands it accepts", found: "\(operands)")
    }
    guard op.resultType(operands) == result else {
        throw .invalidArgument(
            operation: op.rawValue, expected: "a result of type \(op.resultType(operands))",
            found: "\(result)")
    }
}
