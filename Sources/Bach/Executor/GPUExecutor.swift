import Devices

/// Runs a stage with calls on the device: batches go round-robin to `inFlight` slots, each with its
/// own stream, so that while the device computes one batch, the host stages the next one's inputs
/// and the copy engines move a third one's data.
///
/// The host issues batch b on slot b mod k after waiting only for batch b − k (the slot's previous
/// occupant), so copies of batch b+1 are issued before the kernels of batch b have finished.
struct GPUExecutor {
    let device: any Device
    let staging: StagingCache
    let copyThreads: Int

    /// Runs the stage in batches of `batch` elements with `inFlight` slots; returns the whole
    /// outputs by node id and the number of batches.
    func run(_ stage: Stage, extent: Int, batch: Int, inFlight: Int) throws -> (
        outputs: [Int: Any], batches: Int
    ) {
        let batches = Swift.max(1, (extent + batch - 1) / batch)
        let outputs = try StageOutputs(stage)
        let pool = MemoryPool(device: device)
        var slots: [Slot] = []
        defer {
            for slot in slots { slot.close() }
        }
        do {
            for index in 0..<Swift.min(inFlight, batches) {
                slots.append(
                    try Slot(
                        device: device, pool: pool, arena: staging.arena(index), copyThreads: copyThreads))
            }
            for index in 0..<batches {
                let slot = slots[index % slots.count]
                try slot.complete()
                slot.transfer.stream.label = "batch \(index)"
                let range = (index * batch)..<Swift.min(extent, (index + 1) * batch)
                var runner = BatchRunner(
                    stage: stage, range: range, slot: slot, outputs: outputs, parallel: false)
                try runner.run()
                try onDevice { () throws(DeviceError) in try slot.issueEnd() }
            }
            for slot in slots { try slot.complete() }
            try onDevice { () throws(DeviceError) in try pool.releaseCached() }
        } catch {
            for slot in slots { slot.abandon() }
            try? pool.releaseCached()
            throw error
        }
        return (try outputs.finish(), batches)
    }

    /// Runs a stage of one call on whole values with `slot`-like resources of its own.
    func runWhole(_ stage: Stage) throws -> [Int: (Any, Backend)] {
        let pool = MemoryPool(device: device)
        let slot = try onDevice { () throws(DeviceError) in
            try Slot(device: device, pool: pool, arena: staging.arena(0), copyThreads: copyThreads)
        }
        defer { slot.close() }
        do {
            var runner = BatchRunner(stage: stage, range: nil, slot: slot, outputs: nil, parallel: false)
            try runner.run()
            var results: [Int: (Any, Backend)] = [:]
            for (id, result) in runner.wholeResults {
                let (value, backend) = result
                let node = stage.nodes.first { $0.id == id }!
                if backend == .gpu && (node.materializeOn != .gpu || node.resultType is ReductionSplit) {
                    results[id] = (
                        try node.resultType.transfer(value, to: .cpu, context: slot.transfer), .cpu
                    )
                } else {
                    results[id] = result
                }
            }
            try onDevice { () throws(DeviceError) in try device.synchronize(slot.transfer.stream) }
            if !results.values.contains(where: { $0.1 == .gpu }) {
                try onDevice { () throws(DeviceError) in try pool.releaseCached() }
            }
            return results
        } catch {
            slot.abandon()
            try? pool.releaseCached()
            throw error
        }
    }
}
