import NDArrays

/// A random program over the series API that Frames, GPUFrames and BachFrames share: arithmetic,
/// comparisons, logical operations, `mask`/`where`, missing-value helpers, conversions, reductions
/// that skip missing values, `unique` and `groupBy`, over a few input series of `Double`, `Int64`
/// and `Bool` with missing values; and the conditions to run it under in Bach (device budget, CPU
/// batch size, calls forced onto the CPU).
struct SeriesProgram: CustomStringConvertible, ShrinkableProgram {
    /// The seed the program was generated from; `bach fuzz --series --replay SEED` runs it again.
    let seed: UInt64
    /// Rows of every series.
    var rows: Int
    /// The input series (variables 0..<inputs.count).
    var inputs: [SeriesInput]
    /// The calls, in order.
    var steps: [SeriesStep]
    /// Device memory the device offers.
    var budget: Int
    /// Bytes of live data per CPU batch (small, so that CPU stages run in several batches too).
    var cpuBatchBytes: Int
    /// Calls Bach must run on the CPU.
    var cpuOnly: [String]

    var description: String {
        var lines = [
            "series program \(seed): \(rows) rows, budget \(budget) bytes, CPU batches of \(cpuBatchBytes) "
                + "bytes, CPU-only: " + (cpuOnly.isEmpty ? "none" : cpuOnly.joined(separator: ", "))
        ]
        lines += inputs.enumerated().map { "  v\($0.offset) = input \($0.element)" }
        var variables = inputs.count
        var leaves = 0
        for step in steps {
            if step.isLeaf {
                lines.append("  r\(leaves) = \(step)")
                leaves += 1
            } else {
                lines.append("  v\(variables) = \(step)")
                variables += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The element type of a series variable.
enum SeriesKind: String, CaseIterable, CustomStringConvertible {
    case double = "float64", int64, bool

    var isNumeric: Bool { self != .bool }

    var description: String { rawValue }
}

/// A constant operand, of one series' element type.
enum SeriesConstant: CustomStringConvertible {
    case double(Double)
    case int64(Int64)
    case bool(Bool)

    var kind: SeriesKind {
        switch self {
        case .double: .double
        case .int64: .int64
        case .bool: .bool
        }
    }

    var description: String {
        switch self {
        case .double(let value): "\(value)"
        case .int64(let value): "\(value)"
        case .bool(let value): "\(value)"
        }
    }
}

/// How an input series is made: its element type, which rows are missing, and whether its values
/// come from a small pool (so that `unique` and `groupBy` find repeated values).
struct SeriesInput: CustomStringConvertible {
    /// Which rows are missing.
    enum Missing: CustomStringConvertible {
        /// None.
        case none
        /// Each row with this probability.
        case scattered(Double)
        /// The first rows, this fraction of them (whole batches without a value).
        case leading(Double)
        /// Every row.
        case all

        var description: String {
            switch self {
            case .none: "none missing"
            case .scattered(let rate): "\(Int(rate * 100))% missing"
            case .leading(let fraction): "first \(Int(fraction * 100))% missing"
            case .all: "all missing"
            }
        }
    }

    let kind: SeriesKind
    let missing: Missing
    /// Values drawn from a few distinct ones.
    let pooled: Bool

    var description: String { "\(kind), \(missing)\(pooled ? ", few distinct values" : "")" }
}

/// What replaces the rows `mask` and `where` select.
enum SeriesReplacement: CustomStringConvertible {
    /// A missing value (pandas' default).
    case missing
    /// A constant of the series' type.
    case constant(SeriesConstant)
    /// The same row of another series of the same type.
    case variable(Int)

    var description: String {
        switch self {
        case .missing: ""
        case .constant(let value): ", \(value)"
        case .variable(let index): ", v\(index)"
        }
    }
}

/// A reduction that skips missing values.
enum SeriesStatistic: String, CaseIterable, CustomStringConvertible {
    case sum, count, mean, min, max, variance, std

    /// Whether the result does not depend on how the rows are batched (no floating-point sums).
    func isExact(on kind: SeriesKind) -> Bool {
        switch self {
        case .count, .min, .max: true
        case .sum: kind == .int64
        case .mean, .variance, .std: false
        }
    }

    /// The name of BachFrames' call (pandas' method).
    var callName: String { self == .variance ? "var" : rawValue }

    var description: String { self == .count ? "countPresent" : rawValue }
}

/// An aggregation of grouped rows.
enum GroupAggregation: String, CaseIterable {
    case sum, count, size, mean
}

/// One call. Series operands are variables (inputs, then the results of earlier calls that make
/// a series, in order); reductions, `unique` and `groupBy` make results that later calls do not use.
enum SeriesStep: CustomStringConvertible {
    /// `a op b` row by row (numeric series of one type).
    case arithmetic(BinaryOperation, Int, Int)
    /// `a op value`, or `value op a` when `reversed`.
    case arithmeticScalar(BinaryOperation, Int, SeriesConstant, reversed: Bool)
    /// `-a`.
    case negate(Int)
    /// `a op b` for a comparison `op` (numeric series of one type): a boolean series.
    case compare(BinaryOperation, Int, Int)
    /// `a op value` for a comparison `op`.
    case compareScalar(BinaryOperation, Int, SeriesConstant)
    /// `a & b` or `a | b` of boolean series.
    case logical(BinaryOperation, Int, Int)
    /// `!a`.
    case not(Int)
    /// `a.mask(condition, replacement)`, or `a.where(…)` when `keepWhere`.
    case select(Int, condition: Int, SeriesReplacement, keepWhere: Bool)
    /// `a.fillingMissing(with: value)`.
    case fill(Int, SeriesConstant)
    /// `a.isMissing()`.
    case isMissing(Int)
    /// `a.toDouble()` of an `Int64` series.
    case toDouble(Int)
    /// A reduction of a numeric series.
    case reduce(SeriesStatistic, Int)
    /// `a.unique()`.
    case unique(Int)
    /// A frame of the variables `columns` (the key among them) grouped by `key`, aggregated.
    case group(key: Int, columns: [Int], GroupAggregation)

    /// Whether the step makes a result rather than a series variable.
    var isLeaf: Bool {
        switch self {
        case .reduce, .unique, .group: true
        default: false
        }
    }

    /// The variables the step reads.
    var operands: [Int] {
        switch self {
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .logical(_, let a, let b): [a, b]
        case .arithmeticScalar(_, let a, _, _), .compareScalar(_, let a, _), .negate(let a), .not(let a),
            .fill(let a, _), .isMissing(let a), .toDouble(let a), .reduce(_, let a), .unique(let a):
            [a]
        case .select(let a, let condition, let replacement, _):
            if case .variable(let other) = replacement { [a, condition, other] } else { [a, condition] }
        case .group(let key, let columns, _): [key] + columns
        }
    }

    var description: String {
        switch self {
        case .arithmetic(let op, let a, let b): "v\(a) \(symbol(op)) v\(b)"
        case .arithmeticScalar(let op, let a, let value, let reversed):
            reversed ? "\(value) \(symbol(op)) v\(a)" : "v\(a) \(symbol(op)) \(value)"
        case .negate(let a): "-v\(a)"
        case .compare(let op, let a, let b): "v\(a).compare(\(op), v\(b))"
        case .compareScalar(let op, let a, let value): "v\(a).compare(\(op), \(value))"
        case .logical(let op, let a, let b): "v\(a) \(op == .logicalAnd ? "&" : "|") v\(b)"
        case .not(let a): "!v\(a)"
        case .select(let a, let condition, let replacement, let keepWhere):
            "v\(a).\(keepWhere ? "where" : "mask")(v\(condition)\(replacement))"
        case .fill(let a, let value): "v\(a).fillingMissing(with: \(value))"
        case .isMissing(let a): "v\(a).isMissing()"
        case .toDouble(let a): "v\(a).toDouble()"
        case .reduce(let statistic, let a): "v\(a).\(statistic)()"
        case .unique(let a): "v\(a).unique()"
        case .group(let key, let columns, let aggregation):
            "frame(\(columns.map { "v\($0)" }.joined(separator: ", "))).groupBy(v\(key)).\(aggregation)()"
        }
    }

    private func symbol(_ op: BinaryOperation) -> String {
        switch op {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        default: "\(op)"
        }
    }
}

extension SeriesProgram {
    /// The element type of every variable, or nil when a step reads a variable that does not
    /// exist or has the wrong type (as removing a step while shrinking can leave).
    var variableKinds: [SeriesKind]? {
        var kinds = inputs.map(\.kind)
        for step in steps {
            guard step.operands.allSatisfy({ $0 < kinds.count }) else { return nil }
            guard let kind = step.resultKind(kinds) else { return nil }
            if !step.isLeaf { kinds.append(kind) }
        }
        return kinds
    }

    /// Whether every step reads variables that exist, of types it takes.
    var isWellFormed: Bool { variableKinds != nil }

    /// The names of the calls the program records in Bach (for placement pressure).
    var callNames: Set<String> {
        var names: Set<String> = []
        for step in steps {
            switch step {
            case .arithmetic(let op, _, _), .arithmeticScalar(let op, _, _, _):
                names.formUnion([op.rawValue, "logicalAnd"])
            case .negate: names.insert("negative")
            case .compare(let op, _, _), .compareScalar(let op, _, _):
                names.formUnion([op.rawValue, "logicalAnd", "logicalOr", "logicalNot"])
            case .logical(let op, _, _): names.formUnion([op.rawValue, "logicalAnd"])
            case .not: names.insert("logicalNot")
            case .select: names.formUnion(["where", "logicalNot", "logicalOr", "full"])
            case .fill: names.formUnion(["where", "equal"])
            case .isMissing: names.formUnion(["logicalNot", "equal", "full"])
            case .toDouble: names.insert("astype")
            case .reduce(let statistic, _): names.insert(statistic.callName)
            case .unique, .group: break
            }
        }
        return names
    }
}

extension SeriesStep {
    /// The type of the step's result (a leaf's: the type it reads) given the variables' types, or
    /// nil when the operands do not fit the call.
    func resultKind(_ kinds: [SeriesKind]) -> SeriesKind? {
        switch self {
        case .arithmetic(let op, let a, let b):
            guard kinds[a].isNumeric, kinds[a] == kinds[b], op != .divide || kinds[a] == .double else {
                return nil
            }
            return kinds[a]
        case .arithmeticScalar(let op, let a, let value, _):
            guard kinds[a].isNumeric, value.kind == kinds[a], op != .divide || kinds[a] == .double else {
                return nil
            }
            return kinds[a]
        case .negate(let a): return kinds[a].isNumeric ? kinds[a] : nil
        case .compare(_, let a, let b): return kinds[a].isNumeric && kinds[a] == kinds[b] ? .bool : nil
        case .compareScalar(_, let a, let value):
            return kinds[a].isNumeric && value.kind == kinds[a] ? .bool : nil
        case .logical(_, let a, let b): return kinds[a] == .bool && kinds[b] == .bool ? .bool : nil
        case .not(let a): return kinds[a] == .bool ? .bool : nil
        case .select(let a, let condition, let replacement, _):
            guard kinds[condition] == .bool else { return nil }
            switch replacement {
            case .missing: return kinds[a]
            case .constant(let value): return value.kind == kinds[a] ? kinds[a] : nil
            case .variable(let other): return kinds[other] == kinds[a] ? kinds[a] : nil
            }
        case .fill(let a, let value): return value.kind == kinds[a] ? kinds[a] : nil
        case .isMissing: return .bool
        case .toDouble(let a): return kinds[a] == .int64 ? .double : nil
        case .reduce(_, let a): return kinds[a].isNumeric ? kinds[a] : nil
        case .unique(let a): return kinds[a]
        case .group(let key, let columns, _):
            return columns.contains(key) && Set(columns).count == columns.count ? kinds[key] : nil
        }
    }
}
