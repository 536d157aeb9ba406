/// Calls the executor runs together: batch by batch over the same elements (a split stage), or
/// one call on whole values.
final class Stage {
    /// The calls, in record order.
    let nodes: [Node]
    /// What runs, in order: single calls and fused groups of calls.
    private(set) var steps: [Step]
    /// Elements the stage splits, or `nil` for a call on whole values.
    let extent: Int?
    /// Where each call runs, by node id.
    var placement: [Int: Backend]
    /// Values from earlier stages (or sources) that the steps read.
    private(set) var inputs: [Node] = []
    /// Calls whose results are kept when the stage ends.
    let outputs: Set<Int>
    /// For each value read in the stage, the index in `steps` of its last reader.
    private(set) var lastUse: [Int: Int] = [:]
    /// Why the stage runs on the CPU although a call could have run on the device.
    var fallback: String?

    init(nodes: [Node], steps: [Step], extent: Int?, placement: [Int: Backend], outputs: Set<Int>) {
        self.nodes = nodes
        self.steps = steps
        self.extent = extent
        self.placement = placement
        self.outputs = outputs
        index()
    }

    /// Finds the stage's inputs and each value's last reader.
    private func index() {
        let members = Set(nodes.map(\.id))
        var seen = Set<Int>()
        inputs = []
        lastUse = [:]
        for (index, step) in steps.enumerated() {
            for (dependency, _) in step.reads {
                lastUse[dependency.id] = index
                if !members.contains(dependency.id) && seen.insert(dependency.id).inserted {
                    inputs.append(dependency)
                }
            }
        }
    }

    /// Whether any call runs on the device.
    var usesDevice: Bool { placement.values.contains(.gpu) }

    /// The backend a step runs on.
    func backend(of step: Step) -> Backend {
        placement[step.nodes[0].id] ?? .cpu
    }

    /// Moves every call to the CPU, saying why. Fused groups planned for the device are fused
    /// again for the CPU, or run call by call where their fuser cannot.
    func fallBackToCPU(_ reason: String) {
        for key in placement.keys { placement[key] = .cpu }
        fallback = reason
        steps = steps.flatMap { step -> [Step] in
            guard case .fused(let group) = step else { return [step] }
            if let implementation = try? group.fuser.fuse(group.description, on: .cpu) {
                return [.fused(group.with(implementation))]
            }
            return group.unfused.map(Step.call)
        }
        index()
    }
}

/// One unit of a stage's work.
enum Step {
    /// One call, run by its annotation's implementation.
    case call(Node)
    /// Consecutive fusible calls run as one.
    case fused(FusedStep)

    /// The calls the step runs.
    var nodes: [Node] {
        switch self {
        case .call(let node): [node]
        case .fused(let group): group.members
        }
    }

    /// The values the step reads and how.
    var reads: [(Node, Inference.Use)] {
        switch self {
        case .call(let node):
            node.inputs.compactMap { input in
                if case .node(let source, let use) = input { return (source, use) }
                return nil
            }
        case .fused(let group):
            group.inputs.compactMap { input in
                if case .node(let source, let use) = input { return (source, use) }
                return nil
            }
        }
    }
}

/// A fused group as the executor runs it: the values it reads (in the order its implementation
/// takes them), the members whose results it returns, and the implementation.
final class FusedStep {
    let members: [Node]
    let inputs: [Node.Input]
    let exported: [Node]
    /// Allocations only the group wrote into (as `out:` destinations), which fusion makes
    /// unnecessary; calls run one by one need them again.
    let eliminated: [Node]
    /// The group as its fuser saw it, and the fuser (to fuse it again for another backend).
    let description: FusionGroup
    let fuser: any Fuser
    let implementation: FusedImplementation

    init(
        members: [Node], inputs: [Node.Input], exported: [Node], eliminated: [Node], description: FusionGroup,
        fuser: any Fuser, implementation: FusedImplementation
    ) {
        self.members = members
        self.inputs = inputs
        self.exported = exported
        self.eliminated = eliminated
        self.description = description
        self.fuser = fuser
        self.implementation = implementation
    }

    /// The same group with another implementation.
    func with(_ implementation: FusedImplementation) -> FusedStep {
        FusedStep(
            members: members, inputs: inputs, exported: exported, eliminated: eliminated,
            description: description,
            fuser: fuser, implementation: implementation)
    }

    /// The calls to run one by one instead, in record order.
    var unfused: [Node] {
        (eliminated + members).sorted { $0.id < $1.id }
    }
}
