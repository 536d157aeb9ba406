import BachNumeric
import BachRuntime

/// The split type of partial results computed on the host and merged on the host (the distinct
/// values of a batch, its groups' sums): the `partial` of their `ReductionSplit`.
struct HostPartial: OffloadSplitType {
    /// What the partials are, for messages.
    let name: String

    var extent: Int? { nil }
    var bytesPerElement: Int { 0 }
    var description: String { "partial(\(name))" }

    func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }

    func makeMerger() throws -> any Merger {
        throw BachError.internalInconsistency("\(name) partials are merged by their reduction")
    }

    func backend(of value: Any) -> Backend { .cpu }

    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        guard backend != .gpu else {
            throw BachError.typeMismatch(expected: "a value the device holds", found: "\(name) partials")
        }
        return value
    }

    func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}

/// Records a reduction computed on the host: `partial` of each batch's pieces (the arguments'
/// pieces in order), `combine` of adjacent batches' partials (the earlier first), `finish` of the
/// partial of all rows.
func recordHostReduction<Partial, Result>(
    _ name: String, on runtime: Bach, _ arguments: [LazyValue],
    partial: @escaping @Sendable (inout Arguments) throws -> Partial,
    combine: @escaping @Sendable (Partial, Partial) throws -> Partial,
    finish: @escaping @Sendable (Partial) throws -> Result
) -> LazyStatistic<Result> {
    let split = ReductionSplit(
        name: name, partial: HostPartial(name: name),
        combine: { first, second in try combine(first.value as! Partial, second.value as! Partial) },
        finish: { try finish($0 as! Partial) })
    let annotation = Annotation.split(
        name, infer: { infos in Inference(uses: infos.map { _ in .split }, result: split) },
        cpu: { pieces, context in try onHost(context) { try partial(&pieces) } })
    return LazyStatistic(runtime.record(annotation, arguments.map { .lazy($0) }))
}
