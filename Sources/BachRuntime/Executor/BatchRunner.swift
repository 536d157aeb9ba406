import Devices

/// Runs a stage's calls over one range of elements (or over whole values): fetches each
/// argument's piece, moves it to the backend of the call, calls the implementation, and hands
/// results that outlive the stage to its outputs.
///
/// Pieces are dropped right after their last reader, before that reader runs, so that a call
/// writing an argument in place (`out:`) holds its only reference; when the old version is still
/// needed later in the batch, the call gets a duplicate instead.
struct BatchRunner {
    let stage: Stage
    /// The elements of this batch, or `nil` for a stage on whole values.
    let range: Range<Int>?
    /// The device slot of the batch; `nil` when every call runs on the CPU.
    let slot: Slot?
    let outputs: StageOutputs?
    /// Whether other batches run at the same time on other CPU threads.
    let parallel: Bool
    /// Values of this batch, by node id and backend.
    private var values: [Int: [Backend: Any]] = [:]
    /// Whole results of a stage on whole values, by node id.
    private(set) var wholeResults: [Int: (Any, Backend)] = [:]

    init(stage: Stage, range: Range<Int>?, slot: Slot?, outputs: StageOutputs?, parallel: Bool) {
        self.stage = stage
        self.range = range
        self.slot = slot
        self.outputs = outputs
        self.parallel = parallel
    }

    /// Runs every step of the stage in order.
    mutating func run() throws {
        for (index, step) in stage.steps.enumerated() {
            do {
                switch step {
                case .call(let node): try run(node, at: index)
                case .fused(let group): try run(group, at: index)
                }
            } catch let failure as CallFailure {
                throw failure
            } catch {
                throw CallFailure(node: step.nodes[0], error: error)
            }
        }
    }

    /// Runs a fused group: its inputs' pieces in, the pieces of the members that leave it out.
    private mutating func run(_ group: FusedStep, at index: Int) throws {
        let backend = stage.backend(of: .fused(group))
        var arguments: [Any] = []
        for input in group.inputs {
            switch input {
            case .constant(let value, _): arguments.append(value)
            case .node(let source, let use): arguments.append(try piece(of: source, use: use, on: backend))
            }
        }
        for (source, _) in Step.fused(group).reads where stage.lastUse[source.id] == index {
            values[source.id] = nil
        }
        var pieces = Arguments(arguments)
        arguments.removeAll()
        let regions = group.exported.map { node -> OutputRegion? in
            guard backend != .gpu, let range, let outputs, stage.outputs.contains(node.id),
                stage.lastUse[node.id] == nil, let region = outputs.region(node, for: range)
            else { return nil }
            return OutputRegion(region)
        }
        let context = ExecutionContext(
            transfer: backend == .gpu ? slot?.transfer : nil, parallelBatches: parallel,
            range: range ?? 0..<(group.members[0].resultType.extent ?? 1), outputRegions: regions)
        guard let results = try group.implementation.run(&pieces, context) as? [Any],
            results.count == group.exported.count
        else {
            throw BachError.internalInconsistency(
                "a fused group of \(group.members.map(\.name)) did not return \(group.exported.count) values")
        }
        for (node, result) in zip(group.exported, results) where !(result is WrittenInPlace) {
            try keep(node, result, from: backend)
        }
    }

    private mutating func run(_ node: Node, at index: Int) throws {
        guard let annotation = node.annotation else { return }
        let backend = stage.placement[node.id] ?? .cpu
        var arguments: [Any] = []
        for (position, input) in node.inputs.enumerated() {
            switch input {
            case .constant(let value, _):
                arguments.append(value)
            case .node(let source, let use):
                var value = try piece(of: source, use: use, on: backend)
                if annotation.mutable.contains(position) && (stage.lastUse[source.id] ?? index) > index {
                    value = try duplicate(value, of: source, on: backend)
                }
                arguments.append(value)
            }
        }
        for dependency in node.dependencies where stage.lastUse[dependency.id] == index {
            values[dependency.id] = nil
        }
        var pieces = Arguments(arguments)
        arguments.removeAll()
        let context = ExecutionContext(
            transfer: backend == .gpu ? slot?.transfer : nil, parallelBatches: parallel,
            range: range ?? 0..<(node.resultType.extent ?? 1))
        let implementation = backend == .gpu ? annotation.gpu! : annotation.cpu
        try keep(node, try implementation(&pieces, context), from: backend)
    }

