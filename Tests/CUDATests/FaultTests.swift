import BachRuntime
import BachNumeric
import Devices
import NDArrays
import Testing

extension CUDASuite {
    /// Every kind of driver or compiler failure, injected into the double: a typed error naming the
    /// call, inputs untouched, no device or pinned memory left behind, and the runtime usable again.
    @Suite struct FaultTests {
        let double = CUDADouble.shared

        /// A program of its own per `variant` (a chain of `variant` more calls), so that its fused
        /// kernel is compiled in this test and not found loaded.
        func program(_ bach: Bach, _ x: NDArray<Double>, _ variant: Int) -> LazyArray<Double> {
            var y = arctan(multiply(cos(bach.lazy(x)), 0.5))
            for _ in 0..<variant { y = multiply(sin(y), 2.0) }
            return add(y, sum(bach.lazy(x)))
        }

        func expected(_ x: NDArray<Double>, _ variant: Int) -> NDArray<Double> {
            var y = NDArrays.arctan(NDArrays.cos(x) * 0.5)
            for _ in 0..<variant { y = NDArrays.sin(y) * 2.0 }
            return y + NDArrays.sum(x)
        }

        static let plans = [
            "copy:3:999", "launch:2:719", "sync:2:999", "alloc:2:999", "compile:1:6", "load:1:200",
        ]

        @Test(arguments: plans)
        func aFailureFailsTheCallAndLeavesNothingBehind(_ plan: String) throws {
            let baseline = (double.counter("device_bytes"), double.counter("pinned_bytes"))
            let x = NDArray<Double>.uniform([40_000], seed: 8)
            let kept = x
            let variant = Self.plans.firstIndex(of: plan)! + 1
            let bach = Bach(device: try double.device(budget: 1 << 20))
            let result = program(bach, x, variant)
            double.with(faults: plan) {
                #expect {
                    try result.value()
                } throws: { error in
                    guard case BachError.callFailed(let call, let underlying) = error else { return false }
                    let code = plan.split(separator: ":").last!
                    return ["cos", "multiply", "arctan", "add", "sum", "sin"].contains(call)
                        && ("\(underlying)".contains("code \(code)")
                            || "\(underlying)".contains("did not compile"))
                }
            }
            #expect(x == kept, "the input is untouched")
            try bach.releaseDeviceMemory()
            #expect(double.counter("device_bytes") == baseline.0, "\(plan): device memory returned")
            #expect(double.counter("pinned_bytes") == baseline.1, "\(plan): pinned memory returned")
            let again = try program(bach, x, variant).value()
            #expect(again.shape == x.shape)
            let reference = expected(x, variant)
            #expect(
                zip(again.scalars, reference.scalars).allSatisfy {
                    Swift.abs($0 - $1) <= 1e-9 * Swift.max(1, Swift.abs($1))
                })
        }

        @Test func runningOutOfDeviceMemoryPlansSmallerBatches() throws {
            let bach = Bach(device: try double.device(budget: 1 << 20))
            let x = NDArray<Double>.uniform([100_000], seed: 2)
            let value = try double.with(faults: "alloc:3:2,alloc:4:2") { try exp(bach.lazy(x)).value() }
            #expect(bach.counters.outOfMemoryRetries > 0)
            #expect(
                zip(value.scalars, NDArrays.exp(x).scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * $1 })
        }
    }
}
