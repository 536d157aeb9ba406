import NDArrays

/// A random program over the array API: a sequence of elementwise calls (some writing in place,
/// aliasing their inputs), broadcasts, selections and reductions over a few input arrays, and the
/// conditions to run it under in Bach (device budget, calls forced onto the CPU).
struct Program: CustomStringConvertible, ShrinkableProgram {
    /// The seed the program was generated from; `bach fuzz --replay SEED` runs it again.
    let seed: UInt64
    /// Rows (or elements, for 1-D programs) of every array variable.
    var rows: Int
    /// Columns of 2-D programs; nil for 1-D programs.
    var columns: Int?
    /// How many input arrays there are (variables 0..<inputs).
    var inputs: Int
    /// The calls, in order.
    var steps: [Step]
    /// Device memory the simulated device offers.
    var budget: Int
    /// Calls Bach must run on the CPU.
    var cpuOnly: [String]

    /// One call; every array operand and result has the program's shape, except `row` operands.
    enum Step: CustomStringConvertible {
        /// `v[new] = op(a)`.
        case unary(UnaryOperation, Int)
        /// `op(v[target], out: &v[target])`.
        case unaryInPlace(UnaryOperation, Int)
        /// `v[new] = op(a, b)`.
        case binary(BinaryOperation, Operand, Operand)
        /// `op(a, b, out: &v[target])`; `a` or `b` may be `v[target]` itself.
        case binaryOut(BinaryOperation, Operand, Operand, target: Int)
        /// `v[new] = where(condition, x, y)`.
        case select(Condition, Operand, Operand)
        /// `s[new] = op(v[a])`.
        case reduce(Reduction, Int)

        var description: String {
            switch self {
            case .unary(let op, let a): "new = \(op)(v\(a))"
            case .unaryInPlace(let op, let a): "\(op)(v\(a), out: &v\(a))"
            case .binary(let op, let a, let b): "new = \(op)(\(a), \(b))"
            case .binaryOut(let op, let a, let b, let target): "\(op)(\(a), \(b), out: &v\(target))"
            case .select(let condition, let x, let y): "new = where(\(condition), \(x), \(y))"
            case .reduce(let op, let a): "scalar = \(op)(v\(a))"
            }
        }
    }

    /// The condition of `where`: a comparison, possibly combined with a second by a logical
    /// operation, possibly negated.
    struct Condition: CustomStringConvertible {
        let comparison: BinaryOperation
        let a: Operand
        let b: Operand
        /// The logical operation and the second comparison, if any.
        var combined: (logical: BinaryOperation, comparison: BinaryOperation, a: Operand, b: Operand)?
        var negated = false

        var operands: [Operand] { [a, b] + (combined.map { [$0.a, $0.b] } ?? []) }

        var description: String {
            var text = "\(comparison)(\(a), \(b))"
            if let (logical, second, c, d) = combined { text = "\(logical)(\(text), \(second)(\(c), \(d)))" }
            return negated ? "logicalNot(\(text))" : text
        }
    }

    /// A reduction over all elements.
    enum Reduction: String, CaseIterable, CustomStringConvertible {
        case sum, mean, variance, std, min, max, argmin, argmax

        /// Whether the result is the same however the elements are batched (no additions).
        var isExact: Bool { self == .min || self == .max || self == .argmin || self == .argmax }

        /// Whether the result may feed later calls (an exact value of the element type).
        var feedsCalls: Bool { self == .min || self == .max }

        var description: String { rawValue }
    }

    /// An operand: an array variable, a row broadcast against the arrays, a constant, or the
    /// result of an earlier exact reduction (min or max).
    enum Operand: CustomStringConvertible {
        case variable(Int)
        case row(Int)
        case constant(Double)
        case scalar(Int)

        /// Whether the operand has the program's full shape.
        var isVariable: Bool {
            if case .variable = self { return true }
            return false
        }

        var description: String {
            switch self {
            case .variable(let index): "v\(index)"
            case .row(let index): "row\(index)"
            case .constant(let value): "\(value)"
            case .scalar(let index): "s\(index)"
            }
        }
    }

    var description: String {
        let shape = columns.map { "[\(rows), \($0)]" } ?? "[\(rows)]"
        var lines = [
            "program \(seed): \(inputs) inputs of shape \(shape), budget \(budget) bytes, CPU-only: "
                + (cpuOnly.isEmpty ? "none" : cpuOnly.joined(separator: ", "))
        ]
        lines += steps.enumerated().map { "  \($0.offset): \($0.element)" }
        return lines.joined(separator: "\n")
    }
}

/// The unary operations the fuzzer calls: every operation of the vocabulary defined on doubles.
let unaryOperations = UnaryOperation.allCases.filter { $0.domain.contains(.float64) }
/// The arithmetic the fuzzer calls.
let binaryOperations = BinaryOperation.allCases.filter { $0.isArithmetic && $0.domain.contains(.float64) }
/// The comparisons the fuzzer selects with.
let comparisons = BinaryOperation.allCases.filter(\.isComparison)
/// The logical operations that combine conditions.
let logicalOperations = BinaryOperation.allCases.filter(\.isLogical)

