import BachFrames
import Frames
import NDArrays

// Frames, the CPU library of the pandas role, as the fuzzer calls it: the reference.

extension Series: FuzzedSeries where Scalar: SeriesScalar {
    typealias Element = Scalar
    typealias Flags = Series<Bool>

    func selected(_ condition: Series<Bool>, _ other: Scalar?, keepWhere: Bool) throws -> Series {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func selected(_ condition: Series<Bool>, _ other: Series, keepWhere: Bool) throws -> Series {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func filled(_ value: Scalar) -> Series { fillingMissing(with: value) }

    func missing() -> Series<Bool> { isMissing() }

    func distinct() -> Deferred<SeriesResult>? {
        let result = SeriesResult.column(unique().column)
        return { result }
    }

    func host() -> Column { column }
}

extension Series: FuzzedFlags where Scalar == Bool {
    func logical(_ op: BinaryOperation, _ other: Series) throws -> Series {
        op == .logicalAnd ? try and(other) : try or(other)
    }

    func negation() -> Series { !self }
}

extension Series: FuzzedNumeric where Scalar: SeriesNumeric {
    func combined(_ op: BinaryOperation, _ other: Series) throws -> Series {
        switch op {
        case .add: return try adding(other)
        case .subtract: return try subtracting(other)
        case .multiply: return try multiplying(other)
        default:
            guard op == .divide, let a = self as? Series<Double>, let b = other as? Series<Double> else {
                throw unsupported(op, Scalar.self)
            }
            return try a.dividing(b) as! Series
        }
    }

    func combined(_ op: BinaryOperation, _ value: Scalar, reversed: Bool) throws -> Series {
        switch (op, reversed) {
        case (.add, false): return self + value
        case (.add, true): return value + self
        case (.subtract, false): return self - value
        case (.subtract, true): return value - self
        case (.multiply, false): return self * value
        case (.multiply, true): return value * self
        default:
            guard op == .divide, let a = self as? Series<Double>, let v = value as? Double else {
                throw unsupported(op, Scalar.self)
            }
            return (reversed ? v / a : a / v) as! Series
        }
    }

    func negated() -> Series { -self }

    func compared(_ op: BinaryOperation, _ other: Series) throws -> Series<Bool> { try compare(op, other) }

    func compared(_ op: BinaryOperation, _ value: Scalar) -> Series<Bool> { compare(op, value) }

    func reduced(_ statistic: SeriesStatistic) -> Deferred<SeriesResult>? {
        let result: SeriesResult =
            switch statistic {
            case .sum: .of(sum())
            case .count: .integer(Int64(countPresent()))
            case .mean: .number(mean())
            case .min: .of(min())
            case .max: .of(max())
            case .variance: .number(variance())
            case .std: .number(std())
            }
        return { result }
    }
}

/// Frames' series of the three types.
struct FramesLibrary: SeriesLibrary {
    typealias Doubles = Series<Double>
    typealias Integers = Series<Int64>
    typealias Flags = Series<Bool>

    func input(_ column: Column) throws -> SeriesVariable<FramesLibrary> {
        switch column {
        case .float64(let s): .double(s)
        case .int64(let s): .int64(s)
        case .bool(let s): .bool(s)
        case .string(let s): throw unsupportedInput(s.name)
        }
    }

    func toDouble(_ series: Series<Int64>) -> Series<Double> { series.toDouble() }

    func group(
        _ columns: [(name: String, series: SeriesVariable<FramesLibrary>)], key: String,
        _ aggregation: GroupAggregation
    ) throws -> Deferred<SeriesResult>? {
        let frame = try DataFrame(columns.map { try $0.series.host().renamed($0.name) })
        let grouped = try frame.groupBy(key)
        let result: DataFrame =
            switch aggregation {
            case .sum: grouped.sum()
            case .count: grouped.count()
            case .size: grouped.size()
            case .mean: grouped.mean()
            }
        return { .frame(result) }
    }

    func evaluate() {}
}

/// The error for an operation a fuzzed series does not take.
func unsupported(_ op: BinaryOperation, _ type: Any.Type) -> FrameError {
    .invalidArgument(operation: "\(op)", expected: "an operation series of \(type) take", found: "\(op)")
}

/// The error for a text input (programs have none).
func unsupportedInput(_ name: String) -> FrameError {
    .typeMismatch(operation: "fuzz", expected: "a numeric or boolean input", found: "text column \(name)")
}
