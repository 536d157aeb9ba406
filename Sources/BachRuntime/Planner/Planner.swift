/// Turns the pending calls of an evaluation into stages: decides which results are needed, where
/// each call runs, and which calls can share batches.
///
/// Calls join the current stage while they split the same number of elements and read nothing the
/// stage has not finished computing; a call that needs a whole value produced in the stage (a
/// reduction's result, a row used against a matrix), that splits another number of elements, or
/// that is not splittable, starts a new stage. This is where split types that cannot be unified
/// break the graph.
struct Planner {
    let device: Bool
    let forceCPU: Bool
    /// Calls kept on the CPU by name.
    var cpuOnly: Set<String> = []
    /// Whether consecutive fusible calls run as one (see `Fusion`).
    var fusion = true
    /// Calls that calls outside this plan read later, so kept whole.
    var readLater: Set<Int> = []

    /// The stages for `nodes` (pending, in record order, already validated), and the nodes whose
    /// results nothing needs (which are not run at all).
    func plan(_ nodes: [Node]) -> (stages: [Stage], unneeded: [Node]) {
        let needed = neededNodes(nodes)
        let kept = nodes.filter { needed.contains($0.id) }
        let placement = place(kept)
        var groups: [(nodes: [Node], extent: Int?)] = []
        var current: (nodes: [Node], extent: Int?, members: Set<Int>, reductions: Set<Int>)?
        for node in kept {
            let extent = splitExtent(of: node)
            if extent == nil {
                if let open = current { groups.append((open.nodes, open.extent)) }
                current = nil
                groups.append(([node], nil))
                continue
            }
            if let open = current,
                !canJoin(node, extent: extent!, open.extent!, open.members, open.reductions)
            {
                groups.append((open.nodes, open.extent))
                current = nil
            }
            if current == nil { current = ([], extent, [], []) }
            current!.nodes.append(node)
            current!.members.insert(node.id)
            if node.resultType is ReductionSplit { current!.reductions.insert(node.id) }
        }
        if let open = current { groups.append((open.nodes, open.extent)) }

        var stages: [Stage] = []
        for (index, group) in groups.enumerated() {
            let members = Set(group.nodes.map(\.id))
            let readLater = Set(
                groups[(index + 1)...].flatMap { $0.nodes.flatMap { $0.dependencies.map(\.id) } })
            let outputs = group.nodes.filter { isWanted($0) || readLater.contains($0.id) }.map(\.id)
            let stagePlacement = placement.filter { members.contains($0.key) }
            let steps =
                fusion && group.extent != nil
                ? FusionPlanner.steps(group.nodes, placement: stagePlacement, outputs: Set(outputs))
                : group.nodes.map(Step.call)
            stages.append(
                Stage(
                    nodes: group.nodes, steps: steps, extent: group.extent, placement: stagePlacement,
                    outputs: Set(outputs)))
        }
        return (stages, nodes.filter { !needed.contains($0.id) })
    }

    /// Whether the user can still read the node's value (or asked for it to be kept).
    private func isWanted(_ node: Node) -> Bool {
        node.handle != nil || node.materializeOn != nil || readLater.contains(node.id)
    }

    /// Nodes the wanted ones depend on, transitively, among `nodes`.
    private func neededNodes(_ nodes: [Node]) -> Set<Int> {
        var needed = Set(nodes.filter(isWanted).map(\.id))
        for node in nodes.reversed() where needed.contains(node.id) {
            for dependency in node.dependencies { needed.insert(dependency.id) }
        }
        return needed
    }

    /// Where each call runs: on the device where it has a GPU implementation (and its cost
    /// estimator, if any, agrees), else on the CPU; an allocation runs where its first reader does.
    private func place(_ nodes: [Node]) -> [Int: Backend] {
        var placement: [Int: Backend] = [:]
        for node in nodes {
            guard let annotation = node.annotation, annotation.kind == .call else { continue }
            placement[node.id] = backend(for: annotation, node: node)
        }
        for (index, node) in nodes.enumerated() where node.annotation?.kind == .allocation {
            let reader = nodes[(index + 1)...].first { $0.dependencies.contains { $0 === node } }
            let onDevice = node.annotation?.gpu != nil && device && !forceCPU
            placement[node.id] = onDevice ? reader.flatMap { placement[$0.id] } ?? .cpu : .cpu
        }
        return placement
    }

    private func backend(for annotation: Annotation, node: Node) -> Backend {
        guard device, !forceCPU, annotation.gpu != nil, !cpuOnly.contains(annotation.name) else {
            return .cpu
        }
        if let cost = annotation.argumentCost {
            let estimate = cost(node.argumentInfos)
            return estimate.gpu < estimate.cpu ? .gpu : .cpu
        }
        if let cost = annotation.cost {
            let estimate = cost(splitExtent(of: node) ?? 1)
            return estimate.gpu < estimate.cpu ? .gpu : .cpu
        }
        return .gpu
    }

    /// The number of elements the call splits, or `nil` when it must run on whole values.
    func splitExtent(of node: Node) -> Int? {
        guard let annotation = node.annotation, annotation.splittable else { return nil }
        var extent: Int?
        for input in node.inputs {
            guard case .node(let source, .split) = input else { continue }
            guard let inputExtent = source.resultType.extent else { return nil }
            if extent == nil { extent = inputExtent } else if extent != inputExtent { return nil }
        }
        if let resultExtent = node.resultType.extent {
            if extent == nil { extent = resultExtent } else if extent != resultExtent { return nil }
        }
        return extent
    }

    private func canJoin(
        _ node: Node, extent: Int, _ stageExtent: Int, _ members: Set<Int>, _ reductions: Set<Int>
    )
        -> Bool
    {
        guard extent == stageExtent else { return false }
        for input in node.inputs {
            guard case .node(let source, let use) = input, members.contains(source.id) else { continue }
            if use == .whole || reductions.contains(source.id) { return false }
        }
        return true
    }
}