    /// Hands `node`'s result to the stage's outputs and keeps it for later readers in the batch.
    private mutating func keep(_ node: Node, _ result: Any, from backend: Backend) throws {
        if range == nil {
            wholeResults[node.id] = (result, backend == .gpu ? node.resultType.backend(of: result) : backend)
        } else if stage.outputs.contains(node.id) {
            try emit(node, result, from: backend)
        }
        if stage.lastUse[node.id] != nil { values[node.id] = [backend: result] }
    }

    /// The piece of `source` this batch reads, on `backend`.
    private mutating func piece(of source: Node, use: Inference.Use, on backend: Backend) throws -> Any {
        if let value = values[source.id]?[backend] { return value }
        let type = source.resultType
        let (value, from): (Any, Backend)
        if let existing = values[source.id]?.first {
            (value, from) = (existing.value, existing.key)
        } else {
            guard case .done(let whole, let wholeBackend) = source.state else {
                throw BachError.internalInconsistency("\(source.name) is read before it was computed")
            }
            if use == .split, let range {
                value = try type.split(whole, range)
            } else {
                value = whole
            }
            from = wholeBackend
        }
        let count = use == .split ? range?.count ?? type.extent ?? 1 : type.extent ?? 1
        let moved = try move(value, type: type, from: from, to: backend, count: count)
        values[source.id, default: [:]][backend] = moved
        if from != backend && from != .scalar { values[source.id]![from] = value }
        return moved
    }

    /// `value` on `backend`: uploads of contiguous values are staged through the slot's pinned arena.
    private func move(_ value: Any, type: any OffloadSplitType, from: Backend, to: Backend, count: Int) throws
        -> Any
    {
        if from == to || from == .scalar || to == .scalar { return value }
        guard let slot else {
            throw BachError.internalInconsistency("a \(from) value is needed on the \(to) without a device")
        }
        if to == .gpu, let contiguous = type as? any ContiguousSplitType {
            let bytes = contiguous.hostBytes(of: value, range: 0..<count)
            let buffer = try onDevice { () throws(DeviceError) in try slot.allocate(bytes.count) }
            do {
                try slot.upload(bytes, to: buffer)
            } catch {
                slot.transfer.pool.recycle(buffer, from: slot.transfer.stream)
                throw BachError.device(error)
            }
            return withExtendedLifetime(value) {
                contiguous.deviceValue(adopting: buffer, count: count, context: slot.transfer)
            }
        }
        return try type.transfer(value, to: to, context: slot.transfer)
    }

    private func duplicate(_ value: Any, of source: Node, on backend: Backend) throws -> Any {
        guard backend == .gpu, let slot else { return value }
        return try source.resultType.duplicate(value, context: slot.transfer)
    }

    /// Hands the piece of an output call to the stage's outputs: host pieces are copied into the
    /// final result at once, device pieces are downloaded through the pinned arena and copied when
    /// the batch completes.
    private func emit(_ node: Node, _ value: Any, from backend: Backend) throws {
        guard let outputs, let range else { return }
        let type = node.resultType
        if backend != .gpu {
            if let contiguous = type as? any ContiguousSplitType,
                let region = outputs.region(node, for: range)
            {
                let bytes = contiguous.hostBytes(of: value, range: 0..<range.count)
                if bytes.count > 0 {
                    region.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                }
                withExtendedLifetime(value) {}
            } else {
                try outputs.add(node, value, range: range)
            }
            return
        }
        guard let slot else { throw BachError.internalInconsistency("a device result without a device") }
        if let assembly = outputs.assembly(node) {
            try onDevice { () throws(DeviceError) in
                try assembly.add(value, range: range, on: slot.transfer.stream)
            }
            return
        }
        let carrier = (type as? ReductionSplit)?.partial ?? type
        guard let contiguous = carrier as? any ContiguousSplitType else {
            try outputs.add(node, try type.transfer(value, to: .cpu, context: slot.transfer), range: range)
            return
        }
        let (buffer, byteOffset, bytes) = contiguous.deviceBytes(of: value)
        try onDevice { () throws(DeviceError) in
            if let region = outputs.region(node, for: range) {
                try slot.download(buffer, offset: byteOffset, into: region)
            } else {
                let count = type is ReductionSplit ? carrier.extent ?? 1 : range.count
                try slot.download(buffer, offset: byteOffset, bytes: bytes) { pinned in
                    try outputs.add(node, contiguous.hostValue(copying: pinned, count: count), range: range)
                }
            }
        }
    }
}

/// An error raised by one call, with the call.
struct CallFailure: Error {
    let node: Node
    let error: any Error
}
