import Frames
import NDArrays

/// A result the program computes but no later call uses, on the host: a reduction's number, the
/// distinct values of a series, or a grouped frame.
enum SeriesResult {
    /// A floating-point result.
    case number(Double)
    /// An integer result (a count, the sum or an extremum of integers).
    case integer(Int64)
    /// The extremum of a series without values.
    case absent
    /// `unique`'s values.
    case column(Column)
    /// `groupBy`'s frame.
    case frame(DataFrame)

    /// A reduction's result of the series' element type (`Double` or `Int64`; nil: absent).
    static func of(_ value: Any?) -> SeriesResult {
        switch value {
        case let value as Double: .number(value)
        case let value as Int64: .integer(value)
        default: .absent
        }
    }
}

/// A result read once the library has evaluated (at once for eager libraries).
typealias Deferred<T> = () throws -> T

/// A series of one library, as the fuzzer's interpreter calls it: Frames' `Series` (the
/// reference), GPUFrames' `GPUSeries` and BachFrames' `LazySeries` conform for `Double`, `Int64`
/// and `Bool`, so that one interpreter runs a program on all three (as `NumericSeries` lets one
/// program source run on all three).
protocol FuzzedSeries {
    /// The element type.
    associatedtype Element
    /// The boolean series of the library.
    associatedtype Flags: FuzzedFlags

    /// `mask(condition, other)`, or `where` when `keepWhere` (missing where `other` is nil).
    func selected(_ condition: Flags, _ other: Element?, keepWhere: Bool) throws -> Self
    /// `mask(condition, other)` or `where` with replacements row by row.
    func selected(_ condition: Flags, _ other: Self, keepWhere: Bool) throws -> Self
    /// `fillingMissing(with: value)`.
    func filled(_ value: Element) throws -> Self
    /// `isMissing()`.
    func missing() throws -> Flags
    /// `unique()`, or nil where the library has none.
    func distinct() throws -> Deferred<SeriesResult>?
    /// The series on the host, once the library has evaluated.
    func host() throws -> Column
}

/// A boolean series of one library.
protocol FuzzedFlags: FuzzedSeries where Element == Bool, Flags == Self {
    /// `self & other` or `self | other` (`op` is `logicalAnd` or `logicalOr`).
    func logical(_ op: BinaryOperation, _ other: Self) throws -> Self
    /// `!self`.
    func negation() throws -> Self
}

/// A numeric series of one library.
protocol FuzzedNumeric: FuzzedSeries {
    /// `self op other` row by row (`add`, `subtract`, `multiply`, `divide`).
    func combined(_ op: BinaryOperation, _ other: Self) throws -> Self
    /// `self op value`, or `value op self` when `reversed`.
    func combined(_ op: BinaryOperation, _ value: Element, reversed: Bool) throws -> Self
    /// `-self`.
    func negated() throws -> Self
    /// The comparison `self op other` row by row.
    func compared(_ op: BinaryOperation, _ other: Self) throws -> Flags
    /// The comparison `self op value`.
    func compared(_ op: BinaryOperation, _ value: Element) throws -> Flags
    /// A reduction that skips missing values, or nil where the library has none for the type.
    func reduced(_ statistic: SeriesStatistic) throws -> Deferred<SeriesResult>?
}

/// One library's series of `Double`, `Int64` and `Bool`, and what it does across types.
protocol SeriesLibrary {
    associatedtype Doubles: FuzzedNumeric where Doubles.Element == Double, Doubles.Flags == Flags
    associatedtype Integers: FuzzedNumeric where Integers.Element == Int64, Integers.Flags == Flags
    associatedtype Flags: FuzzedFlags

