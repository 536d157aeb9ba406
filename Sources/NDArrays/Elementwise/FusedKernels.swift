/// One instruction of a fused evaluation over a block of elements, run by the same typed kernel
/// as the ufunc of the same name.
enum FusedKernels {
    /// Runs `instruction` over `count` elements of `operands` into `target`. `type` is the element
    /// type of the operands being combined (for `where`, of the values chosen between).
    static func run(
        _ instruction: ElementwiseProgram.Instruction, _ a: FusedEvaluator.Source, _ b: FusedEvaluator.Source,
        _ c: FusedEvaluator.Source, type: DType, into target: UnsafeMutableRawPointer, count: Int
    ) {
        let operands = (a, b, c)
        switch type {
        case .float64: floating(Double.self, instruction, operands, target, count)
        case .float32: floating(Float.self, instruction, operands, target, count)
        case .int64: integer(Int64.self, instruction, operands, target, count)
        case .int32: integer(Int32.self, instruction, operands, target, count)
        case .bool: boolean(instruction, operands, target, count)
        }
    }

    private static func floating<S: NDFloatingPoint>(
        _: S.Type, _ instruction: ElementwiseProgram.Instruction,
        _ operands: (FusedEvaluator.Source, FusedEvaluator.Source, FusedEvaluator.Source),
        _ target: UnsafeMutableRawPointer, _ n: Int
    ) {
        switch instruction {
        case .unary(let op, _):
            let (a, out) = (
                operands.0.pointer.assumingMemoryBound(to: S.self), target.assumingMemoryBound(to: S.self)
            )
            if op == .negative || op == .abs { S._unary(op, a, out, n) } else { S._math(op, a, out, n) }
        case .binary(let op, _, _) where op == .divide || op == .power:
            S._floatBinary(
                op, operand(operands.0), operand(operands.1), target.assumingMemoryBound(to: S.self), n)
        default:
            numeric(S.self, instruction, operands, target, n)
        }
    }

    private static func integer<S: NDNumeric>(
        _: S.Type, _ instruction: ElementwiseProgram.Instruction,
        _ operands: (FusedEvaluator.Source, FusedEvaluator.Source, FusedEvaluator.Source),
        _ target: UnsafeMutableRawPointer, _ n: Int
    ) {
        if case .unary(let op, _) = instruction {
            S._unary(
                op, operands.0.pointer.assumingMemoryBound(to: S.self),
                target.assumingMemoryBound(to: S.self), n)
            return
        }
        numeric(S.self, instruction, operands, target, n)
    }

    /// Arithmetic, comparisons and `where` of any numeric type.
    private static func numeric<S: NDNumeric>(
        _: S.Type, _ instruction: ElementwiseProgram.Instruction,
        _ operands: (FusedEvaluator.Source, FusedEvaluator.Source, FusedEvaluator.Source),
        _ target: UnsafeMutableRawPointer, _ n: Int
    ) {
        switch instruction {
        case .binary(let op, _, _) where op.isComparison:
            S._compare(
                op, operand(operands.0), operand(operands.1), target.assumingMemoryBound(to: Bool.self), n)
        case .binary(let op, _, _):
            S._binary(
                op, operand(operands.0), operand(operands.1), target.assumingMemoryBound(to: S.self), n)
        case .select:
            S._select(
                operand(operands.0), operand(operands.1), operand(operands.2),
                target.assumingMemoryBound(to: S.self),
                n)
        case .unary:
            preconditionFailure("unary instructions are run by the typed entry points")
        }
    }

    private static func boolean(
        _ instruction: ElementwiseProgram.Instruction,
        _ operands: (FusedEvaluator.Source, FusedEvaluator.Source, FusedEvaluator.Source),
        _ target: UnsafeMutableRawPointer, _ n: Int
    ) {
        let out = target.assumingMemoryBound(to: Bool.self)
        switch instruction {
        case .unary:
            var truth = true
            withUnsafePointer(to: &truth) {
                logicalKernel(.logicalXor, operand(operands.0), Operand($0, stride: 0), out, n)
            }
        case .binary(let op, _, _):
            logicalKernel(op, operand(operands.0), operand(operands.1), out, n)
        case .select:
            Bool._select(operand(operands.0), operand(operands.1), operand(operands.2), out, n)
        }
    }

    @inline(__always)
    private static func operand<S>(_ source: FusedEvaluator.Source) -> Operand<S> {
        Operand(source.pointer.assumingMemoryBound(to: S.self), stride: source.stride)
    }
}
