import NDArrays

/// Input checks shared by every estimator, in the order scikit-learn's `validate_data` makes them:
/// rank, then size, then finiteness.
enum Validation {
    /// Checks that `x` is a 2-D array of at least `samples` rows and `features` columns whose
    /// elements are all finite.
    static func samples(
        _ x: NDArray<Double>, _ operation: String, samples: Int = 1, features: Int = 1
    ) throws(LearnError) {
        try shape(x, operation, samples: samples, features: features)
        try finite(x, operation)
    }

    /// The rank and size checks of `samples`, for callers that find non-finite values on their
    /// own (from a Gram matrix's diagonal or the row norms they compute anyway).
    static func shape(
        _ x: NDArray<Double>, _ operation: String, samples: Int = 1, features: Int = 1
    ) throws(LearnError) {
        guard x.rank == 2 else {
            throw .invalidShape(
                operation: operation, expected: "a 2-D array (samples × features)",
                found: "an array of shape \(x.shape)")
        }
        guard x.shape[0] >= samples else {
            throw .tooFewSamples(
                operation: operation, expected: "at least \(samples) sample\(samples == 1 ? "" : "s")",
                found: "\(x.shape[0])")
        }
        guard x.shape[1] >= features else {
            throw .tooFewSamples(
                operation: operation, expected: "at least \(features) feature\(features == 1 ? "" : "s")",
                found: "\(x.shape[1])")
        }
    }

    /// Throws `nonFinite` for the first NaN or infinity of `x` in row-major order.
    static func finite(_ x: NDArray<Double>, _ operation: String) throws(LearnError) {
        let bad = x.withUnsafeBufferPointer { firstNonFinite($0) }
        if let bad {
            let columns = x.rank == 2 ? x.shape[1] : x.count
            throw .nonFinite(
                operation: operation, row: bad / columns, column: bad % columns,
                value: x.withUnsafeBufferPointer { "\($0[bad])" })
        }
    }

    /// Checks that `x` has the `expected` number of features.
    static func features(_ x: NDArray<Double>, _ expected: Int, _ operation: String) throws(LearnError) {
        if x.shape[1] != expected {
            throw .featureCountMismatch(operation: operation, expected: expected, found: x.shape[1])
        }
    }

    /// Checks that `y` is 1-D with one label per sample.
    static func labels(_ y: NDArray<Int64>, samples: Int, _ operation: String) throws(LearnError) {
        guard y.rank == 1 else {
            throw .invalidShape(
                operation: operation, expected: "a 1-D array of labels", found: "an array of shape \(y.shape)"
            )
        }
        guard y.count == samples else {
            throw .sampleCountMismatch(operation: operation, expected: samples, found: y.count)
        }
    }
}

/// The index of the first element that is NaN or infinite, or nil. Blocks are screened with
/// SIMD (x·0 is 0 for finite x and NaN otherwise) and only a failing block is searched.
func firstNonFinite(_ values: UnsafeBufferPointer<Double>) -> Int? {
    guard let base = values.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let block = 4096
    var start = 0
    while start < values.count {
        let end = Swift.min(values.count, start + block)
        var accumulator = SIMD8<Double>()
        var i = start
        while i + 8 <= end {
            accumulator += raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self) * 0
            i += 8
        }
        var tail = 0.0
        while i < end {
            tail += values[i] * 0
            i += 1
        }
        if accumulator.sum() + tail != 0 {
            return (start..<end).first { !values[$0].isFinite }
        }
        start = end
    }
    return nil
}
