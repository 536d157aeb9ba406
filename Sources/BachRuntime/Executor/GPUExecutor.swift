import Devices

/// Runs a stage with calls on the device: batches go round-robin to `inFlight` slots, each with its
/// own stream, so that while the device computes one batch, the host stages the next one's inputs
/// and the copy engines move a third one's data.
///
/// The host issues batch b on slot b mod k after waiting only for batch b − k (the slot's previous
/// occupant), so copies of batch b+1 are issued before the kernels of batch b have finished.
struct GPUExecutor {
    let resources: DeviceResources

    var device: any Device { resources.device }

    /// Runs the stage in batches of `batch` elements with `inFlight` slots; returns the whole
    /// outputs by node id and the number of batches. The stage's kernels are compiled first.
    func run(_ stage: Stage, extent: Int, batch: Int, inFlight: Int) throws -> (
        outputs: [Int: (Any, Backend)], batches: Int
    ) {
        let batches = Swift.max(1, (extent + batch - 1) / batch)
        let outputs = try StageOutputs(stage, resident: resources.resident.transfer)
        let slots = try onDevice { () throws(DeviceError) in try resources.slots(Swift.min(inFlight, batches))
        }
        do {
            try prepareKernels(stage, elements: batch)
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
        } catch {
            for slot in slots { slot.abandon() }
            throw error
        }
        return (try outputs.finish(), batches)
    }

    /// Runs a stage of one call on whole values in the resident slot, whose stream and pool outlive
    /// the evaluation, so that results kept on the device stay valid.
    func runWhole(_ stage: Stage) throws -> [Int: (Any, Backend)] {
        let slot = resources.resident
        slot.transfer.stream.label = "whole"
        do {
            try prepareKernels(stage, elements: stage.nodes.first?.resultType.extent ?? 1)
            var runner = BatchRunner(stage: stage, range: nil, slot: slot, outputs: nil, parallel: false)
            try runner.run()
            var results: [Int: (Any, Backend)] = [:]
            for (id, result) in runner.wholeResults {
                let (value, backend) = result
                let node = stage.nodes.first { $0.id == id }!
                guard backend == .gpu && (node.materializeOn != .gpu || node.resultType is ReductionSplit)
                else {
                    results[id] = result
                    continue
                }
                let carrier = (node.resultType as? ReductionSplit)?.partial ?? node.resultType
                guard let contiguous = carrier as? any ContiguousSplitType else {
                    results[id] = (
                        try node.resultType.transfer(value, to: .cpu, context: slot.transfer), .cpu
                    )
                    continue
                }
                let (buffer, byteOffset, bytes) = contiguous.deviceBytes(of: value)
                let count = carrier.extent ?? 1
                try onDevice { () throws(DeviceError) in
                    try slot.download(buffer, offset: byteOffset, bytes: bytes) { pinned in
                        results[id] = (contiguous.hostValue(copying: pinned, count: count), .cpu)
                    }
                }
            }
            try slot.finish()
            return results
        } catch {
            slot.abandon()
            throw error
        }
    }

    /// Compiles the kernels the stage's device calls declare, before any of them runs.
    private func prepareKernels(_ stage: Stage, elements: Int) throws {
        var kernels: [any Kernel] = []
        for step in stage.steps where stage.backend(of: step) == .gpu {
            switch step {
            case .call(let node):
                if let declared = node.annotation?.kernels {
                    kernels += try declared(node.argumentInfos, elements)
                }
            case .fused(let group):
                if let declared = group.implementation.kernels { kernels += try declared(elements) }
            }
        }
        if kernels.isEmpty { return }
        try onDevice { () throws(DeviceError) in try device.prepare(kernels) }
    }
}
