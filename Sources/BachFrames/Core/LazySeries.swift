import BachRuntime
import BachNumeric
import Frames

/// A series in Bach's lazy graph: the pandas `Series` of the seed's annotated pandas, mirroring
/// Frames' `Series` operation for operation.
///
/// Its values are a `LazyArray` and, where values may be missing, so are its validity flags
/// (true where a value is present). A `Double` series has no flags: NaN *is* the missing value, as
/// in Frames. Arithmetic, comparisons, `mask` and `where` are BachNumeric's elementwise calls on
/// these arrays, so consecutive calls fuse into one pass (one kernel per batch on the device);
/// reductions skip missing values with partial results that combine exactly across batches.
/// Nothing runs until a value is read (`value()`, a reduction's `value()`) or the runtime
/// evaluates.
///
/// ```swift
/// let bach = Bach(device: device)
/// let prices = bach.lazy(Series<Double>([3.5, nil, 7], name: "price"))
/// let total = prices.mask(prices > 5, 0).sum()      // recorded, not run
/// try total.value()                                  // 3.5: missing values are skipped
/// ```
public struct LazySeries<S: SeriesScalar>: @unchecked Sendable {
    /// The column name.
    public var name: String
    /// The values; missing slots hold Frames' placeholder (NaN for `Double`).
    public let values: LazyArray<S>
    /// True where a value is present; nil when no value can be missing (always nil for `Double`).
    public let validity: LazyArray<Bool>?

    /// A series over lazy arrays of one runtime; throws unless both are 1-D of the same length.
    /// For `Double`, NaN is written where `validity` is false (lazily) and the flags are dropped.
    public init(name: String = "", values: LazyArray<S>, validity: LazyArray<Bool>? = nil) throws(FrameError)
    {
        guard values.shape.count == 1 else {
            throw .invalidArgument(
                operation: "LazySeries", expected: "1-D values", found: "shape \(values.shape)")
        }
        if let validity {
            guard validity.shape == values.shape, validity.runtime === values.runtime else {
                throw .lengthMismatch(
                    operation: "LazySeries(validity:)", expected: values.count, found: validity.count)
            }
        }
        if S.nanIsMissing, let validity {
            self.init(unchecked: name, BachNumeric.where(validity, values, S._placeholder), nil)
        } else {
            self.init(unchecked: name, values, validity)
        }
    }

    init(unchecked name: String, _ values: LazyArray<S>, _ validity: LazyArray<Bool>?) {
        self.name = name
        self.values = values
        self.validity = validity
    }

    /// The runtime the series belongs to.
    public var runtime: Bach { values.runtime }

    /// The number of rows, missing ones included (known before evaluation).
    public var count: Int { values.count }

    /// The series on the host, evaluating what it needs first.
    public func value() throws -> Series<S> {
        guard let validity else { return try Series(name: name, values: values.value()) }
        // Values and flags are computed in one evaluation, so that what they share (a file read
        // batch by batch) runs once.
        try runtime.evaluate()
        return try Series(name: name, values: values.value(), validity: validity.value())
    }

    /// Asks the runtime to keep the series on `backend` when it is evaluated (the host by default),
    /// for series that later calls use there again.
    public func materialize(on backend: Backend) {
        values.materialize(on: backend)
        validity?.materialize(on: backend)
    }

    /// The series renamed.
    public func renamed(_ name: String) -> LazySeries {
        LazySeries(unchecked: name, values, validity)
    }

    /// Throws unless `other` has this series' length and runtime.
    func checkOperand<Other: SeriesScalar>(_ other: LazySeries<Other>, _ operation: String) throws(FrameError)
    {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
        guard other.runtime === runtime else {
            throw .invalidArgument(
                operation: operation, expected: "series of one Bach runtime", found: "series of two")
        }
    }
}

extension Bach {
    /// `series` as a lazy value of this runtime: the start of a lazy program over data already in
    /// memory.
    public func lazy<S: SeriesScalar>(_ series: Series<S>) -> LazySeries<S> {
        LazySeries(unchecked: series.name, lazy(series.values), series.validity.map { lazy($0) })
    }
}

/// Traps with `error`'s message if `body` throws: for operators, which cannot throw, and which have
/// a throwing named counterpart (`fatalError`, so that release builds print the message too).
func trapping<T, E: Error>(_ body: () throws(E) -> T) -> T {
    do {
        return try body()
    } catch {
        fatalError("\(error)")
    }
}

/// The lazy array of a call this library recorded with an `ArraySplit<S>` result (so that the
/// check `LazyArray(recorded:)` makes holds by construction).
func recordedArray<S: ArrayScalar>(_ handle: LazyValue) -> LazyArray<S> {
    do {
        return try LazyArray(recorded: handle)
    } catch {
        preconditionFailure("BachFrames recorded \(handle.producer) with another split type: \(error)")
    }
}
