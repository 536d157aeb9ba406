import Bach
import GPUArrays
import NDArrays

/// Builds the implementations of unary and binary calls from the CPU and GPU library functions
/// they stand for. Operands are moved into the library call so that an `out:` target that is also
/// an operand is written in place.
enum Recorders {
    typealias HostBinary<S: ArrayScalar, Out: ArrayScalar> =
        @Sendable (consuming NDArray<S>, consuming NDArray<S>) throws -> NDArray<Out>
    typealias HostBinaryOut<S: ArrayScalar, Out: ArrayScalar> =
        @Sendable (consuming NDArray<S>, consuming NDArray<S>, inout NDArray<Out>) throws -> Void
    typealias DeviceBinary<S: ArrayScalar, Out: ArrayScalar> =
        @Sendable (any GPUOperand<S>, any GPUOperand<S>) throws -> GPUArray<Out>
    typealias DeviceBinaryOut<S: ArrayScalar, Out: ArrayScalar> =
        @Sendable (any GPUOperand<S>, any GPUOperand<S>, inout GPUArray<Out>) throws -> Void

    static func binary<S: ArrayScalar, Out: ArrayScalar>(
        _ name: String, _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Out>?,
        cpu: @escaping HostBinary<S, Out>, cpuOut: @escaping HostBinaryOut<S, Out>,
        gpu: @escaping DeviceBinary<S, Out>, gpuOut: @escaping DeviceBinaryOut<S, Out>
    ) -> LazyArray<Out> {
        Elementwise.record(
            name, [(a.callArgument, a.runtime), (b.callArgument, b.runtime)], out: out,
            cpu: { pieces, operands in
                let x = try pieces.host(0, S.self)
                let y = try pieces.host(1, S.self)
                guard operands < pieces.count else { return try cpu(x, y) }
                var target = try pieces.take(operands, as: NDArray<Out>.self)
                try cpuOut(x, y, &target)
                return target
            },
            gpu: { pieces, operands in
                let x = try pieces.device(0, S.self)
                let y = try pieces.device(1, S.self)
                guard operands < pieces.count else { return try gpu(x, y) }
                var target = try pieces.take(operands, as: GPUArray<Out>.self)
                try gpuOut(x, y, &target)
                return target
            })
    }

    static func unary<S: ArrayScalar>(
        _ name: String, _ a: LazyArray<S>, out: LazyArray<S>?,
        cpu: @escaping @Sendable (consuming NDArray<S>) throws -> NDArray<S>,
        cpuOut: @escaping @Sendable (consuming NDArray<S>, inout NDArray<S>) throws -> Void,
        gpu: @escaping @Sendable (GPUArray<S>) throws -> GPUArray<S>,
        gpuOut: @escaping @Sendable (GPUArray<S>, inout GPUArray<S>) throws -> Void
    ) -> LazyArray<S> {
        Elementwise.record(
            name, [(.lazy(a.handle), a.runtime)], out: out,
            cpu: { pieces, operands in
                let x = try pieces.host(0, S.self)
                guard operands < pieces.count else { return try cpu(x) }
                var target = try pieces.take(operands, as: NDArray<S>.self)
                try cpuOut(x, &target)
                return target
            },
            gpu: { pieces, operands in
                let x = try pieces.take(0, as: GPUArray<S>.self)
                guard operands < pieces.count else { return try gpu(x) }
                var target = try pieces.take(operands, as: GPUArray<S>.self)
                try gpuOut(x, &target)
                return target
            })
    }

    /// `cond ? a : b`, with `a` and `b` arrays or constants.
    static func select<S: ArrayScalar>(
        _ name: String, _ cond: LazyArray<Bool>, _ a: LazyArgument<S>, _ b: LazyArgument<S>,
        out: LazyArray<S>?
    ) -> LazyArray<S> {
        Elementwise.record(
            name,
            [(.lazy(cond.handle), cond.runtime), (a.callArgument, a.runtime), (b.callArgument, b.runtime)],
            out: out,
            cpu: { pieces, operands in
                let (c, x, y) = (
                    try pieces.host(0, Bool.self), try pieces.host(1, S.self), try pieces.host(2, S.self)
                )
                guard operands < pieces.count else { return try NDArrays.where(c, x, y) }
                var target = try pieces.take(operands, as: NDArray<S>.self)
                try NDArrays.where(c, x, y, out: &target)
                return target
            },
            gpu: { pieces, operands in
                let c = try pieces.take(0, as: GPUArray<Bool>.self)
                let (x, y) = (try pieces.device(1, S.self), try pieces.device(2, S.self))
                guard operands < pieces.count else { return try GPUArrays.where(c, x, y) }
                var target = try pieces.take(operands, as: GPUArray<S>.self)
                try GPUArrays.where(c, x, y, out: &target)
                return target
            })
    }
}
