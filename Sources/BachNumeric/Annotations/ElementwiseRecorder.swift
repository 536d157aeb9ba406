import BachRuntime
import NDArrays

/// Records elementwise calls: every public elementwise function of BachNumeric is one line over
/// `record`.
enum ElementwiseRecorder {
    /// Records `operation` over `operands` (each a call argument and its runtime, if lazy), with
    /// `out` as the destination when given, and returns the new lazy array.
    static func record<Out: ArrayScalar>(
        _ operation: ElementwiseOperation, _ operands: [(Bach.CallArgument, Bach?)], out: LazyArray<Out>?
    ) -> LazyArray<Out> {
        guard let runtime = out?.runtime ?? operands.lazy.compactMap(\.1).first else {
            fatalError(
                "\(operation): expected at least one lazy array operand, found constants only")
        }
        var arguments = operands.map(\.0)
        if let out { arguments.append(.lazy(out.handle)) }
        let annotation = ElementwiseAnnotation.make(operation, Out.self, hasOut: out != nil)
        return LazyArray(runtime.record(annotation, arguments))
    }

    /// A unary call.
    static func unary<S: ArrayScalar>(_ op: UnaryOperation, _ a: LazyArray<S>, out: LazyArray<S>?)
        -> LazyArray<S>
    {
        record(.unary(op), [(.lazy(a.handle), a.runtime)], out: out)
    }

    /// A binary call yielding `Out` (the operands' type, or `Bool` for comparisons and logic).
    static func binary<S: ArrayScalar, Out: ArrayScalar>(
        _ op: BinaryOperation, _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Out>?
    ) -> LazyArray<Out> {
        record(.binary(op), [(a.callArgument, a.runtime), (b.callArgument, b.runtime)], out: out)
    }

    /// `where(cond, a, b)`.
    static func select<S: ArrayScalar>(
        _ cond: LazyArray<Bool>, _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
    ) -> LazyArray<S> {
        record(
            .select,
            [(.lazy(cond.handle), cond.runtime), (a.callArgument, a.runtime), (b.callArgument, b.runtime)],
            out: out)
    }
}
