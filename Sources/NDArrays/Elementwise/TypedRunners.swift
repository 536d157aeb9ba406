/// Typed entry points over the `Elementwise` driver, one per kind of kernel. The public functions
/// with NumPy's names are thin wrappers over these.
extension Elementwise {
    static func binary<S: NDNumeric>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>
    ) throws(NDArrayError) -> NDArray<S> {
        try run(op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], grain: Grain.cheap) {
            S._binary(op, $0.operand(0), $0.operand(1), $0.output(), $0.count)
        }
    }

    static func binary<S: NDNumeric>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>,
        out: inout NDArray<S>
    ) throws(NDArrayError) {
        try run(
            op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], into: &out, grain: Grain.cheap
        ) { S._binary(op, $0.operand(0), $0.operand(1), $0.output(), $0.count) }
    }

    static func floatBinary<S: NDFloatingPoint>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>
    ) throws(NDArrayError) -> NDArray<S> {
        try run(op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], grain: op.grain) {
            S._floatBinary(op, $0.operand(0), $0.operand(1), $0.output(), $0.count)
        }
    }

    static func floatBinary<S: NDFloatingPoint>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>,
        out: inout NDArray<S>
    ) throws(NDArrayError) {
        try run(op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], into: &out, grain: op.grain) {
            S._floatBinary(op, $0.operand(0), $0.operand(1), $0.output(), $0.count)
        }
    }

    static func compare<S: NDNumeric>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>
    ) throws(NDArrayError) -> NDArray<Bool> {
        try run(op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], grain: Grain.cheap) {
            S._compare(op, $0.operand(0), $0.operand(1), $0.output(), $0.count)
        }
    }

    static func compare<S: NDNumeric>(
        _ op: BinaryOperation, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>,
        out: inout NDArray<Bool>
    ) throws(NDArrayError) {
        try run(
            op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], into: &out, grain: Grain.cheap
        ) { S._compare(op, $0.operand(0), $0.operand(1), $0.output(), $0.count) }
    }

    static func logical(
        _ op: BinaryOperation, _ a: consuming NDArray<Bool>, _ b: consuming NDArray<Bool>
    ) throws(NDArrayError) -> NDArray<Bool> {
        try run(op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], grain: Grain.cheap) {
            logicalKernel(op, $0.operand(0), $0.operand(1), $0.output(), $0.count)
        }
    }

    static func logical(
        _ op: BinaryOperation, _ a: consuming NDArray<Bool>, _ b: consuming NDArray<Bool>,
        out: inout NDArray<Bool>
    ) throws(NDArrayError) {
        try run(
            op.rawValue, [ElementwiseInput(a), ElementwiseInput(b)], into: &out,
            grain: Grain.cheap
        ) { logicalKernel(op, $0.operand(0), $0.operand(1), $0.output(), $0.count) }
    }

    static func unary<S: NDNumeric>(_ op: UnaryOperation, _ a: consuming NDArray<S>) -> NDArray<S> {
        let inputs = [ElementwiseInput(a)]
        return trapping {
            try run(op.rawValue, inputs, grain: Grain.cheap) {
                S._unary(op, $0.operand(0).base, $0.output(), $0.count)
            }
        }
    }

    static func unary<S: NDNumeric>(
        _ op: UnaryOperation, _ a: consuming NDArray<S>, out: inout NDArray<S>
    ) throws(NDArrayError) {
        try run(op.rawValue, [ElementwiseInput(a)], into: &out, grain: Grain.cheap) {
            S._unary(op, $0.operand(0).base, $0.output(), $0.count)
        }
    }

    static func math<S: NDFloatingPoint>(_ f: UnaryOperation, _ a: consuming NDArray<S>) -> NDArray<S> {
        let inputs = [ElementwiseInput(a)]
        return trapping {
            try run(f.rawValue, inputs, grain: f.grain) {
                S._math(f, $0.operand(0).base, $0.output(), $0.count)
            }
        }
    }

    static func math<S: NDFloatingPoint>(
        _ f: UnaryOperation, _ a: consuming NDArray<S>, out: inout NDArray<S>
    ) throws(NDArrayError) {
        try run(f.rawValue, [ElementwiseInput(a)], into: &out, grain: f.grain) {
            S._math(f, $0.operand(0).base, $0.output(), $0.count)
        }
    }

    static func select<S: NDScalar>(
        _ cond: consuming NDArray<Bool>, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>
    ) throws(NDArrayError) -> NDArray<S> {
        try run(
            "where", [ElementwiseInput(cond), ElementwiseInput(a), ElementwiseInput(b)],
            grain: Grain.cheap
        ) { S._select($0.operand(0), $0.operand(1), $0.operand(2), $0.output(), $0.count) }
    }

    static func select<S: NDScalar>(
        _ cond: consuming NDArray<Bool>, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>,
        out: inout NDArray<S>
    ) throws(NDArrayError) {
        try run(
            "where", [ElementwiseInput(cond), ElementwiseInput(a), ElementwiseInput(b)],
            into: &out, grain: Grain.cheap
        ) { S._select($0.operand(0), $0.operand(1), $0.operand(2), $0.output(), $0.count) }
    }
}

extension UnaryOperation {
    var grain: Int { isTranscendental ? Grain.costly : Grain.cheap }
}

extension BinaryOperation {
    var grain: Int { self == .power ? Grain.costly : Grain.cheap }
}
