import BachRuntime
import Devices
import GPUArrays
import NDArrays
import Testing

@testable import BachNumeric

/// Cost estimators that see the arguments: a call on whole values (which the planner used to cost
/// as one element) is placed by its arguments' shapes, so small inputs stay on the CPU.
struct ArgumentCostTests {
    /// A whole-matrix call (the sum of each column) whose estimator says the device pays off from
    /// `threshold` rows on, and what it saw.
    func columnSums(_ a: LazyArray<Double>, threshold: Int, seen: Locked<[[Int]]>) -> LazyArray<Double> {
        let annotation = Annotation.offload(
            "columnSums", splittable: false,
            cost: { _ in (cpu: 1, gpu: 0) },  // never consulted: argumentCost wins
            argumentCost: { arguments in
                let shape = (arguments[0].splitType as! ArraySplit<Double>).shape
                seen.withLock { $0.append(shape) }
                let rows = Double(shape[0])
                return (cpu: rows, gpu: Double(threshold) - 0.5)
            },
            infer: { infos in
                let shape = (infos[0].splitType as! ArraySplit<Double>).shape
                return Inference(uses: [.whole], result: ArraySplit<Double>(shape: [shape[1]]))
            },
            cpu: { pieces, _ in try NDArrays.sum(try pieces.take(0, as: NDArray<Double>.self), axis: 0) },
            gpu: { pieces, _ in try GPUArrays.sum(try pieces.take(0, as: GPUArray<Double>.self), axis: 0) })
        return LazyArray(a.runtime.record(annotation, [.lazy(a.handle)]))
    }

    @Test(arguments: [(10, Backend.cpu), (999, .cpu), (1000, .gpu), (5000, .gpu)])
    func wholeValueCallsArePlacedByTheirArgumentsShapes(_ case: (Int, Backend)) throws {
        let (rows, expected) = `case`
        let (bach, device) = simulatedRuntime()
        let seen = Locked<[[Int]]>([])
        let x = NDArray<Double>.uniform([rows, 3], seed: 5)
        let sums = columnSums(bach.lazy(x), threshold: 1000, seen: seen)
        #expect(agree(try sums.value(), try NDArrays.sum(x, axis: 0), relative: 1e-12))
        #expect(seen.withLock { $0 } == [[rows, 3]], "the estimator saw the argument's shape once")
        #expect(bach.counters.stages.map { $0.calls.map(\.backend) } == [[expected]])
        #expect((device.counters.bytesToDevice > 0) == (expected == .gpu))
    }

    @Test func forcingTheCPUStillWins() throws {
        let device = try SimulatedDevice()
        let bach = Bach(device: device, options: Bach.Options(forceCPU: true))
        let sums = columnSums(bach.lazy(NDArray<Double>.ones([4000, 2])), threshold: 10, seen: Locked([]))
        #expect(try sums.value() == NDArray([4000.0, 4000]))
        #expect(bach.counters.stages[0].calls[0].backend == .cpu)
    }
}
