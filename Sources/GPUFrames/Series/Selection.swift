import GPUArrays

// pandas' `mask` / `where` and missing-value helpers on the device. A condition must have the
// series' length; a missing condition value counts as "replace" (pandas fills a missing condition
// before selecting), as in Frames.

extension GPUSeries {
    /// The series with the rows where `condition` is true replaced by `other` (missing when nil)
    /// (pandas' `mask`); throws when the lengths differ.
    public func mask(_ condition: GPUSeries<Bool>, _ other: Scalar? = nil) throws(GPUFrameError) -> GPUSeries
    {
        try checkLength(condition, "mask")
        return try replacing(replaceFlags(condition, keepWhere: false), with: other)
    }

    /// `mask` taking replacements from `other` row by row; throws when the lengths differ.
    public func mask(_ condition: GPUSeries<Bool>, _ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try checkLength(condition, "mask")
        try checkLength(other, "mask")
        return try replacing(replaceFlags(condition, keepWhere: false), with: other)
    }

    /// The series with the rows where `condition` is false replaced by `other` (missing when nil)
    /// (pandas' `where`); throws when the lengths differ.
    public func `where`(_ condition: GPUSeries<Bool>, _ other: Scalar? = nil) throws(GPUFrameError)
        -> GPUSeries
    {
        try checkLength(condition, "where")
        return try replacing(replaceFlags(condition, keepWhere: true), with: other)
    }

    /// `where` taking replacements from `other` row by row; throws when the lengths differ.
    public func `where`(_ condition: GPUSeries<Bool>, _ other: GPUSeries) throws(GPUFrameError) -> GPUSeries {
        try checkLength(condition, "where")
        try checkLength(other, "where")
        return try replacing(replaceFlags(condition, keepWhere: true), with: other)
    }

    /// The series with missing values replaced by `value` (pandas' `fillna`).
    public func fillingMissing(with value: Scalar) throws(GPUFrameError) -> GPUSeries {
        GPUSeries(unchecked: name, try Presence.filled(self, with: value), nil)
    }

    /// True where a value is missing (pandas' `isna`), with no missing values itself.
    public func isMissing() throws(GPUFrameError) -> GPUSeries<Bool> {
        let present = try Presence.flags(self)
        let flags = try onGPU { () throws(GPUArrayError) in
            if let present { return try GPUArrays.logicalNot(present) }
            return try GPUArray<Bool>.full([count], false, in: GPUContext.current ?? context)
        }
        return GPUSeries<Bool>(unchecked: name, flags, nil)
    }

    /// True in the rows to replace: where the condition holds (`mask`) or does not (`where`), and
    /// where it is missing.
    private func replaceFlags(_ condition: GPUSeries<Bool>, keepWhere: Bool) throws(GPUFrameError)
        -> GPUArray<Bool>
    {
        try onGPU { () throws(GPUArrayError) in
            let flags = keepWhere ? try GPUArrays.logicalNot(condition.values) : condition.values
            guard let present = condition.validity else { return flags }
            return try GPUArrays.logicalOr(flags, GPUArrays.logicalNot(present))
        }
    }

    private func replacing(_ replace: GPUArray<Bool>, with other: Scalar?) throws(GPUFrameError) -> GPUSeries
    {
        try onGPU { () throws(GPUArrayError) in
            let values = try GPUArrays.where(replace, other ?? Scalar.missingPlaceholder, self.values)
            // No mask is needed when nothing was missing and nothing became missing, or when the
            // placeholder written is itself the missing value (NaN).
            if validity == nil && (other != nil || Scalar.nanIsMissing) {
                return GPUSeries(unchecked: name, values, nil)
            }
            let present =
                if let validity {
                    try GPUArrays.where(replace, other != nil, validity)
                } else {
                    try GPUArrays.logicalNot(replace)
                }
            return GPUSeries(unchecked: name, values, present)
        }
    }

    private func replacing(_ replace: GPUArray<Bool>, with other: GPUSeries) throws(GPUFrameError)
        -> GPUSeries
    {
        try onGPU { () throws(GPUArrayError) in
            let values = try GPUArrays.where(replace, other.values, self.values)
            guard validity != nil || other.validity != nil else {
                return GPUSeries(unchecked: name, values, nil)
            }
            let context = GPUContext.current ?? self.context
            let all = try GPUArray<Bool>.full([count], true, in: context)
            let (mine, theirs) = (validity ?? all, other.validity ?? all)
            return GPUSeries(unchecked: name, values, try GPUArrays.where(replace, theirs, mine))
        }
    }
}
