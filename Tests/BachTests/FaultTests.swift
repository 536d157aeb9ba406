import BachRuntime
import Devices
import GPUArrays
import NDArrays
import Testing

@testable import BachNumeric

/// Device faults: an out-of-memory is answered with smaller batches; any other failure is a typed
/// error naming the call, with outputs unwritten, inputs untouched and device memory released.
struct FaultTests {
    /// `exp` whose GPU implementation allocates scratch memory (four times its piece) that it did not
    /// declare, so that the planner's batches are too large for the device.
    func expWithHiddenScratch(_ a: LazyArray<Double>) -> LazyArray<Double> {
        let annotation = Annotation.offload(
            "expWithScratch",
            infer: ElementwiseAnnotation.inference(.unary(.negative), Double.self, hasOut: false),
            cpu: { pieces, _ in NDArrays.exp(try pieces.take(0, as: NDArray<Double>.self)) },
            gpu: { pieces, context in
                let piece = try pieces.take(0, as: GPUArray<Double>.self)
                return try onDevice(context) {
                    let scratch = try GPUArray<Double>(empty: [4 * piece.count], in: GPUContext.current!)
                    return try withExtendedLifetime(scratch) {
                        try GPUArrays.multiply(GPUArrays.exp(piece), GPUArrays.exp(piece))
                    }
                }
            })
        return LazyArray(a.runtime.record(annotation, [.lazy(a.handle)]))
    }

    @Test func outOfMemoryIsAnsweredWithSmallerBatches() throws {
        let (bach, device) = simulatedRuntime(memory: 96 << 10)
        let x = uniform(50_000)
        let result = try expWithHiddenScratch(bach.lazy(x)).value()
        #expect(result == NDArrays.exp(x) * NDArrays.exp(x))
        #expect(bach.counters.outOfMemoryRetries > 0)
        #expect(bach.counters.device.peakBytes <= 96 << 10)
        try expectDeviceMemoryReturned(bach, device)
    }

    @Test func anInjectedAllocationFailureIsRetried() throws {
        let (bach, device) = simulatedRuntime(memory: 1 << 20)
        device.inject(FaultPlan(failAllocation: 3))
        let x = uniform(40_000)
        #expect(try exp(bach.lazy(x)).value() == NDArrays.exp(x))
        try expectDeviceMemoryReturned(bach, device)
    }

    @Test(arguments: [FaultPlan(failCopy: 4), FaultPlan(failKernel: 2)])
    func otherFaultsFailTheCallAndLeaveNothingBehind(_ faults: FaultPlan) throws {
        let (bach, device) = simulatedRuntime(memory: 256 << 10)
        let x = uniform(30_000)
        let kept = x
        var y = bach.lazy(x)
        exp(y, out: &y)
        let z = add(y, 1.0)
        device.inject(faults)
        #expect {
            try bach.evaluate()
        } throws: { error in
            guard case BachError.callFailed(let call, let underlying) = error else { return false }
            return ["exp", "add"].contains(call) && "\(underlying)".contains("injected fault")
        }
        #expect(throws: BachError.self) { try z.value() }
        #expect(!z.handle.isEvaluated || (try? z.value()) == nil, "no half-written output")
        #expect(x == kept, "the input is untouched")
        try expectDeviceMemoryReturned(bach, device)
        device.inject(FaultPlan())
        let again = try add(exp(bach.lazy(x)), 1.0).value()
        #expect(again == NDArrays.exp(x) + 1.0, "the runtime works again once the device does")
    }
}
