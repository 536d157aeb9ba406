import Devices

/// One run of `evaluate`: validates the pending calls, plans stages, runs them in order, and
/// records on every node what became of it.
///
/// A call that failed when recorded fails the evaluation before anything runs. A call that fails
/// while running fails its stage; earlier stages' results stand, and calls that do not depend on
/// the failure stay pending. Either way no output is half-written: a stage's results are assigned
/// only once the whole stage has finished.
///
/// Calls that pending calls outside this evaluation read (`readLater`: an evaluation of one value
/// leaves the rest of the graph pending) are kept whole, as values the program holds are, except
/// allocations: those go back to pending and are made again, batch by batch, by the evaluation
/// that reads them (a lazily read file is read again rather than held whole in memory).
struct Evaluation {
    let runtime: Bach
    let nodes: [Node]
    var readLater: Set<Int> = []

    func run() throws {
        try failOnRecordErrors()
        let planner = Planner(
            device: runtime.device != nil, forceCPU: runtime.options.forceCPU,
            cpuOnly: runtime.options.cpuOnlyCalls, fusion: runtime.options.fusion,
            readLater: Set(nodes.filter { readLater.contains($0.id) && !$0.isAllocation }.map(\.id)))
        let (stages, unneeded) = planner.plan(nodes)
        runtime.withGraph { _ in for node in unneeded { node.state = unkept(node) } }
        runtime.device?.resetCounters()
        runtime.record { $0 = RuntimeCounters() }
        defer {
            if let device = runtime.device { runtime.record { $0.device = device.counters } }
        }
        for stage in stages {
            do {
                let results = try keepOnDevice(stage, try execute(stage))
                runtime.withGraph { _ in
                    for node in stage.nodes {
                        if let (value, backend) = results[node.id] {
                            node.state = .done(value, backend)
                        } else {
                            node.state = unkept(node)
                        }
                    }
                }
            } catch {
                let failure = error as? CallFailure
                let origin = failure?.node ?? stage.nodes[0]
                let wrapped = BachError.callFailed(call: origin.name, underlying: failure?.error ?? error)
                fail(from: stage.nodes, with: wrapped)
                throw wrapped
            }
        }
    }

    /// What becomes of a node whose value the evaluation did not keep: an allocation a later
    /// evaluation reads goes back to pending, to be made again; anything else is gone.
    private func unkept(_ node: Node) -> Node.State {
        node.isAllocation && readLater.contains(node.id) ? .pending : .discarded
    }

    /// Throws the first record-time error, failing that call and every call depending on it.
    private func failOnRecordErrors() throws {
        guard let origin = nodes.first(where: { $0.recordError != nil }) else {
            let failedInput = nodes.first { node in
                node.dependencies.contains {
                    if case .failed = $0.state { return true }
                    return false
                }
            }
            if let node = failedInput, let error = node.dependencies.compactMap(failure).first {
                fail(from: [node], with: error)
                throw error
            }
            return
        }
        let error = BachError.callFailed(call: origin.name, underlying: origin.recordError!)
        fail(from: [origin], with: error)
        throw error
    }

    private func failure(of node: Node) -> (any Error)? {
        if case .failed(let error) = node.state { return error }
        return nil
    }

    /// Marks `roots` and every selected call that depends on them as failed.
    private func fail(from roots: [Node], with error: any Error) {
        var failed = Set(roots.map(\.id))
        runtime.withGraph { _ in
            for node in nodes {
                if failed.contains(node.id) || node.dependencies.contains(where: { failed.contains($0.id) }) {
                    failed.insert(node.id)
                    node.state = .failed(error)
                }
            }
        }
    }

