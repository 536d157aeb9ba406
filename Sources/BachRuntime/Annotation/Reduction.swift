/// The split type of a reduction's result: each batch yields a partial value for its range of
/// elements, and partials combine (in batch order, so the result does not depend on timing) into
/// the whole. Partial sums add up; means and variances use the ranges' lengths, arg-extrema their
/// starts, so that every reduction combines exactly (see BachNumeric).
public struct ReductionSplit: OffloadSplitType {
    /// A partial result and the elements it covers.
    public typealias Partial = (value: Any, range: Range<Int>)

    /// What the reduction is, for messages.
    public let name: String
    /// Moves one partial between backends (a partial computed on the device is usually a small
    /// device array).
    public let partial: any OffloadSplitType
    /// Combines two partials of adjacent ranges, the earlier first.
    let combine: @Sendable (Partial, Partial) throws -> Any
    /// Turns the partial of all elements into the result.
    let finish: @Sendable (Any) throws -> Any
    /// What the finished result is (for annotations that take it as an argument), if known.
    public let finishedType: (any OffloadSplitType)?

    public init(
        name: String, partial: any OffloadSplitType,
        combine: @escaping @Sendable (Partial, Partial) throws -> Any,
        finish: @escaping @Sendable (Any) throws -> Any = { $0 }, finishedType: (any OffloadSplitType)? = nil
    ) {
        self.name = name
        self.partial = partial
        self.combine = combine
        self.finish = finish
        self.finishedType = finishedType
    }

    /// The result from the partial of all elements (when the reduction ran on the whole value).
    public func finished(_ whole: Any) throws -> Any {
        try finish(whole)
    }

    public var extent: Int? { nil }
    public var bytesPerElement: Int { 0 }
    public var description: String { "reduction(\(name))" }

    public func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }

    public func makeMerger() throws -> any Merger { ReductionMerger(self) }

    public func backend(of value: Any) -> Backend { partial.backend(of: value) }

    public func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        try partial.transfer(value, to: backend, context: context)
    }

    public func duplicate(_ value: Any, context: TransferContext) throws -> Any {
        try partial.duplicate(value, context: context)
    }
}

/// Collects partials by batch and combines them in order at the end.
final class ReductionMerger: Merger {
    private let split: ReductionSplit
    private var partials: [ReductionSplit.Partial] = []

    init(_ split: ReductionSplit) {
        self.split = split
    }

    func region(for range: Range<Int>) -> UnsafeMutableRawBufferPointer? { nil }

    func add(_ piece: Any, range: Range<Int>) throws {
        partials.append((piece, range))
    }

    func finish() throws -> Any {
        let ordered = partials.sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard var total = ordered.first else {
            throw BachError.internalInconsistency("reduction \(split.name) received no partial")
        }
        for next in ordered.dropFirst() {
            total = (try split.combine(total, next), total.range.lowerBound..<next.range.upperBound)
        }
        return try split.finish(total.value)
    }
}
