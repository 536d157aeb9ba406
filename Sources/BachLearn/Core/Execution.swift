import BachRuntime
import Devices
import GPULearn
import GPUArrays
import NDArrays

extension GPUContext {
    /// The GPU library's view of the executor's batch context.
    convenience init(_ context: TransferContext) {
        self.init(device: context.device, stream: context.stream, pool: context.pool)
    }
}

/// Runs GPU library code for a piece in the batch's context (its stream and pool), turning device
/// errors back into `DeviceError`s so that the runtime can tell running out of memory (plan
/// smaller batches, or fall back to the CPU) from other failures.
func onDevice<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    guard let transfer = context.transfer else { return try deviceErrors(body) }
    return try onDevice(transfer: transfer, body)
}

/// `onDevice` for code that runs in a transfer context (moving a model).
func onDevice<R>(transfer: TransferContext, _ body: () throws -> R) throws -> R {
    try deviceErrors { try GPUContext(transfer).using(body) }
}

private func deviceErrors<R>(_ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let error as GPULearnError {
        if let device = error.deviceError { throw device }
        throw error
    } catch GPUArrayError.device(let error) {
        throw error
    }
}

/// Runs CPU library code for a piece: on the calling thread alone when the runtime already runs
/// a batch per core.
func onHost<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    context.parallelBatches ? try Parallelism.serially(body) : try body()
}
