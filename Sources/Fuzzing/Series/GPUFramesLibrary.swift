import BachFrames
import Frames
import GPUArrays
import GPUFrames
import NDArrays

// GPUFrames, the GPU library of the pandas role (cuDF's), called eagerly on a device: one kernel
// per call over whole series, as hand-written GPU code runs.

extension GPUSeries: FuzzedSeries where Scalar: SeriesScalar {
    typealias Element = Scalar
    typealias Flags = GPUSeries<Bool>

    func selected(_ condition: GPUSeries<Bool>, _ other: Scalar?, keepWhere: Bool) throws -> GPUSeries {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func selected(_ condition: GPUSeries<Bool>, _ other: GPUSeries, keepWhere: Bool) throws -> GPUSeries {
        keepWhere ? try self.where(condition, other) : try mask(condition, other)
    }

    func filled(_ value: Scalar) throws -> GPUSeries { try fillingMissing(with: value) }

    func missing() throws -> GPUSeries<Bool> { try isMissing() }

    /// GPUFrames has no `unique`.
    func distinct() -> Deferred<SeriesResult>? { nil }

    func host() throws -> Column { try Series(self).column }
}

extension GPUSeries: FuzzedFlags where Scalar == Bool {
    func logical(_ op: BinaryOperation, _ other: GPUSeries) throws -> GPUSeries {
        op == .logicalAnd ? try and(other) : try or(other)
    }

    func negation() throws -> GPUSeries { try not() }
}

extension GPUSeries: FuzzedNumeric where Scalar: SeriesNumeric {
    func combined(_ op: BinaryOperation, _ other: GPUSeries) throws -> GPUSeries {
        switch op {
        case .add: return try adding(other)
        case .subtract: return try subtracting(other)
        case .multiply: return try multiplying(other)
        default:
            guard op == .divide, let a = self as? GPUSeries<Double>, let b = other as? GPUSeries<Double>
            else {
                throw unsupported(op, Scalar.self)
            }
            return try a.dividing(b) as! GPUSeries
        }
    }

    func combined(_ op: BinaryOperation, _ value: Scalar, reversed: Bool) throws -> GPUSeries {
        switch (op, reversed) {
        case (.add, false): return try self + value
        case (.add, true): return try value + self
        case (.subtract, false): return try self - value
        case (.subtract, true): return try value - self
        case (.multiply, false): return try self * value
        case (.multiply, true): return try value * self
        default:
            guard op == .divide, let a = self as? GPUSeries<Double>, let v = value as? Double else {
                throw unsupported(op, Scalar.self)
            }
            return try (reversed ? v / a : a / v) as! GPUSeries
        }
    }

    func negated() throws -> GPUSeries { try -self }

    func compared(_ op: BinaryOperation, _ other: GPUSeries) throws -> GPUSeries<Bool> {
        try compare(op, other)
    }

    func compared(_ op: BinaryOperation, _ value: Scalar) throws -> GPUSeries<Bool> { try compare(op, value) }

    /// Every reduction but the spread of integers (GPUFrames computes spreads in floating point).
    func reduced(_ statistic: SeriesStatistic) throws -> Deferred<SeriesResult>? {
        let result: SeriesResult
        switch statistic {
        case .sum: result = .of(try sum())
        case .count: result = .integer(Int64(try countPresent()))
        case .mean: result = .number(try mean())
        case .min: result = .of(try min())
        case .max: result = .of(try max())
        case .variance, .std:
            guard let doubles = self as? GPUSeries<Double> else { return nil }
            result = .number(statistic == .std ? try doubles.std() : try doubles.variance())
        }
        return { result }
    }
}

/// GPUFrames' series of the three types, on one device context.
struct GPUFramesLibrary: SeriesLibrary {
    typealias Doubles = GPUSeries<Double>
    typealias Integers = GPUSeries<Int64>
    typealias Flags = GPUSeries<Bool>

    let context: GPUContext

    func input(_ column: Column) throws -> SeriesVariable<GPUFramesLibrary> {
        switch column {
        case .float64(let s): .double(try GPUSeries(s, in: context))
        case .int64(let s): .int64(try GPUSeries(s, in: context))
        case .bool(let s): .bool(try GPUSeries(s, in: context))
        case .string(let s): throw unsupportedInput(s.name)
        }
    }

    func toDouble(_ series: GPUSeries<Int64>) throws -> GPUSeries<Double> { try series.toDouble() }

    /// GPUFrames has no `groupBy`.
    func group(
        _ columns: [(name: String, series: SeriesVariable<GPUFramesLibrary>)], key: String,
        _ aggregation: GroupAggregation
    ) -> Deferred<SeriesResult>? { nil }

    func evaluate() {}
}
