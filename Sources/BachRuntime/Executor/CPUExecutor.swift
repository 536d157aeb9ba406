import Devices
import Dispatch
import Synchronization

/// Runs a stage whose calls all run on the CPU: cache-sized batches, as many at once as there are
/// threads, each batch running every call of the stage before the next batch starts.
struct CPUExecutor {
    let threads: Int
    let cpuBatchBytes: Int

    /// Runs the stage; returns the whole outputs by node id and the batch length and count.
    func run(_ stage: Stage, extent: Int) throws -> (outputs: [Int: (Any, Backend)], batch: Int, batches: Int)
    {
        let batch = BatchSizer.cpuBatch(stage, extent: extent, cpuBatchBytes: cpuBatchBytes)
        let batches = Swift.max(1, (extent + batch - 1) / batch)
        let outputs = try StageOutputs(stage)
        let workers = Swift.min(threads, batches)
        let next = Atomic<Int>(0)
        let failure = Locked<(any Error)?>(nil)
        let work = UncheckedBox((stage, outputs))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let (stage, outputs) = work.value
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= batches || failure.withLock({ $0 != nil }) { return }
                let range = (index * batch)..<Swift.min(extent, (index + 1) * batch)
                var runner = BatchRunner(
                    stage: stage, range: range, slot: nil, outputs: outputs, parallel: workers > 1)
                do {
                    try runner.run()
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return (try outputs.finish(), batch, batches)
    }
}

/// Carries non-sendable values into worker threads that use them safely (each batch touches its
/// own elements; shared mergers lock).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
