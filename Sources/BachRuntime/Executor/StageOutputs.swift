import Devices

/// The mergers of a stage's outputs, one per output call, safe to feed from several threads; and
/// the assemblies on the device of outputs kept there.
final class StageOutputs: @unchecked Sendable {
    private let mergers: [Int: any Merger]
    private let assemblies: [Int: DeviceAssembly]
    private let lock = Locked(())

    /// The outputs of `stage`; with `resident` (the runtime's resident context), outputs to keep on
    /// the device that the device computes are assembled there.
    init(_ stage: Stage, resident: TransferContext? = nil) throws {
        var mergers: [Int: any Merger] = [:]
        var assemblies: [Int: DeviceAssembly] = [:]
        for node in stage.nodes where stage.outputs.contains(node.id) {
            if let resident, node.materializeOn == .gpu, stage.placement[node.id] == .gpu,
                let contiguous = node.resultType as? any ContiguousSplitType
            {
                assemblies[node.id] = try onDevice { () throws(DeviceError) in
                    try DeviceAssembly(contiguous, resident: resident)
                }
            } else {
                mergers[node.id] = try node.resultType.makeMerger()
            }
        }
        self.mergers = mergers
        self.assemblies = assemblies
    }

    /// The assembly on the device of `node`, if it is kept there.
    func assembly(_ node: Node) -> DeviceAssembly? {
        assemblies[node.id]
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

    /// The whole values, by node id, with where each is.
    func finish() throws -> [Int: (Any, Backend)] {
        var values = try mergers.mapValues { (try $0.finish(), Backend.cpu) }
        for (id, assembly) in assemblies { values[id] = (assembly.finish(), .gpu) }
        return values
    }
}
