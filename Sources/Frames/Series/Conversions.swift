import NDArrays

extension Series where Scalar: FrameArrayScalar {
    /// A series over the elements of a 1-D array (no copy); throws for another rank. For
    /// `Double`, NaN elements are the missing values.
    public init(_ array: NDArray<Scalar>, name: String = "") throws(FrameError) {
        guard array.rank == 1 else {
            throw .invalidArgument(
                operation: "Series(_:)", expected: "a 1-D array", found: "shape \(array.shape)")
        }
        self.init(unchecked: name, array, nil)
    }

    /// The values as an array (no copy): for `Double`, missing values are NaN; for types without
    /// NaN, throws when a value is missing (fill them first with `fillingMissing(with:)`).
    public func toNDArray() throws(FrameError) -> NDArray<Scalar> {
        if validity != nil { throw .missingValues(operation: "toNDArray", count: missingCount) }
        return values
    }
}

extension DataFrame {
    /// The numeric and boolean columns as the columns of a 2-D array of doubles (missing values
    /// NaN, `true` 1): the form a model takes. Throws when a column holds text, or the frame has
    /// no column.
    public func toNDArray() throws(FrameError) -> NDArray<Double> {
        guard !columns.isEmpty else {
            throw .invalidArgument(operation: "toNDArray", expected: "a frame with columns", found: "none")
        }
        var parts: [NDArray<Double>] = []
        for column in columns {
            switch column {
            case .float64(let s): parts.append(s.values)
            case .int64(let s): parts.append(s.toDouble().values)
            case .bool(let s): parts.append(s.toDouble().values)
            case .string:
                throw .typeMismatch(
                    operation: "toNDArray", expected: "numeric or boolean columns",
                    found: "text column \"\(column.name)\"")
            }
        }
        return trapping { try stack(parts, axis: 1) }
    }
}
