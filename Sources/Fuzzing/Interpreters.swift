import BachRuntime
import BachNumeric
import NDArrays

/// What running a program produced: every array variable and every scalar, or the first error.
struct Outcome {
    /// A reduction's result (argmin and argmax as their index).
    struct Scalar {
        let name: String
        let value: Double
        /// How far a summing reduction may be off, computed by the reference (nil: exact;
        /// infinity: terms so large that only NaN-ness and infiniteness are compared).
        var tolerance: Double?
    }

    var arrays: [NDArray<Double>] = []
    var scalars: [Scalar] = []
    var error: String?
}

/// Runs programs with NDArrays alone: the reference.
enum HostInterpreter {
    static func run(_ program: Program) -> Outcome {
        let (inputs, rows) = program.inputArrays()
        var variables = inputs
        var scalars: [Outcome.Scalar] = []
        func value(_ operand: Program.Operand) -> NDArray<Double> {
            switch operand {
            case .variable(let index): variables[index]
            case .row(let index): rows[index]
            case .constant(let value): NDArray(scalar: value)
            case .scalar(let index): NDArray(scalar: scalars[index].value)
            }
        }
        do {
            for step in program.steps {
                switch step {
                case .unary(let name, let a):
                    variables.append(try Host.unary(name, variables[a]))
                case .unaryInPlace(let name, let a):
                    try Host.unary(name, variables[a], out: &variables[a])
                case .binary(let name, let a, let b):
                    variables.append(try Host.binary(name, value(a), value(b)))
                case .binaryOut(let name, let a, let b, let target):
                    let (x, y) = (value(a), value(b))
                    try Host.binary(name, x, y, out: &variables[target])
                case .select(let condition, let x, let y):
                    variables.append(try NDArrays.where(Host.condition(condition, value), value(x), value(y)))
                case .reduce(let op, let a):
                    let value = try Host.reduce(op, variables[a])
                    scalars.append(
                        Outcome.Scalar(
                            name: op.rawValue, value: value, tolerance: tolerance(op, variables[a])))
                }
            }
        } catch {
            return Outcome(error: "\(error)")
        }
        return Outcome(arrays: variables, scalars: scalars)
    }

    /// The bound within which a split summing reduction of `a` must agree (see `Comparison`).
    static func tolerance(_ op: Program.Reduction, _ a: NDArray<Double>) -> Double? {
        guard !op.isExact else { return nil }
        let values = a.scalars.filter { !$0.isNaN }
        if values.contains(where: { Swift.abs($0) > 1e290 }) { return .infinity }
        let n = Double(Swift.max(values.count, 1))
        let epsilon = Double.ulpOfOne
        let absolute = values.reduce(0) { $0 + Swift.abs($1) }
        switch op {
        case .sum: return 2 * n * epsilon * absolute + Double.leastNormalMagnitude
        case .mean: return 2 * epsilon * absolute + Double.leastNormalMagnitude
        default:
            let mean = values.reduce(0, +) / n
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return 2 * n * epsilon * squares / n + 1e-12 * (squares / n + mean * mean)
                + Double.leastNormalMagnitude
        }
    }
}

/// Runs programs through BachNumeric and the runtime: the system under test.
enum LazyInterpreter {
    static func run(_ program: Program, runtime: Bach) -> Outcome {
        let (inputs, rows) = program.inputArrays()
        var variables = inputs.map { runtime.lazy($0) }
        let lazyRows = rows.map { runtime.lazy($0) }
        var scalars: [(name: String, value: LazyScalar<Double>?, index: LazyScalar<Int64>?)] = []
        func value(_ operand: Program.Operand) -> LazyArgument<Double> {
            switch operand {
            case .variable(let index): variables[index].lazyOperand
            case .row(let index): lazyRows[index].lazyOperand
            case .constant(let value): .scalar(value)
            case .scalar(let index): scalars[index].value!.lazyOperand
            }
        }
        for step in program.steps {
            switch step {
            case .unary(let name, let a):
                variables.append(Lazy.unary(name, variables[a], out: nil))
            case .unaryInPlace(let name, let a):
                variables[a] = Lazy.unary(name, variables[a], out: variables[a])
            case .binary(let name, let a, let b):
                variables.append(Lazy.binary(name, value(a), value(b), out: nil))
            case .binaryOut(let name, let a, let b, let target):
                variables[target] = Lazy.binary(name, value(a), value(b), out: variables[target])
            case .select(let condition, let x, let y):
                variables.append(
                    BachNumeric.where(
                        Lazy.condition(condition, value), Lazy.Operand(value(x)), Lazy.Operand(value(y))))
            case .reduce(let op, let a):
                if let reduced = Lazy.reduce(op, variables[a]) {
                    scalars.append((op.rawValue, reduced, nil))
                } else {
                    scalars.append(
                        (op.rawValue, nil, op == .argmin ? argmin(variables[a]) : argmax(variables[a])))
                }
            }
        }
        do {
            try runtime.evaluate()
            var outcome = Outcome(arrays: try variables.map { try $0.value() })
            for scalar in scalars {
                let number = try scalar.value.map { try $0.value() } ?? Double(try scalar.index!.value())
                outcome.scalars.append(Outcome.Scalar(name: scalar.name, value: number))
            }
            return outcome
        } catch {
            return Outcome(error: "\(error)")
        }
    }
}