    /// Runs one stage; returns the kept results by node id.
    private func execute(_ stage: Stage) throws -> [Int: (Any, Backend)] {
        let options = runtime.options
        guard let extent = stage.extent else {
            var report = RuntimeCounters.StageReport(calls: [], extent: nil, batchSize: 1, batches: 1)
            defer {
                report.calls = stage.nodes.map { ($0.name, stage.placement[$0.id] ?? .cpu) }
                report.fallback = stage.fallback
                runtime.record { $0.stages.append(report) }
            }
            if let resources = try runtime.deviceResources(), stage.usesDevice {
                do {
                    let results = try GPUExecutor(resources: resources).runWhole(stage)
                    return try finishReductions(stage, results)
                } catch  where isOutOfMemory(error) {
                    stage.fallBackToCPU("the whole values do not fit in the device budget")
                }
            }
            var runner = BatchRunner(stage: stage, range: nil, slot: nil, outputs: nil, parallel: false)
            try runner.run()
            return try finishReductions(stage, runner.wholeResults.filter { stage.outputs.contains($0.key) })
        }
        if let resources = try runtime.deviceResources(), stage.usesDevice {
            let transferLimit =
                options.deviceBatchTransferBytes / Swift.max(1, BatchSizer.transferBytesPerElement(stage))
            var maximum = Swift.min(options.maximumDeviceBatch ?? Int.max, Swift.max(1, transferLimit))
            while true {
                let budget = resources.availableBytes
                guard
                    let (batch, inFlight) = BatchSizer.deviceBatch(
                        stage, extent: extent, budget: budget, inFlight: options.inFlight, maximum: maximum)
                else {
                    stage.fallBackToCPU("not one element fits the device budget of \(formatBytes(budget))")
                    break
                }
                do {
                    let (outputs, batches) = try GPUExecutor(resources: resources).run(
                        stage, extent: extent, batch: batch, inFlight: inFlight)
                    report(stage, extent: extent, batch: batch, batches: batches)
                    return outputs
                } catch  where isOutOfMemory(error) {
                    runtime.record { $0.outOfMemoryRetries += 1 }
                    if batch == 1 {
                        stage.fallBackToCPU("the device ran out of memory even for one element per batch")
                        break
                    }
                    maximum = batch / 2
                }
            }
        }
        let executor = CPUExecutor(threads: options.cpuThreads, cpuBatchBytes: options.cpuBatchBytes)
        let (outputs, batch, batches) = try executor.run(stage, extent: extent)
        report(stage, extent: extent, batch: batch, batches: batches)
        return outputs
    }

    /// Uploads the results the user asked to keep on the device (`materialize(on: .gpu)`), in the
    /// runtime's resident context, and waits for the copies.
    private func keepOnDevice(_ stage: Stage, _ results: [Int: (Any, Backend)]) throws -> [Int: (
        Any, Backend
    )] {
        guard let context = try runtime.deviceResources()?.resident.transfer else { return results }
        var kept = results
        for node in stage.nodes where node.materializeOn == .gpu {
            guard let (value, backend) = results[node.id], backend != .gpu else { continue }
            kept[node.id] = (try node.resultType.transfer(value, to: .gpu, context: context), .gpu)
        }
        try onDevice { () throws(DeviceError) in try context.device.synchronize(context.stream) }
        return kept
    }

    /// Reductions run on whole values yield the partial of all elements: finish them.
    private func finishReductions(_ stage: Stage, _ results: [Int: (Any, Backend)]) throws -> [Int: (
        Any, Backend
    )] {
        var finished = results
        for node in stage.nodes {
            guard let reduction = node.resultType as? ReductionSplit, let (value, _) = results[node.id]
            else {
                continue
            }
            finished[node.id] = (try reduction.finished(value), .cpu)
        }
        return finished
    }

    private func report(_ stage: Stage, extent: Int, batch: Int, batches: Int) {
        let calls = stage.steps.flatMap(\.nodes).map { ($0.name, stage.placement[$0.id] ?? .cpu) }
        var report = RuntimeCounters.StageReport(
            calls: calls, extent: extent, batchSize: batch, batches: batches, fallback: stage.fallback)
        for case .fused(let group) in stage.steps { report.fusedGroups.append(group.members.map(\.name)) }
        runtime.record { $0.stages.append(report) }
    }
}

/// Whether `error` (possibly wrapped by a call) is the device running out of memory.
func isOutOfMemory(_ error: any Error) -> Bool {
    switch error {
    case DeviceError.outOfMemory: true
    case BachError.device(.outOfMemory): true
    case let failure as CallFailure: isOutOfMemory(failure.error)
    case BachError.callFailed(_, let underlying): isOutOfMemory(underlying)
    case let wrapping as any WrapsDeviceError: wrapping.deviceError.map { isOutOfMemory($0) } ?? false
    default: false
    }
}
