/// Calls the executor runs together: batch by batch over the same elements (a split stage), or
/// one call on whole values.
final class Stage {
    /// The calls, in record order.
    let nodes: [Node]
    /// Elements the stage splits, or `nil` for a call on whole values.
    let extent: Int?
    /// Where each call runs, by node id.
    var placement: [Int: Backend]
    /// Values from earlier stages (or sources) that the calls read.
    let inputs: [Node]
    /// Calls whose results are kept when the stage ends.
    let outputs: Set<Int>
    /// For each value read in the stage, the index in `nodes` of its last reader.
    let lastUse: [Int: Int]
    /// Why the stage runs on the CPU although a call could have run on the device.
    var fallback: String?

    init(nodes: [Node], extent: Int?, placement: [Int: Backend], outputs: Set<Int>) {
        self.nodes = nodes
        self.extent = extent
        self.placement = placement
        self.outputs = outputs
        let members = Set(nodes.map(\.id))
        var inputs: [Node] = []
        var seen = Set<Int>()
        var lastUse: [Int: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for dependency in node.dependencies {
                lastUse[dependency.id] = index
                if !members.contains(dependency.id) && seen.insert(dependency.id).inserted {
                    inputs.append(dependency)
                }
            }
        }
        self.inputs = inputs
        self.lastUse = lastUse
    }

    /// Whether any call runs on the device.
    var usesDevice: Bool { placement.values.contains(.gpu) }

    /// Moves every call to the CPU, saying why.
    func fallBackToCPU(_ reason: String) {
        for key in placement.keys { placement[key] = .cpu }
        fallback = reason
    }
}
