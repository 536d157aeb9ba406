import BachRuntime
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// Variances and standard deviations along an axis, lazily: along axis 0 on the whole matrix (on
/// the device, GPUArrays' two-pass form), along axis 1 split by rows, both equal to NDArrays'.
struct AxisMomentTests {
    @Test(arguments: [0, 1])
    func lazyVarianceAndStdAlongAnAxisMatchNDArrays(_ axis: Int) throws {
        let m = NDArray<Double>.uniform([3000, 5], low: -4, high: 9, seed: 17)
        for device in [try SimulatedDevice(memory: 1 << 20), nil] as [SimulatedDevice?] {
            let bach = Bach(device: device)
            let lm = bach.lazy(m)
            let (spread, deviation) = (variance(lm, axis: axis, ddof: 1), std(lm, axis: axis))
            try bach.evaluate()
            #expect(agree(try spread.value(), try NDArrays.variance(m, axis: axis, ddof: 1), relative: 1e-12))
            #expect(agree(try deviation.value(), try NDArrays.std(m, axis: axis), relative: 1e-12))
            let stages = bach.counters.stages
            if axis == 0 {
                #expect(stages.allSatisfy { $0.extent == nil }, "axis 0 needs the whole matrix")
                #expect(stages.allSatisfy { $0.calls[0].backend == (device == nil ? .cpu : .gpu) })
            } else {
                #expect(stages.contains { $0.extent == 3000 }, "axis 1 splits by rows")
            }
        }
    }

    @Test func aBadAxisIsReportedAtEvaluation() {
        let bach = Bach()
        #expect(throws: BachError.self) { try std(bach.lazy(NDArray<Double>.ones([4, 2])), axis: 2).value() }
    }
}
