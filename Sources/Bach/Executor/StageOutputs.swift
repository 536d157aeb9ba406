import Devices

/// The mergers of a stage's outputs, one per output call, safe to feed from several threads.
final class StageOutputs: @unchecked Sendable {
    private let mergers: [Int: any Merger]
    private let lock = Locked(())

    init(_ stage: Stage) throws {
        var mergers: [Int: any Merger] = [:]
        for node in stage.nodes where stage.outputs.contains(node.id) {
            mergers[node.id] = try node.resultType.makeMerger()
        }
        self.mergers = mergers
    }

    /// Where the piece of `node` for `range` may be written directly, if anywhere.
    func region(_ node: Node, for range: Range<Int>) -> UnsafeMutableRawBufferPointer? {
        mergers[node.id]?.region(for: range)
    }

    /// Hands over the host piece of `node` for `range`.
    func add(_ node: Node, _ piece: Any, range: Range<Int>) throws {
        guard let merger = mergers[node.id] else {
            throw BachError.internalInconsistency("\(node.name) is not an output of its stage")
        }
        try lock.withLock { _ in try merger.add(piece, range: range) }
    }

    /// The whole values, by node id.
    func finish() throws -> [Int: Any] {
        try mergers.mapValues { try $0.finish() }
    }
}
