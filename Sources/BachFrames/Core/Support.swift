import Bach
import Devices
import GPUArrays
import GPUFrames
import NDArrays

/// Runs CPU library code for a piece: on the calling thread alone when the runtime already runs a
/// batch per core (Frames and NDArrays would otherwise split each piece over every core again).
func onHost<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    context.parallelBatches ? try Parallelism.serially(body) : try body()
}

/// Runs GPU library code for a piece in the batch's context (its stream and pool), turning device
/// errors back into `DeviceError`s so that the runtime can tell running out of memory (plan smaller
/// batches) from other failures.
func onDevice<R>(_ context: ExecutionContext, _ body: () throws -> R) throws -> R {
    do {
        guard let transfer = context.transfer else { return try body() }
        return try GPUContext(device: transfer.device, stream: transfer.stream, pool: transfer.pool).using(
            body)
    } catch let error as GPUFrameError {
        throw error.deviceError ?? error
    } catch GPUArrayError.device(let error) {
        throw error
    }
}
