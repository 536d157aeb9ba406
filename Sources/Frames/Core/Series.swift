import NDArrays

/// A named column of values with missing values: the pandas `Series` of this project.
///
/// Values live in `values` (an `NDArray` for `Double`, `Int64` and `Bool`; a `StringColumn` for
/// `String`), missing values in a separate mask, `validity` (true where a value is present; nil
/// when none is missing). A `Double` series follows pandas' float64: NaN *is* the missing value,
/// so its mask is always nil and NaN is written where a value is missing.
///
/// There is no index: rows pair up by position, as if every pandas result were followed by
/// `reset_index(drop=True)`, and operands of binary operations must have equal lengths.
/// Operations that take row ranges (`slice`, reductions over `slice`s, `concatenate`) compose, so
/// a series can be processed in row batches.
///
/// ```swift
/// let prices = Series<Double>([3.5, nil, 7], name: "price")
/// let cheap = prices[prices < 5]          // [3.5]
/// prices.sum()                            // 10.5: missing values are skipped
/// ```
public struct Series<Scalar: FrameScalar>: Sendable {
    /// The column name.
    public var name: String
    /// The values; missing slots hold `Scalar._placeholder`.
    public internal(set) var values: Scalar.Values
    /// True where a value is present; nil when no value is missing.
    public internal(set) var validity: NDArray<Bool>?

    /// A series over existing values; throws when `validity` has another length.
    public init(name: String = "", values: Scalar.Values, validity: NDArray<Bool>? = nil) throws(FrameError) {
        let count = Scalar._count(values)
        if let validity {
            guard validity.rank == 1 && validity.count == count else {
                throw .lengthMismatch(
                    operation: "Series(values:validity:)", expected: count, found: validity.count)
            }
        }
        self.init(unchecked: name, values, validity)
    }

    /// A series of the given elements; nil elements are missing.
    public init(_ elements: [Scalar?], name: String = "") {
        let values = Scalar._values(elements.map { $0 ?? Scalar._placeholder })
        let validity = elements.contains(nil) ? NDArray(elements.map { $0 != nil }) : nil
        self.init(unchecked: name, values, validity)
    }

    /// A series of the given elements, none missing.
    public init(_ elements: [Scalar], name: String = "") {
        self.init(unchecked: name, Scalar._values(elements), nil)
    }

    init(unchecked name: String, _ values: Scalar.Values, _ validity: NDArray<Bool>?) {
        self.name = name
        (self.values, self.validity) = Scalar._normalize(values, validity)
    }

    /// The number of rows, missing ones included.
    public var count: Int { Scalar._count(values) }

    /// The value at `index`, nil when it is missing. Traps when `index` is out of bounds.
    public subscript(index: Int) -> Scalar? {
        if index < 0 || index >= count {
            fatalError("Series: index \(index) is out of bounds for \(count) rows")
        }
        if let validity, !validity[index] { return nil }
        let value = Scalar._element(values, index)
        return Scalar._isMissing(value) ? nil : value
    }

    /// The values in order, nil where missing.
    public var elements: [Scalar?] { (0..<count).map { self[$0] } }

    /// True where a value is missing (pandas' `isna`).
    public func isMissing() -> Series<Bool> {
        Series<Bool>(unchecked: name, missingMask(), nil)
    }

    /// The number of missing values.
    public var missingCount: Int {
        missingMask().withUnsafeBufferPointer { $0.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }

    /// True where a value is missing.
    func missingMask() -> NDArray<Bool> {
        if let validity { return logicalNot(validity) }
        if let values = values as? NDArray<Double> { return trapping { try notEqual(values, values) } }
        return .zeros([count])
    }

    /// True where a value is present, or nil when none is missing (NaN counts as missing).
    func presentMask() -> NDArray<Bool>? {
        if let validity { return validity }
        if let values = values as? NDArray<Double> {
            let present = trapping { try equal(values, values) }
            return present.withUnsafeBufferPointer { $0.allSatisfy { $0 } } ? nil : present
        }
        return nil
    }

    /// Rows `range` as a series sharing this one's storage (O(1)); throws when the range is not
    /// within `0..<count`.
    public func slice(_ range: Range<Int>) throws(FrameError) -> Series {
        guard range.lowerBound >= 0 && range.upperBound <= count else {
            throw .invalidArgument(
                operation: "slice", expected: "a range within 0..<\(count)", found: "\(range)")
        }
        return Series(unchecked: name, Scalar._slice(values, range), validity?[range])
    }

    /// The first `n` rows (all of them when there are fewer) (pandas' `head`).
    public func head(_ n: Int = 5) -> Series {
        trapping { try slice(0..<Swift.max(0, Swift.min(n, count))) }
    }

    /// The rows at `indices`, in that order; an index of -1 gives a missing value. Throws for an
    /// index outside `-1..<count`.
    public func take(_ indices: [Int]) throws(FrameError) -> Series {
        if let bad = indices.first(where: { $0 < -1 || $0 >= count }) {
            throw .invalidArgument(
                operation: "take", expected: "indices within -1..<\(count)", found: "\(bad)")
        }
        var present = validity.map { mask in indices.map { $0 >= 0 && mask[$0] } }
        if present == nil && indices.contains(-1) { present = indices.map { $0 >= 0 } }
        return Series(unchecked: name, Scalar._take(values, indices), present.map { NDArray($0) })
    }

    /// The series renamed.
    public func renamed(_ name: String) -> Series {
        var copy = self
        copy.name = name
        return copy
    }

    /// The series as a type-erased column.
    public var column: Column { Scalar._column(self) }

    /// The parts one after another, named after the first; throws for no parts.
    public static func concatenate(_ parts: [Series]) throws(FrameError) -> Series {
        guard let first = parts.first else {
            throw .invalidArgument(operation: "concatenate", expected: "at least one series", found: "none")
        }
        let values = Scalar._concatenate(parts.map(\.values))
        guard parts.contains(where: { $0.validity != nil }) else {
            return Series(unchecked: first.name, values, nil)
        }
        let masks = parts.map { $0.validity ?? NDArray<Bool>.full([$0.count], true) }
        return Series(unchecked: first.name, values, Bool._concatenate(masks))
    }
}

extension Series: Equatable {
    /// Same name, length, and values, with missing values in the same rows.
    public static func == (a: Series, b: Series) -> Bool {
        a.name == b.name && a.elements == b.elements
    }
}

extension Series: CustomStringConvertible {
    /// The name, type and values, abbreviated past a dozen rows.
    public var description: String {
        let shown = count > 12 ? Array(0..<6) + Array((count - 6)..<count) : Array(0..<count)
        var parts = shown.map { self[$0].map { "\($0)" } ?? "<NA>" }
        if count > 12 { parts.insert("…", at: 6) }
        return "Series(\"\(name)\", \(Scalar.frameType), [\(parts.joined(separator: ", "))])"
    }
}