extension Program {
    /// The program of `seed`: sizes from 0 to `maximumSize` elements (odd lengths included), 2 to 4
    /// inputs, 1 to 12 calls, budgets from 2 KiB to 4 MiB, each GPU-annotated call forced onto the
    /// CPU with probability 1/5.
    static func generate(seed: UInt64, maximumSize: Int) -> Program {
        var random = SplitMix64(seed: seed)
        let twoDimensional = random.chance(0.25)
        let columns = twoDimensional ? random.int(1...9) : nil
        let limit = Swift.max(0, maximumSize / (columns ?? 1))
        let rows = random.chance(0.1) ? random.int(0...2) : random.int(0...Swift.max(0, limit))
        let inputs = random.int(2...4)
        var variables = inputs
        var exactScalars: [Int] = []
        var scalars = 0
        var steps: [Step] = []
        func operand() -> Operand {
            switch random.int(0...9) {
            case 0...5: return .variable(random.int(0...(variables - 1)))
            case 6:
                return columns != nil ? .row(random.int(0...1)) : .variable(random.int(0...(variables - 1)))
            case 7:
                return exactScalars.isEmpty
                    ? .constant(random.constant()) : .scalar(exactScalars.randomElement(&random))
            default: return .constant(random.constant())
            }
        }
        func condition() -> Condition {
            let a = operand()
            let b = operand()
            var condition = Condition(
                comparison: comparisons.randomElement(&random),
                a: a.isVariable || b.isVariable ? a : .variable(random.int(0...(variables - 1))), b: b)
            if random.chance(0.3) {
                condition.combined = (
                    logicalOperations.randomElement(&random), comparisons.randomElement(&random),
                    .variable(random.int(0...(variables - 1))), operand()
                )
            }
            condition.negated = random.chance(0.2)
            return condition
        }
        for _ in 0..<random.int(1...12) {
            switch random.int(0...9) {
            case 0, 1:
                steps.append(.unary(unaryOperations.randomElement(&random), random.int(0...(variables - 1))))
                variables += 1
            case 2:
                steps.append(
                    .unaryInPlace(unaryOperations.randomElement(&random), random.int(0...(variables - 1))))
            case 3, 4:
                let a = operand()
                let b = operand()
                steps.append(
                    .binary(
                        binaryOperations.randomElement(&random),
                        a.isVariable || b.isVariable ? a : .variable(0), b))
                variables += 1
            case 5, 6:
                // Half the time a chain: the last variable written again in place, as fused code reads.
                let target = random.chance(0.5) ? variables - 1 : random.int(0...(variables - 1))
                let alias: Operand = random.chance(0.5) ? .variable(target) : operand()
                steps.append(
                    .binaryOut(binaryOperations.randomElement(&random), alias, operand(), target: target))
            case 7:
                steps.append(.select(condition(), operand(), operand()))
                variables += 1
            default:
                let reduction = Reduction.allCases.randomElement(&random)
                steps.append(.reduce(reduction, random.int(0...(variables - 1))))
                if reduction.feedsCalls { exactScalars.append(scalars) }
                scalars += 1
            }
        }
        let budget = 2048 << random.int(0...11)
        let used = Set(steps.map(\.function))
        let cpuOnly = used.sorted().filter { _ in random.chance(0.2) }
        return Program(
            seed: seed, rows: rows, columns: columns, inputs: inputs, steps: steps, budget: budget,
            cpuOnly: cpuOnly)
    }
}

extension Program.Step {
    /// The name of the function the step calls (`where` for a selection).
    var function: String {
        switch self {
        case .unary(let op, _), .unaryInPlace(let op, _): op.rawValue
        case .binary(let op, _, _), .binaryOut(let op, _, _, _): op.rawValue
        case .select: "where"
        case .reduce(let op, _): op.rawValue
        }
    }
}

/// Draws for programs and their data, from NDArrays' reproducible generator.
extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A constant operand: mostly ordinary, sometimes a special value.
    mutating func constant() -> Double {
        if chance(0.15) {
            return [Double.nan, .infinity, -.infinity, 0, -0.0, 1e100, -1e-300].randomElement(&self)
        }
        return (unit() * 8 - 4).rounded(toPlaces: 3)
    }

    /// One input element: uniform in [-3, 3], with NaN, ±inf, ±0 and large or tiny magnitudes mixed in.
    mutating func element() -> Double {
        switch int(0...49) {
        case 0: .nan
        case 1: .infinity
        case 2: -.infinity
        case 3: -0.0
        case 4: 0
        case 5: 1e100 * (unit() - 0.5)
        case 6: 1e-300 * unit()
        default: unit() * 6 - 3
        }
    }
}

extension Array {
    /// A random element of a non-empty array.
    func randomElement(_ random: inout SplitMix64) -> Element {
        self[random.int(0...(count - 1))]
    }
}

extension Double {
    /// The value rounded to `places` decimals, for readable constants.
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
