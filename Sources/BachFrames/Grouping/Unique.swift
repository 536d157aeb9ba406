import BachRuntime
import Frames
import NDArrays

extension LazySeries {
    /// The distinct values in order of first appearance, a missing value included once where it
    /// first occurs (pandas' `unique`). Each batch finds its own distinct values; adjacent batches'
    /// lists merge in order, so the first appearance is kept across batches.
    ///
    /// - Complexity: O(n) expected work, memory for the distinct values only.
    public func unique() -> LazyStatistic<Series<S>> {
        let name = name
        var arguments = [values.handle]
        if let validity { arguments.append(validity.handle) }
        let masked = validity != nil
        return recordHostReduction(
            "unique", on: runtime, arguments,
            partial: { pieces in
                let values = try pieces.take(0, as: NDArray<S>.self)
                let flags: NDArray<Bool>? = masked ? try pieces.take(1, as: NDArray<Bool>.self) : nil
                return try Series(name: name, values: values, validity: flags).unique()
            },
            combine: { first, second in try Series.concatenate([first, second]).unique() },
            finish: { $0 })
    }
}
