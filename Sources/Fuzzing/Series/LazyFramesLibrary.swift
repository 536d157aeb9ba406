import BachFrames
import BachRuntime
import Frames
import NDArrays

// BachFrames, the annotated library of the pandas role: every call recorded in a runtime, run
// when the library evaluates (batch by batch, on the device or the CPU): the system under test.

extension LazySeries: FuzzedSeries {
    typealias Element = S
    typealias Flags = LazySeries<Bool>

    func selected(_ condition: LazySeries<Bool>, _ other: S?, keepWhere: Bool) throws -> LazySeries {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func selected(_ condition: LazySeries<Bool>, _ other: LazySeries, keepWhere: Bool) throws -> LazySeries {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func filled(_ value: S) -> LazySeries { fillingMissing(with: value) }

    func missing() -> LazySeries<Bool> { isMissing() }

    func distinct() -> Deferred<SeriesResult>? {
        let distinct = unique()
        return { .column(try distinct.value().column) }
    }

    func host() throws -> Column { try value().column }
}

extension LazySeries: FuzzedFlags where S == Bool {
    func logical(_ op: BinaryOperation, _ other: LazySeries) throws -> LazySeries {
        op == .logicalAnd ? try and(other) : try or(other)
    }

    func negation() -> LazySeries { !self }
}

extension LazySeries: FuzzedNumeric where S: SeriesNumeric {
    func combined(_ op: BinaryOperation, _ other: LazySeries) throws -> LazySeries {
        switch op {
        case .add: return try adding(other)
        case .subtract: return try subtracting(other)
        case .multiply: return try multiplying(other)
        default:
            guard op == .divide, let a = self as? LazySeries<Double>, let b = other as? LazySeries<Double>
            else {
                throw unsupported(op, S.self)
            }
            return try a.dividing(b) as! LazySeries
        }
    }

    func combined(_ op: BinaryOperation, _ value: S, reversed: Bool) throws -> LazySeries {
        switch (op, reversed) {
        case (.add, false): return self + value
        case (.add, true): return value + self
        case (.subtract, false): return self - value
        case (.subtract, true): return value - self
        case (.multiply, false): return self * value
        case (.multiply, true): return value * self
        default:
            guard op == .divide, let a = self as? LazySeries<Double>, let v = value as? Double else {
                throw unsupported(op, S.self)
            }
            return (reversed ? v / a : a / v) as! LazySeries
        }
    }

    func negated() -> LazySeries { -self }

    func compared(_ op: BinaryOperation, _ other: LazySeries) throws -> LazySeries<Bool> {
        try compare(op, other)
    }

    func compared(_ op: BinaryOperation, _ value: S) -> LazySeries<Bool> { compare(op, value) }

    func reduced(_ statistic: SeriesStatistic) -> Deferred<SeriesResult>? {
        switch statistic {
        case .sum:
            let total = sum()
            return { .of(try total.value()) }
        case .count:
            let present = countPresent()
            return { .integer(try present.value()) }
        case .mean, .variance, .std:
            let value = statistic == .mean ? mean() : statistic == .std ? std() : variance()
            return { .number(try value.value()) }
        case .min, .max:
            let extremum = statistic == .min ? min() : max()
            return { .of(try extremum.value()) }
        }
    }
}

/// BachFrames' series of the three types, recorded in one runtime.
struct LazyFramesLibrary: SeriesLibrary {
    typealias Doubles = LazySeries<Double>
    typealias Integers = LazySeries<Int64>
    typealias Flags = LazySeries<Bool>

    let runtime: Bach

    func input(_ column: Column) throws -> SeriesVariable<LazyFramesLibrary> {
        switch column {
        case .float64(let s): .double(runtime.lazy(s))
        case .int64(let s): .int64(runtime.lazy(s))
        case .bool(let s): .bool(runtime.lazy(s))
        case .string(let s): throw unsupportedInput(s.name)
        }
    }

    func toDouble(_ series: LazySeries<Int64>) -> LazySeries<Double> { series.toDouble() }

    func group(
        _ columns: [(name: String, series: SeriesVariable<LazyFramesLibrary>)], key: String,
        _ aggregation: GroupAggregation
    ) throws -> Deferred<SeriesResult>? {
        let frame = try LazyDataFrame(
            columns.map { name, series in
                switch series {
                case .double(let s): .float64(s.renamed(name))
                case .int64(let s): .int64(s.renamed(name))
                case .bool(let s): .bool(s.renamed(name))
                }
            })
        let grouped = try frame.groupBy(key)
        let result =
            switch aggregation {
            case .sum: grouped.sum()
            case .count: grouped.count()
            case .size: grouped.size()
            case .mean: grouped.mean()
            }
        return { .frame(try result.value()) }
    }

    func evaluate() throws { try runtime.evaluate() }
}
