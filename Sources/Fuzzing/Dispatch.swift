import BachNumeric
import NDArrays

/// How the fuzzer calls NDArrays: through the vocabulary (`NDArrays.apply`), so that every
/// operation of the vocabulary is called the same way, with no table of names to forget one in.
enum Host {
    static func unary(_ op: UnaryOperation, _ a: NDArray<Double>) throws -> NDArray<Double> {
        try typed(NDArrays.apply(op, AnyNDArray(a)))
    }

    static func unary(_ op: UnaryOperation, _ a: NDArray<Double>, out: inout NDArray<Double>) throws {
        var target = AnyNDArray(out)
        out = NDArray<Double>.empty([0])
        try NDArrays.apply(op, AnyNDArray(a), out: &target)
        out = try typed(target)
    }

    static func binary(_ op: BinaryOperation, _ a: NDArray<Double>, _ b: NDArray<Double>) throws -> NDArray<
        Double
    > {
        try typed(NDArrays.apply(op, AnyNDArray(a), AnyNDArray(b)))
    }

    static func binary(
        _ op: BinaryOperation, _ a: NDArray<Double>, _ b: NDArray<Double>, out: inout NDArray<Double>
    ) throws {
        var target = AnyNDArray(out)
        out = NDArray<Double>.empty([0])
        try NDArrays.apply(op, AnyNDArray(a), AnyNDArray(b), out: &target)
        out = try typed(target)
    }

    static func condition(_ condition: Program.Condition, _ value: (Program.Operand) -> NDArray<Double>)
        throws
        -> NDArray<Bool>
    {
        func compare(_ op: BinaryOperation, _ a: Program.Operand, _ b: Program.Operand) throws -> AnyNDArray {
            try NDArrays.apply(op, AnyNDArray(value(a)), AnyNDArray(value(b)))
        }
        var result = try compare(condition.comparison, condition.a, condition.b)
        if let (logical, second, c, d) = condition.combined {
            result = try NDArrays.apply(logical, result, try compare(second, c, d))
        }
        if condition.negated { result = try NDArrays.apply(.logicalNot, result) }
        return try typed(result)
    }

    static func reduce(_ op: Program.Reduction, _ a: NDArray<Double>) throws -> Double {
        switch op {
        case .sum: NDArrays.sum(a)
        case .mean: NDArrays.mean(a)
        case .variance: NDArrays.variance(a)
        case .std: NDArrays.std(a)
        case .min: try NDArrays.min(a)
        case .max: try NDArrays.max(a)
        case .argmin: Double(try NDArrays.argmin(a))
        case .argmax: Double(try NDArrays.argmax(a))
        }
    }

    private static func typed<S: NDScalar>(_ array: AnyNDArray) throws -> NDArray<S> {
        guard let result = array.typed(S.self) else {
            throw NDArrayError.invalidArgument(
                operation: "fuzz", expected: "\(S.dtype)", found: "\(array.dtype)")
        }
        return result
    }
}

/// How the fuzzer calls BachNumeric: through the vocabulary (`BachNumeric.apply`).
enum Lazy {
    static func unary(_ op: UnaryOperation, _ a: LazyArray<Double>, out: LazyArray<Double>?) -> LazyArray<
        Double
    > {
        guard var target = out else { return BachNumeric.apply(op, a) }
        BachNumeric.apply(op, a, out: &target)
        return target
    }

    static func binary(
        _ op: BinaryOperation, _ a: LazyArgument<Double>, _ b: LazyArgument<Double>, out: LazyArray<Double>?
    ) -> LazyArray<Double> {
        guard var target = out else { return BachNumeric.apply(op, Operand(a), Operand(b)) }
        BachNumeric.apply(op, Operand(a), Operand(b), out: &target)
        return target
    }

    static func condition(_ condition: Program.Condition, _ value: (Program.Operand) -> LazyArgument<Double>)
        -> LazyArray<Bool>
    {
        func compare(_ op: BinaryOperation, _ a: Program.Operand, _ b: Program.Operand) -> LazyArray<Bool> {
            BachNumeric.apply(op, Operand(value(a)), Operand(value(b)))
        }
        var result = compare(condition.comparison, condition.a, condition.b)
        if let (logical, second, c, d) = condition.combined {
            result = BachNumeric.apply(logical, result, compare(second, c, d))
        }
        return condition.negated ? BachNumeric.apply(.logicalNot, result) : result
    }

    static func reduce(_ op: Program.Reduction, _ a: LazyArray<Double>) -> LazyScalar<Double>? {
        switch op {
        case .sum: BachNumeric.sum(a)
        case .mean: BachNumeric.mean(a)
        case .variance: BachNumeric.variance(a)
        case .std: BachNumeric.std(a)
        case .min: BachNumeric.min(a)
        case .max: BachNumeric.max(a)
        case .argmin, .argmax: nil
        }
    }

    /// A `LazyArgument` as an operand of the lazy functions.
    struct Operand: LazyOperand {
        let argument: LazyArgument<Double>
        init(_ argument: LazyArgument<Double>) { self.argument = argument }
        var lazyOperand: LazyArgument<Double> { argument }
    }
}
