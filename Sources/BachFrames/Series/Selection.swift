import BachRuntime
import BachNumeric
import Frames
import NDArrays

// pandas' `mask` / `where` and the missing-value helpers, lazily: `where` calls of BachNumeric on
// the values and the flags. A missing condition value counts as "replace", as in Frames.

extension LazySeries {
    /// The series with the rows where `condition` is true replaced by `other` (missing when nil)
    /// (pandas' `mask`); throws when the lengths differ.
    public func mask(_ condition: LazySeries<Bool>, _ other: S? = nil) throws(FrameError) -> LazySeries {
        try checkOperand(condition, "mask")
        return replacing(replaceFlags(condition, keepWhere: false), with: other)
    }

    /// `mask` taking replacements from `other` row by row; throws when the lengths differ.
    public func mask(_ condition: LazySeries<Bool>, _ other: LazySeries) throws(FrameError) -> LazySeries {
        try checkOperand(condition, "mask")
        try checkOperand(other, "mask")
        return replacing(replaceFlags(condition, keepWhere: false), with: other)
    }

    /// The series with the rows where `condition` is false replaced by `other` (missing when nil)
    /// (pandas' `where`); throws when the lengths differ.
    public func `where`(_ condition: LazySeries<Bool>, _ other: S? = nil) throws(FrameError) -> LazySeries {
        try checkOperand(condition, "where")
        return replacing(replaceFlags(condition, keepWhere: true), with: other)
    }

    /// `where` taking replacements from `other` row by row; throws when the lengths differ.
    public func `where`(_ condition: LazySeries<Bool>, _ other: LazySeries) throws(FrameError) -> LazySeries {
        try checkOperand(condition, "where")
        try checkOperand(other, "where")
        return replacing(replaceFlags(condition, keepWhere: true), with: other)
    }

    /// The series with missing values replaced by `value` (pandas' `fillna`).
    public func fillingMissing(with value: S) -> LazySeries {
        guard let present = presentFlags() else { return self }
        return LazySeries(unchecked: name, BachNumeric.where(present, values, value), nil)
    }

    /// True where a value is missing (pandas' `isna`).
    public func isMissing() -> LazySeries<Bool> {
        let flags = presentFlags().map { logicalNot($0) } ?? runtime.full([count], false)
        return LazySeries<Bool>(unchecked: name, flags, nil)
    }

    /// True where a value is present, or nil when every value is (for `Double`, a comparison of
    /// the values with themselves: NaN is missing).
    func presentFlags() -> LazyArray<Bool>? {
        if let validity { return validity }
        guard S.nanIsMissing, let numeric = values as? any NaNComparable else { return nil }
        return numeric.selfEqual()
    }

    /// True in the rows to replace: where the condition holds (`mask`) or does not (`where`), and
    /// where it is missing.
    private func replaceFlags(_ condition: LazySeries<Bool>, keepWhere: Bool) -> LazyArray<Bool> {
        let flags = keepWhere ? logicalNot(condition.values) : condition.values
        guard let present = condition.validity else { return flags }
        return logicalOr(flags, logicalNot(present))
    }

    private func replacing(_ replace: LazyArray<Bool>, with other: S?) -> LazySeries {
        let replaced = BachNumeric.where(replace, other ?? S._placeholder, values)
        // No flags are needed when nothing was missing and nothing became missing, or when the
        // placeholder written is itself the missing value (NaN).
        if validity == nil && (other != nil || S.nanIsMissing) {
            return LazySeries(unchecked: name, replaced, nil)
        }
        let present =
            if let validity { BachNumeric.where(replace, other != nil, validity) } else {
                logicalNot(replace)
            }
        return LazySeries(unchecked: name, replaced, present)
    }

    private func replacing(_ replace: LazyArray<Bool>, with other: LazySeries) -> LazySeries {
        let replaced = BachNumeric.where(replace, other.values, values)
        guard validity != nil || other.validity != nil else {
            return LazySeries(unchecked: name, replaced, nil)
        }
        let all = runtime.full([count], true)
        return LazySeries(
            unchecked: name, replaced, BachNumeric.where(replace, other.validity ?? all, validity ?? all))
    }
}

/// Lazy arrays of a type with NaN: `x == x` is false exactly where NaN is.
protocol NaNComparable {
    func selfEqual() -> LazyArray<Bool>
}

extension LazyArray: NaNComparable where S: ArrayNumeric {
    func selfEqual() -> LazyArray<Bool> { equal(self, self) }
}
