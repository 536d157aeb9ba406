import BachRuntime
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// Reading one value evaluates only what it needs; the rest of the graph stays pending and can
/// still read the values this evaluation computed, though the program holds none of them.
struct PartialEvaluationTests {
    /// Two sums of one intermediate the program dropped.
    func twoSums(of x: LazyArray<Double>) -> (LazyScalar<Double>, LazyScalar<Double>) {
        let shared = exp(x)
        return (sum(shared), sum(multiply(shared, 2.0)))
    }

    @Test(arguments: [false, true]) func anIntermediateReadLaterIsKept(forceCPU: Bool) throws {
        let bach = Bach(device: try SimulatedDevice(memory: 256 << 10), options: .init(forceCPU: forceCPU))
        let x = NDArray<Double>.uniform([50_000], low: -1, high: 1, seed: 9)
        let (first, second) = twoSums(of: bach.lazy(x))
        // Batches add in another order than NDArrays' pairwise sum: equal within 1e-12.
        #expect(Swift.abs(try first.value() - NDArrays.sum(NDArrays.exp(x))) <= 1e-12 * 50_000)
        #expect(Swift.abs(try second.value() - NDArrays.sum(NDArrays.exp(x) * 2.0)) <= 1e-12 * 100_000)
    }

    /// An allocation read by calls of two evaluations is made again by the second instead of being
    /// kept whole.
    @Test func anAllocationReadLaterIsMadeAgain() throws {
        let bach = Bach(device: nil)
        let made = Counter()
        let allocation = Annotation.allocation(
            "ramp", infer: { _ in Inference(uses: [], result: ArraySplit<Double>(shape: [10_000])) },
            cpu: { _, context in
                made.increment()
                return NDArray<Double>(context.range.map(Double.init))
            })
        func sums() -> (LazyScalar<Double>, LazyScalar<Double>) {
            let ramp = LazyArray<Double>(bach.record(allocation, []))
            return (sum(ramp), sum(multiply(ramp, 3.0)))
        }
        let (first, second) = sums()
        #expect(try first.value() == 49_995_000)
        let afterFirst = made.value
        #expect(try second.value() == 3 * 49_995_000)
        #expect(made.value > afterFirst, "the second evaluation made the allocation again")
    }
}

/// A count shared with the runtime's threads.
final class Counter: @unchecked Sendable {
    private let lock = Locked(0)
    var value: Int { lock.withLock { $0 } }
    func increment() { lock.withLock { $0 += 1 } }
}