    /// An input series in the library's form.
    func input(_ column: Column) throws -> SeriesVariable<Self>
    /// `series.toDouble()`.
    func toDouble(_ series: Integers) throws -> Doubles
    /// A frame of `columns` (each renamed) grouped by the column named `key`, aggregated; nil
    /// where the library has no `groupBy`.
    func group(
        _ columns: [(name: String, series: SeriesVariable<Self>)], key: String,
        _ aggregation: GroupAggregation
    ) throws -> Deferred<SeriesResult>?
    /// Runs what the library recorded (nothing for eager libraries).
    func evaluate() throws
}

/// A series variable of a program, of one of the three element types.
enum SeriesVariable<Library: SeriesLibrary> {
    case double(Library.Doubles)
    case int64(Library.Integers)
    case bool(Library.Flags)

    /// The series on the host.
    func host() throws -> Column {
        switch self {
        case .double(let s): try s.host()
        case .int64(let s): try s.host()
        case .bool(let s): try s.host()
        }
    }
}

/// Mistakes the interpreter makes on purpose, in the reference only, so that tests see the fuzzer
/// fail and shrink.
enum SeriesFault: Sendable {
    /// Sums one too large.
    case sumOffByOne
    /// `where` replacing the rows where the condition holds (as `mask` does).
    case whereAsMask
}

/// What a series program produced: every series variable on the host and every result (nil
/// where the library lacks the call), or the first error.
struct SeriesOutcome {
    var series: [Column] = []
    var results: [SeriesResult?] = []
    var error: String?
}

/// Runs series programs with one library.
enum SeriesInterpreter {
    static func run<Library: SeriesLibrary>(
        _ program: SeriesProgram, inputs: [Column], library: Library, fault: SeriesFault? = nil
    ) -> SeriesOutcome {
        do {
            var variables = try inputs.map(library.input)
            var results: [Deferred<SeriesResult>?] = []
            for step in program.steps {
                if step.isLeaf {
                    var result = try leaf(step, variables, library)
                    if fault == .sumOffByOne, case .reduce(.sum, _) = step, let computed = result {
                        result = { try offByOne(computed()) }
                    }
                    results.append(result)
                } else {
                    variables.append(try call(step, variables, library, fault: fault))
                }
            }
            try library.evaluate()
            return SeriesOutcome(
                series: try variables.map { try $0.host() }, results: try results.map { try $0?() })
        } catch {
            return SeriesOutcome(error: "\(error)")
        }
    }

