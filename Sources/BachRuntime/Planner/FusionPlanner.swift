/// Groups a stage's consecutive fusible calls into fused steps (see `Fusion`).
///
/// A group is a maximal run of calls, in record order, that have a fusion and the same fuser and
/// run on the same backend; an allocation (`empty`) that is only ever written through `out:` by
/// fused calls does not break a run, and disappears: fused calls never need their destinations.
/// Groups of one call run as that call. A member's result leaves the group when the program still
/// holds it, a later stage reads it, or a later step of the stage reads it.
struct FusionPlanner {
    /// The steps for `nodes` (one stage, record order), each call placed as `placement` says.
    static func steps(_ nodes: [Node], placement: [Int: Backend], outputs: Set<Int>) -> [Step] {
        let destinationsOnly = Set(
            nodes.filter { isDestinationOnly($0, in: nodes, outputs: outputs) }.map(\.id))
        var runs: [[Node]] = []
        var current: [Node] = []
        func close() {
            if !current.isEmpty { runs.append(current) }
            current = []
        }
        for node in nodes where !destinationsOnly.contains(node.id) {
            guard let fusion = node.annotation?.fusion, node.annotation?.kind == .call else {
                close()
                runs.append([node])
                continue
            }
            if let first = current.first,
                first.annotation!.fusion!.fuser !== fusion.fuser || placement[first.id] != placement[node.id]
            {
                close()
            }
            current.append(node)
        }
        close()
        let fusedIDs = Set(runs.filter { $0.count > 1 }.flatMap { $0.map(\.id) })
        // Destinations that only fused calls write disappear; the others run as allocations before
        // the run that contains their first writer.
        var eliminated: [Int: [Node]] = [:]
        var kept: [Int: [Node]] = [:]
        for node in nodes where destinationsOnly.contains(node.id) {
            let writers = nodes.filter { $0.dependencies.contains { $0 === node } }
            let owner = runs.firstIndex { run in run.contains { $0 === writers[0] } }!
            if writers.allSatisfy({ fusedIDs.contains($0.id) }) {
                eliminated[owner, default: []].append(node)
            } else {
                kept[owner, default: []].append(node)
            }
        }
        var steps: [Step] = []
        for (index, run) in runs.enumerated() {
            steps += (kept[index] ?? []).map(Step.call)
            if run.count == 1 {
                steps.append(.call(run[0]))
                continue
            }
            let later = runs[(index + 1)...].flatMap { $0 }
            if let step = fuse(
                run, eliminated: eliminated[index] ?? [], later: later, placement: placement, outputs: outputs
            ) {
                steps.append(.fused(step))
            } else {
                steps += ((eliminated[index] ?? []) + run).sorted { $0.id < $1.id }.map(Step.call)
            }
        }
        return steps
    }

    /// Whether `node` is an allocation that every reader writes through `out:` and that nothing
    /// after the stage needs.
    private static func isDestinationOnly(_ node: Node, in nodes: [Node], outputs: Set<Int>) -> Bool {
        guard node.annotation?.kind == .allocation, !outputs.contains(node.id) else { return false }
        let readers = nodes.filter { $0.dependencies.contains { $0 === node } }
        return !readers.isEmpty
            && readers.allSatisfy { reader in
                guard reader.annotation?.fusion != nil, let annotation = reader.annotation else {
                    return false
                }
                return reader.inputs.enumerated().allSatisfy { position, input in
                    guard case .node(let source, _) = input, source === node else { return true }
                    return annotation.mutable.contains(position)
                }
            }
    }

    /// The fused step of `run`, or nil when its fuser cannot fuse it.
    private static func fuse(
        _ run: [Node], eliminated: [Node], later: [Node], placement: [Int: Backend], outputs: Set<Int>
    ) -> FusedStep? {
        let memberIndex = Dictionary(
            uniqueKeysWithValues: run.enumerated().map { ($0.element.id, $0.offset) })
        var inputs: [Node.Input] = []
        var inputIndex: [String: Int] = [:]
        var members: [FusionGroup.Member] = []
        for node in run {
            let annotation = node.annotation!
            var arguments: [FusionGroup.Source] = []
            for (position, input) in node.inputs.enumerated() where !annotation.mutable.contains(position) {
                switch input {
                case .constant(let value, let type):
                    arguments.append(.constant(value, type))
                case .node(let source, let use):
                    if let member = memberIndex[source.id] {
                        arguments.append(.member(member))
                    } else {
                        let key = "\(source.id)/\(use)"
                        if inputIndex[key] == nil {
                            inputIndex[key] = inputs.count
                            inputs.append(input)
                        }
                        arguments.append(.input(inputIndex[key]!))
                    }
                }
            }
            members.append(
                FusionGroup.Member(
                    step: annotation.fusion!.step, arguments: arguments, result: node.resultType))
        }
        let readLater = Set(later.flatMap { $0.dependencies.map(\.id) })
        let exported = run.filter { outputs.contains($0.id) || readLater.contains($0.id) }
        let description = FusionGroup(
            inputs: inputs.map { input in
                guard case .node(let source, let use) = input else { preconditionFailure("inputs are nodes") }
                return (source.resultType, use)
            },
            members: members, outputs: exported.map { memberIndex[$0.id]! })
        let fuser = run[0].annotation!.fusion!.fuser
        guard let implementation = try? fuser.fuse(description, on: placement[run[0].id] ?? .cpu) else {
            return nil
        }
        return FusedStep(
            members: run, inputs: inputs, exported: exported, eliminated: eliminated,
            description: description,
            fuser: fuser, implementation: implementation)
    }
}
