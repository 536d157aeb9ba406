import NDArrays

// Boolean filtering and pandas' `mask` / `where`. A condition must have the series' length; a
// missing condition value counts as "replace" in `mask` and `where` (pandas fills a missing
// condition before selecting) and is refused by filtering (pandas raises there too).

extension Series {
    /// The rows where `keep` is true, in order (pandas' `series[mask]`); throws when the lengths
    /// differ or `keep` has missing values.
    public func filter(_ keep: Series<Bool>) throws(FrameError) -> Series {
        try checkCondition(keep, "filter")
        if keep.validity != nil { throw .missingValues(operation: "filter", count: keep.missingCount) }
        return Series(
            unchecked: name, Scalar._filter(values, keep.values),
            validity.map { Bool._filter($0, keep.values) })
    }

    /// `filter`; traps when the lengths differ or `keep` has missing values.
    public subscript(keep: Series<Bool>) -> Series { trapping { try filter(keep) } }

    /// The series with the rows where `condition` is true replaced by `other` (missing by
    /// default) (pandas' `mask`); throws when the lengths differ.
    public consuming func mask(_ condition: Series<Bool>, _ other: Scalar? = nil) throws(FrameError) -> Series
    {
        try checkCondition(condition, "mask")
        return replacing(replaceMask(condition, keepWhere: false), with: other)
    }

    /// `mask` taking replacements from `other` row by row; throws when the lengths differ.
    public consuming func mask(_ condition: Series<Bool>, _ other: Series) throws(FrameError) -> Series {
        try checkCondition(condition, "mask")
        try checkCondition(other, "mask")
        return replacing(replaceMask(condition, keepWhere: false), with: other)
    }

    /// The series with the rows where `condition` is false replaced by `other` (missing by
    /// default) (pandas' `where`); throws when the lengths differ.
    public consuming func `where`(_ condition: Series<Bool>, _ other: Scalar? = nil) throws(FrameError)
        -> Series
    {
        try checkCondition(condition, "where")
        return replacing(replaceMask(condition, keepWhere: true), with: other)
    }

    /// `where` taking replacements from `other` row by row; throws when the lengths differ.
    public consuming func `where`(_ condition: Series<Bool>, _ other: Series) throws(FrameError) -> Series {
        try checkCondition(condition, "where")
        try checkCondition(other, "where")
        return replacing(replaceMask(condition, keepWhere: true), with: other)
    }

    /// The series with missing values replaced by `value` (pandas' `fillna`).
    public consuming func fillingMissing(with value: Scalar) -> Series {
        guard let missing = presentMask().map(logicalNot) else { return self }
        return replacing(missing, with: value)
    }

    /// True in the rows to replace: where the condition holds (`mask`) or does not (`where`),
    /// and where it is missing.
    private func replaceMask(_ condition: Series<Bool>, keepWhere: Bool) -> NDArray<Bool> {
        let flags = keepWhere ? logicalNot(condition.values) : condition.values
        guard let present = condition.validity else { return flags }
        return trapping { try logicalOr(flags, logicalNot(present)) }
    }

    /// The series with the `replace` rows set to `other` (missing when nil), written into its
    /// own buffer when nothing else holds it (the second `mask` of `a.mask(…).mask(…)`).
    private consuming func replacing(_ replace: NDArray<Bool>, with other: Scalar?) -> Series {
        let validity = self.validity
        let count = self.count
        var result = self
        Scalar._select(replace, Scalar._values([other ?? Scalar._placeholder]), into: &result.values)
        // No mask is needed when nothing was missing and nothing became missing, or when the
        // placeholder written is itself the missing value (NaN).
        if validity == nil && (other != nil || Scalar._isMissing(Scalar._placeholder)) { return result }
        let present = validity ?? NDArray<Bool>.full([count], true)
        let newValidity = trapping { try NDArrays.`where`(replace, other != nil, present) }
        return Series(unchecked: result.name, result.values, newValidity)
    }

    /// The series with the `replace` rows taken from `other`, in place when possible.
    private consuming func replacing(_ replace: NDArray<Bool>, with other: Series) -> Series {
        let validity = self.validity
        let count = self.count
        var result = self
        Scalar._select(replace, other.values, into: &result.values)
        guard validity != nil || other.validity != nil else { return result }
        let mine = validity ?? NDArray<Bool>.full([count], true)
        let theirs = other.validity ?? NDArray<Bool>.full([count], true)
        return Series(
            unchecked: result.name, result.values, trapping { try NDArrays.`where`(replace, theirs, mine) })
    }

    private func checkCondition<Other: FrameScalar>(_ other: Series<Other>, _ operation: String)
        throws(FrameError)
    {
        guard other.count == count else {
            throw .lengthMismatch(operation: operation, expected: count, found: other.count)
        }
    }
}
