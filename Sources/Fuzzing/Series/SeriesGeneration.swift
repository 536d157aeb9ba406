import Frames
import NDArrays

extension SeriesProgram {
    /// The program of `seed`: 0 to `maximumSize` rows (a tenth of programs 0 to 2), 2 to 5 inputs of
    /// `Double`, `Int64` and `Bool` with missing values (none, scattered, leading rows, all), 1 to
    /// 12 calls, device budgets from 8 KiB to 1 MiB, CPU batches of 4 to 64 KiB, each call forced
    /// onto the CPU with probability 1/5.
    static func generate(seed: UInt64, maximumSize: Int) -> SeriesProgram {
        var random = SplitMix64(seed: seed)
        let rows = random.chance(0.1) ? random.int(0...2) : random.int(0...Swift.max(0, maximumSize))
        let inputs = (0..<random.int(2...5)).map { _ in SeriesInput.random(&random) }
        var kinds = inputs.map(\.kind)
        var steps: [SeriesStep] = []
        let stepCount = random.int(1...12)
        while steps.count < stepCount {
            guard let step = SeriesStep.random(&random, kinds: kinds) else { continue }
            steps.append(step)
            if !step.isLeaf, let kind = step.resultKind(kinds) { kinds.append(kind) }
        }
        var program = SeriesProgram(
            seed: seed, rows: rows, inputs: inputs, steps: steps, budget: (8 << 10) << random.int(0...7),
            cpuBatchBytes: (4 << 10) << random.int(0...4), cpuOnly: [])
        program.cpuOnly = program.callNames.sorted().filter { _ in random.chance(0.2) }
        return program
    }

    /// The input series, generated from the program's seed, each from a stream of its own (so
    /// that halving the rows keeps the first half of every input). Missing rows of `Int64` and
    /// `Bool` series hold arbitrary values behind their flags, which no result may depend on.
    func inputSeries() -> [Column] {
        inputs.enumerated().map { index, input in
            var random = SplitMix64(seed: seed ^ (0x5E41_E5DA_7A00 &+ UInt64(index) &* 0x9E37_79B9))
            var present = [Bool]()
            present.reserveCapacity(rows)
            for row in 0..<rows {
                switch input.missing {
                case .none: present.append(true)
                case .scattered(let rate): present.append(!random.chance(rate))
                case .leading(let fraction): present.append(Double(row) >= fraction * Double(rows))
                case .all: present.append(false)
                }
            }
            let flags = present.allSatisfy { $0 } ? nil : NDArray(present)
            let name = "v\(index)"
            switch input.kind {
            case .double:
                let values = (0..<rows).map { row in
                    present[row] ? random.seriesDouble(pooled: input.pooled) : .nan
                }
                return .float64(Series<Double>(values, name: name))
            case .int64:
                let values = NDArray((0..<rows).map { _ in random.seriesInteger(pooled: input.pooled) })
                return .int64(try! Series(name: name, values: values, validity: flags))
            case .bool:
                let values = NDArray((0..<rows).map { _ in random.chance(0.5) })
                return .bool(try! Series(name: name, values: values, validity: flags))
            }
        }
    }
}

extension SeriesInput {
    /// A random input: 45% `Double`, 35% `Int64`, 20% `Bool`; missing rows none (35%), scattered
    /// (40%), leading (15%) or all (10%); a third with few distinct values.
    static func random(_ random: inout SplitMix64) -> SeriesInput {
        let draw = random.int(0...19)
        let kind: SeriesKind = draw < 9 ? .double : draw < 16 ? .int64 : .bool
        let missing: Missing =
            switch random.int(0...19) {
            case 0...6: .none
            case 7...14: .scattered(0.05 + random.unit() * 0.55)
            case 15...17: .leading(0.2 + random.unit() * 0.7)
            default: .all
            }
        return SeriesInput(kind: kind, missing: missing, pooled: random.chance(0.33))
    }
}

