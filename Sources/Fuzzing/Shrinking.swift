/// A fuzzed program that shrinks by dropping calls and halving its rows.
protocol ShrinkableProgram {
    associatedtype Step
    /// The calls, in order.
    var steps: [Step] { get set }
    /// The rows (elements) of its inputs.
    var rows: Int { get set }
    /// Whether every operand refers to a variable that exists, with the type it is read as.
    var isWellFormed: Bool { get }
}

extension ShrinkableProgram {
    /// Removes calls from the end and the middle, and halves the rows, while the program still
    /// differs (`differs` returns what differs, or nil); removing a call may leave later calls
    /// reading variables that no longer exist or have another type, so such candidates are
    /// skipped. Returns the smallest program found and what differs in it.
    func shrunk(_ differs: (Self) throws -> String?) rethrows -> (program: Self, detail: String) {
        var best = self
        var detail = try differs(self) ?? ""
        var improved = true
        while improved {
            improved = false
            var candidates: [Self] = []
            for index in best.steps.indices.reversed() {
                var candidate = best
                candidate.steps.remove(at: index)
                candidates.append(candidate)
            }
            if best.rows > 1 {
                var candidate = best
                candidate.rows = best.rows / 2
                candidates.append(candidate)
            }
            for candidate in candidates where candidate.isWellFormed {
                if let found = try differs(candidate) {
                    (best, detail, improved) = (candidate, found, true)
                    break
                }
            }
        }
        return (best, detail)
    }
}
