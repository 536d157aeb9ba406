import Devices

/// Chooses how many elements a batch holds.
///
/// On the CPU, a batch's live data should stay in the L2 cache across the whole stage. On the
/// device, `inFlight` batches must fit the memory budget together: the sizer walks the stage as
/// the executor will, counting every device buffer a batch holds at each call (pieces uploaded,
/// results, in-place writes reusing their argument's buffer, declared workspaces, pool rounding)
/// and freeing each after its last reader, and takes the largest batch whose peak fits.
struct BatchSizer {
    /// Elements per CPU batch: `cpuBatchBytes` over the bytes per element a batch holds at its
    /// peak, a multiple of 64, at least 256.
    static func cpuBatch(_ stage: Stage, extent: Int, cpuBatchBytes: Int) -> Int {
        let perElement = Swift.max(1, peak(stage, batch: 1, on: nil, granularity: 1))
        let batch = Swift.max(256, (cpuBatchBytes / perElement) & ~63)
        return Swift.min(Swift.max(extent, 1), batch)
    }

    /// Bytes per element that cross between host and device in a device batch: split inputs read
    /// on the device, values the stage computes on the CPU and reads on the device (a file read
    /// batch by batch), and outputs computed there.
    static func transferBytesPerElement(_ stage: Stage) -> Int {
        var bytes = 0
        let computedOnHost = stage.nodes.filter { stage.placement[$0.id] == .cpu }
        for input in stage.inputs + computedOnHost where input.resultType.extent != nil {
            let readOnDevice = stage.steps.contains { step in
                stage.backend(of: step) == .gpu && step.reads.contains { $0.0 === input && $0.1 == .split }
            }
            if readOnDevice { bytes += input.resultType.bytesPerElement }
        }
        for node in stage.nodes where stage.outputs.contains(node.id) && stage.placement[node.id] == .gpu {
            bytes += node.resultType.bytesPerElement
        }
        return bytes
    }

    /// Elements per device batch and batches in flight, or `nil` when not even one element fits.
    static func deviceBatch(
        _ stage: Stage, extent: Int, budget: Int, inFlight: Int, maximum: Int?
    ) -> (batch: Int, inFlight: Int)? {
        let limit = Swift.max(1, Swift.min(extent, maximum ?? extent))
        func devicePeak(_ batch: Int) -> Int {
            peak(stage, batch: batch, on: .gpu, granularity: MemoryPool.granularity)
        }
        for slots in stride(from: inFlight, through: 1, by: -1) {
            guard slots * devicePeak(1) <= budget else { continue }
            var (low, high) = (1, limit)
            while low < high {
                let middle = (low + high + 1) / 2
                if slots * devicePeak(middle) <= budget { low = middle } else { high = middle - 1 }
            }
            return (low, slots)
        }
        return nil
    }

    /// The most memory one batch of `batch` elements holds at once in the values of calls placed
    /// on `backend` (nil: every call), each buffer rounded up to `granularity` bytes.
    static func peak(_ stage: Stage, batch: Int, on backend: Backend?, granularity: Int) -> Int {
        func buffer(_ bytes: Int) -> Int {
            Swift.max(1, (bytes + granularity - 1) / granularity) * granularity
        }
        func size(of node: Node, use: Inference.Use) -> Int {
            let type = node.resultType
            if type is ReductionSplit { return 2 * buffer(8) }
            return buffer((use == .split ? batch : type.extent ?? 1) * type.bytesPerElement)
        }
        var live: [Int: Int] = [:]
        var peak = 0
        for (index, step) in stage.steps.enumerated() {
            var transient = 0
            var results: [Node] = []
            if backend == nil || stage.backend(of: step) == backend {
                for (source, use) in step.reads where live[source.id] == nil {
                    live[source.id] = size(of: source, use: use)
                }
                switch step {
                case .fused(let group):
                    results = group.exported
                    for node in results { live[node.id] = size(of: node, use: .split) }
                case .call(let node):
                    guard let annotation = node.annotation else { break }
                    results = [node]
                    let inPlace = annotation.mutable.compactMap { position -> Int? in
                        guard case .node(let source, _) = node.inputs[position] else { return nil }
                        return stage.lastUse[source.id] == index ? source.id : nil
                    }.first
                    if let reused = inPlace, let bytes = live[reused] {
                        live[node.id] = bytes
                        live[reused] = 0
                    } else {
                        live[node.id] = size(of: node, use: .split)
                    }
                    if node.resultType is ReductionSplit && backend == .gpu {
                        transient += 2 * buffer(ReductionWorkspace.partials(batch) * 8) + 2 * buffer(8)
                    }
                    if backend == .gpu { transient += annotation.deviceWorkspace?(batch) ?? 0 }
                }
            }
            peak = Swift.max(peak, live.values.reduce(0, +) + transient)
            for (source, _) in step.reads where stage.lastUse[source.id] == index {
                live[source.id] = nil
            }
            for node in results where stage.lastUse[node.id] == nil { live[node.id] = nil }
        }
        return peak
    }
}

/// The partials a device reduction keeps per batch (one per block of 256 threads, at most 1024),
/// as GPUArrays computes them.
enum ReductionWorkspace {
    static func partials(_ elements: Int) -> Int {
        Swift.max(1, Swift.min(1024, (elements + 255) / 256))
    }
}