extension SeriesStep {
    /// A random call over variables of `kinds`, or nil when the call drawn has no operands of
    /// the types it takes.
    static func random(_ random: inout SplitMix64, kinds: [SeriesKind]) -> SeriesStep? {
        func variable(_ accept: (SeriesKind) -> Bool) -> Int? {
            let candidates = kinds.indices.filter { accept(kinds[$0]) }
            return candidates.isEmpty ? nil : candidates.randomElement(&random)
        }
        func numeric() -> Int? { variable(\.isNumeric) }
        func of(_ kind: SeriesKind) -> Int? { variable { $0 == kind } }
        func arithmetic(_ kind: SeriesKind) -> BinaryOperation {
            let operations: [BinaryOperation] =
                kind == .double ? [.add, .subtract, .multiply, .divide] : [.add, .subtract, .multiply]
            return operations.randomElement(&random)
        }
        switch random.int(0...21) {
        case 0...2:
            guard let a = numeric(), let b = of(kinds[a]) else { return nil }
            return .arithmetic(arithmetic(kinds[a]), a, b)
        case 3...5:
            guard let a = numeric() else { return nil }
            return .arithmeticScalar(
                arithmetic(kinds[a]), a, random.seriesConstant(kinds[a]), reversed: random.chance(0.3))
        case 6:
            return numeric().map { .negate($0) }
        case 7, 8:
            guard let a = numeric(), let b = of(kinds[a]) else { return nil }
            return .compare(comparisons.randomElement(&random), a, b)
        case 9, 10:
            guard let a = numeric() else { return nil }
            return .compareScalar(comparisons.randomElement(&random), a, random.seriesConstant(kinds[a]))
        case 11:
            guard let a = of(.bool), let b = of(.bool) else { return nil }
            return .logical(random.chance(0.5) ? .logicalAnd : .logicalOr, a, b)
        case 12:
            return of(.bool).map { .not($0) }
        case 13...15:
            guard let condition = of(.bool), let a = variable({ _ in true }) else { return nil }
            let replacement: SeriesReplacement =
                switch random.int(0...9) {
                case 0...2: .missing
                case 3...6: .constant(random.seriesConstant(kinds[a]))
                default: of(kinds[a]).map { .variable($0) } ?? .missing
                }
            return .select(a, condition: condition, replacement, keepWhere: random.chance(0.5))
        case 16:
            guard let a = variable({ _ in true }) else { return nil }
            return random.chance(0.6) ? .fill(a, random.seriesConstant(kinds[a])) : .isMissing(a)
        case 17:
            return of(.int64).map { .toDouble($0) }
        case 18, 19:
            guard let a = numeric() else { return nil }
            return .reduce(SeriesStatistic.allCases.randomElement(&random), a)
        case 20:
            return variable({ _ in true }).map { .unique($0) }
        default:
            guard let key = variable({ _ in true }) else { return nil }
            var columns = [key]
            for _ in 0..<random.int(0...2) {
                if let other = variable({ _ in true }), !columns.contains(other) { columns.append(other) }
            }
            return .group(
                key: key, columns: columns.sorted(), GroupAggregation.allCases.randomElement(&random))
        }
    }
}

extension SplitMix64 {
    /// A constant of `kind`: doubles as array programs' constants (special values included),
    /// integers mostly small, sometimes at the limits (so that sums wrap).
    mutating func seriesConstant(_ kind: SeriesKind) -> SeriesConstant {
        switch kind {
        case .double: .double(constant())
        case .int64:
            .int64(chance(0.1) ? [Int64.max, .min, 1 << 40].randomElement(&self) : Int64(int(-5...5)))
        case .bool: .bool(chance(0.5))
        }
    }

    /// A value of a `Double` input: from a few distinct ones (signed zeros and an infinity
    /// included) when `pooled`, else as array programs' elements (NaN among them: missing).
    mutating func seriesDouble(pooled: Bool) -> Double {
        pooled ? [-2, -1, -0.0, 0, 0.5, 1, 3, .infinity].randomElement(&self) : element()
    }

    /// A value of an `Int64` input: -3...3 when `pooled`, else mostly within ±1000, sometimes
    /// near the limits.
    mutating func seriesInteger(pooled: Bool) -> Int64 {
        if pooled { return Int64(int(-3...3)) }
        if chance(0.05) {
            return [Int64.max, .min, 1 << 62, -(1 << 62), Int64(bitPattern: next())].randomElement(&self)
        }
        return Int64(int(-1000...1000))
    }
}
