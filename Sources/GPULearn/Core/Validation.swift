import Devices
import GPUArrays

/// The input checks GPULearn's estimators make, in `Learn`'s order: rank, then size, then (when a
/// model is fitted) finiteness, which on the device costs one reduction and a wait for its result.
enum Validation {
    /// Checks that `x` is 2-D with at least `samples` rows and `features` columns.
    static func shape(_ x: GPUArray<Double>, _ operation: String, samples: Int = 1, features: Int = 1)
        throws(GPULearnError)
    {
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

    /// Throws `nonFinite` when `x` holds a NaN or an infinity: `Σ x·0` is 0 exactly when every
    /// element is finite. A pass over a temporary of x's size; waits for the device.
    static func finite(_ x: GPUArray<Double>, _ operation: String) throws(GPULearnError) {
        if x.count == 0 { return }
        let total = try device(operation) { () throws(GPUArrayError) in try sum(multiply(x, 0.0)).item() }
        if total != 0 { throw .nonFinite(operation: operation) }
    }

    /// Throws `nonFinite` when `x` holds a NaN or an infinity, judging first by `evidence`, a few
    /// values computed from x anyway that are all finite when x is (its column means, its rows'
    /// squared norms, the diagonal of its Gram matrix): only when their sum is not finite is x
    /// itself searched. Returns whether the evidence was finite: false for a finite x whose sums
    /// overflow. Waits for the device.
    @discardableResult
    static func finite(_ x: GPUArray<Double>, _ operation: String, evidence: GPUArray<Double>)
        throws(GPULearnError)
        -> Bool
    {
        let total = try device(operation) { () throws(GPUArrayError) in try sum(evidence).item() }
        if total.isFinite { return true }
        try finite(x, operation)
        return false
    }

    /// Throws `invalidParameter` for a finite X whose Gram or covariance matrix overflows (which
    /// no eigensolver can decompose), unless `finite` (what `finite(_:_:evidence:)` returned).
    static func representable(_ finite: Bool, _ operation: String) throws(GPULearnError) {
        if finite { return }
        throw .invalidParameter(
            operation: operation, name: "X", expected: "values whose squares sum to a finite number",
            found: "a squared norm that overflows")
    }

    /// Checks that `x` has the `expected` number of features.
    static func features(_ x: GPUArray<Double>, _ expected: Int, _ operation: String) throws(GPULearnError) {
        if x.shape[1] != expected {
            throw .featureCountMismatch(operation: operation, expected: expected, found: x.shape[1])
        }
    }

    /// Checks that `y` is 1-D with one label per sample.
    static func labels(_ y: GPUArray<Int64>, samples: Int, _ operation: String) throws(GPULearnError) {
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