    private static func call<Library: SeriesLibrary>(
        _ step: SeriesStep, _ variables: [SeriesVariable<Library>], _ library: Library, fault: SeriesFault?
    ) throws -> SeriesVariable<Library> {
        switch step {
        case .arithmetic(let op, let a, let b):
            switch (variables[a], variables[b]) {
            case (.double(let x), .double(let y)): return .double(try x.combined(op, y))
            case (.int64(let x), .int64(let y)): return .int64(try x.combined(op, y))
            default: throw malformed(step)
            }
        case .arithmeticScalar(let op, let a, let value, let reversed):
            switch (variables[a], value) {
            case (.double(let x), .double(let v)): return .double(try x.combined(op, v, reversed: reversed))
            case (.int64(let x), .int64(let v)): return .int64(try x.combined(op, v, reversed: reversed))
            default: throw malformed(step)
            }
        case .negate(let a):
            switch variables[a] {
            case .double(let x): return .double(try x.negated())
            case .int64(let x): return .int64(try x.negated())
            case .bool: throw malformed(step)
            }
        case .compare(let op, let a, let b):
            switch (variables[a], variables[b]) {
            case (.double(let x), .double(let y)): return .bool(try x.compared(op, y))
            case (.int64(let x), .int64(let y)): return .bool(try x.compared(op, y))
            default: throw malformed(step)
            }
        case .compareScalar(let op, let a, let value):
            switch (variables[a], value) {
            case (.double(let x), .double(let v)): return .bool(try x.compared(op, v))
            case (.int64(let x), .int64(let v)): return .bool(try x.compared(op, v))
            default: throw malformed(step)
            }
        case .logical(let op, let a, let b):
            guard case .bool(let x) = variables[a], case .bool(let y) = variables[b] else {
                throw malformed(step)
            }
            return .bool(try x.logical(op, y))
        case .not(let a):
            guard case .bool(let x) = variables[a] else { throw malformed(step) }
            return .bool(try x.negation())
        case .select(let a, let c, let replacement, let keepWhere):
            guard case .bool(let condition) = variables[c] else { throw malformed(step) }
            let mask = keepWhere && fault != .whereAsMask
            func select<S: FuzzedSeries>(_ x: S, _ constant: S.Element?, _ other: S?) throws -> S
            where S.Flags == Library.Flags {
                if let other { return try x.selected(condition, other, keepWhere: mask) }
                return try x.selected(condition, constant, keepWhere: mask)
            }
            switch (variables[a], replacement) {
            case (.double(let x), .missing): return .double(try select(x, nil, nil))
            case (.double(let x), .constant(.double(let v))): return .double(try select(x, v, nil))
            case (.double(let x), .variable(let o)):
                guard case .double(let y) = variables[o] else { throw malformed(step) }
                return .double(try select(x, nil, y))
            case (.int64(let x), .missing): return .int64(try select(x, nil, nil))
            case (.int64(let x), .constant(.int64(let v))): return .int64(try select(x, v, nil))
            case (.int64(let x), .variable(let o)):
                guard case .int64(let y) = variables[o] else { throw malformed(step) }
                return .int64(try select(x, nil, y))
            case (.bool(let x), .missing): return .bool(try select(x, nil, nil))
            case (.bool(let x), .constant(.bool(let v))): return .bool(try select(x, v, nil))
            case (.bool(let x), .variable(let o)):
                guard case .bool(let y) = variables[o] else { throw malformed(step) }
                return .bool(try select(x, nil, y))
            default: throw malformed(step)
            }
        case .fill(let a, let value):
            switch (variables[a], value) {
            case (.double(let x), .double(let v)): return .double(try x.filled(v))
            case (.int64(let x), .int64(let v)): return .int64(try x.filled(v))
            case (.bool(let x), .bool(let v)): return .bool(try x.filled(v))
            default: throw malformed(step)
            }
        case .isMissing(let a):
            switch variables[a] {
            case .double(let x): return .bool(try x.missing())
            case .int64(let x): return .bool(try x.missing())
            case .bool(let x): return .bool(try x.missing())
            }
        case .toDouble(let a):
            guard case .int64(let x) = variables[a] else { throw malformed(step) }
            return .double(try library.toDouble(x))
        case .reduce, .unique, .group:
            throw malformed(step)
        }
    }

    private static func leaf<Library: SeriesLibrary>(
        _ step: SeriesStep, _ variables: [SeriesVariable<Library>], _ library: Library
    ) throws -> Deferred<SeriesResult>? {
        switch step {
        case .reduce(let statistic, let a):
            switch variables[a] {
            case .double(let x): return try x.reduced(statistic)
            case .int64(let x): return try x.reduced(statistic)
            case .bool: throw malformed(step)
            }
        case .unique(let a):
            switch variables[a] {
            case .double(let x): return try x.distinct()
            case .int64(let x): return try x.distinct()
            case .bool(let x): return try x.distinct()
            }
        case .group(let key, let columns, let aggregation):
            return try library.group(columns.map { ("v\($0)", variables[$0]) }, key: "v\(key)", aggregation)
        default:
            throw malformed(step)
        }
    }

    private static func offByOne(_ result: SeriesResult) -> SeriesResult {
        switch result {
        case .number(let value): .number(value + 1)
        case .integer(let value): .integer(value &+ 1)
        default: result
        }
    }

    private static func malformed(_ step: SeriesStep) -> FrameError {
        .invalidArgument(operation: "fuzz", expected: "operands of the types \(step) takes", found: "others")
    }
}
