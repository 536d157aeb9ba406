import BachRuntime
import BachNumeric
import Devices
import NDArrays
import Testing

extension CUDASuite {
    /// The runtime's device paths through CUDADevice: values kept on the device, stages on whole
    /// values, and memory that returns to its baseline however often a program runs.
    @Suite struct RuntimeTests {
        let double = CUDADouble.shared

        @Test func aValueKeptOnTheDeviceIsReadAndReusedLater() throws {
            let bach = Bach(device: try double.device())
            let x = NDArray<Double>.uniform([50_000], low: 0.1, high: 1, seed: 3)
            let y = exp(bach.lazy(x))
            y.materialize(on: .gpu)
            try bach.evaluate()
            #expect(bach.counters.device.bytesFromDevice == 0, "y stays on the device")
            let z = try sqrt(y).value()
            #expect(bach.counters.device.bytesToDevice == 0, "the next evaluation reads y where it is")
            #expect(close(z, NDArrays.sqrt(NDArrays.exp(x))))
            #expect(close(try y.value(), NDArrays.exp(x)), "reading y copies it back")
            let columns = sum(bach.lazy(NDArray<Double>.uniform([300, 40], seed: 4)), axis: 0)
            columns.materialize(on: .gpu)
            let doubled = try multiply(columns, 2.0).value()
            let read = try columns.value()
            #expect(doubled.shape == [40] && read * 2.0 == doubled, "a whole result too")
        }

        @Test func axisReductionsOnTheDevice() throws {
            let bach = Bach(device: try double.device(budget: 1 << 20))
            var m = NDArray<Double>.uniform([3000, 17], low: -5, high: 5, seed: 9)
            m[1200, 3] = .nan
            let lm = bach.lazy(m)
            let results: [(LazyArray<Double>, NDArray<Double>)] = [
                (sum(lm, axis: 0), try NDArrays.sum(m, axis: 0)),
                (sum(lm, axis: 1), try NDArrays.sum(m, axis: 1)),
                (mean(lm, axis: 0), try NDArrays.mean(m, axis: 0)),
                (min(lm, axis: 1), try NDArrays.min(m, axis: 1)),
                (max(lm, axis: 0), try NDArrays.max(m, axis: 0)),
            ]
            try bach.evaluate()
            for (lazy, expected) in results {
                let got = try lazy.value()
                #expect(got.shape == expected.shape)
                #expect(
                    zip(got.scalars, expected.scalars).allSatisfy { a, b in
                        a.isNaN ? b.isNaN : Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b))
                    })
            }
            #expect(bach.counters.stages.contains { $0.extent == 3000 && $0.batches > 1 }, "axis 1 pages")
        }

        @Test func tenEvaluationsLeaveDeviceAndPinnedMemoryWhereTheyWere() throws {
            let baseline = (double.counter("device_bytes"), double.counter("pinned_bytes"))
            var bach: Bach? = Bach(device: try double.device(budget: 2 << 20))
            let x = NDArray<Double>.uniform([200_000], seed: 5)
            var held: [Int64] = []
            for _ in 0..<10 {
                #expect(
                    close(
                        try add(multiply(exp(bach!.lazy(x)), 3.0), 1.0).value(), NDArrays.exp(x) * 3.0 + 1.0))
                #expect(
                    try sum(bach!.zeros([512, 256], of: Double.self), axis: 0).value()
                        == NDArray<Double>.zeros([256]))
                held.append(double.counter("device_bytes") * 1_000_003 + double.counter("pinned_bytes"))
            }
            #expect(Set(held.dropFirst()).count == 1, "steady after the first evaluation")
            try bach!.releaseDeviceMemory()
            #expect(double.counter("device_bytes") == baseline.0)
            #expect(double.counter("pinned_bytes") == baseline.1)
            bach = nil
            #expect(double.counter("streams_live") >= 0 && double.counter("pending_operations") == 0)
        }
    }
}

/// Whether `a` and `b` agree to 1e-13 relative: CUDA's transcendental functions (here the host's
/// libm, through the double) differ from NDArrays' vector math by a few ulp.
func close(_ a: NDArray<Double>, _ b: NDArray<Double>) -> Bool {
    a.shape == b.shape
        && zip(a.scalars, b.scalars).allSatisfy { x, y in
            x.isNaN ? y.isNaN : Swift.abs(x - y) <= 1e-13 * Swift.max(1, Swift.abs(y))
        }
}
