import BachRuntime
import BachNumeric
import Devices
import GPUArrays
import NDArrays
import Testing

/// An annotator outside BachNumeric, with public API only (no `@testable` in this file): a
/// function of their own with a CPU and a GPU implementation, chained with BachNumeric's calls,
/// whose GPU library reports running out of memory with an error of its own.
struct OutsideAnnotatorTests {
    /// The error of a GPU library the runtime does not know, carrying the device's error.
    struct LibraryError: WrapsDeviceError {
        let deviceError: DeviceError?
    }

    /// `softplus(x) = log(1 + exp(x))`, annotated from outside; its GPU implementation claims to
    /// run out of memory for pieces above `largestPiece` elements.
    func softplus(_ x: LazyArray<Double>, largestPiece: Int) throws -> LazyArray<Double> {
        let annotation = Annotation.offload(
            "softplus",
            infer: { infos in
                guard let split = infos[0].splitType as? ArraySplit<Double> else {
                    throw BachError.typeMismatch(
                        expected: "ArraySplit<Double>", found: "\(infos[0].splitType)")
                }
                return Inference(uses: [.split], result: split)
            },
            cpu: { pieces, context in
                let piece = try pieces.take(0, as: NDArray<Double>.self)
                return try onHost(context) { NDArrays.log(NDArrays.add(NDArrays.exp(piece), 1.0)) }
            },
            gpu: { pieces, context in
                let piece = try pieces.take(0, as: GPUArray<Double>.self)
                guard piece.count <= largestPiece else {
                    throw LibraryError(
                        deviceError: .outOfMemory(requested: piece.count * 8, live: 0, budget: 0))
                }
                return try onDevice(context) { try GPUArrays.log(GPUArrays.add(GPUArrays.exp(piece), 1.0)) }
            })
        return try LazyArray(recorded: x.runtime.record(annotation, [.lazy(x.handle)]))
    }

    @Test func anOutsideAnnotationChainsAndIsRebatchedWhenItsLibraryRunsOutOfMemory() throws {
        let bach = Bach(device: try SimulatedDevice(memory: 1 << 20))
        let x = NDArray<Double>.uniform([40_000], low: -3, high: 3, seed: 5)
        let y = multiply(try softplus(add(bach.lazy(x), 1.0), largestPiece: 4096), 2.0)
        let expected = NDArrays.multiply(
            NDArrays.log(NDArrays.add(NDArrays.exp(NDArrays.add(x, 1.0)), 1.0)), 2.0)
        let result = try y.value()
        #expect(
            zip(result.scalars, expected.scalars).allSatisfy {
                Swift.abs($0 - $1) <= 1e-12 * Swift.max(1, Swift.abs($1))
            })
        #expect(bach.counters.outOfMemoryRetries > 0)
        #expect(bach.counters.stages.allSatisfy { $0.fallback == nil })
    }

    @Test func aRecordedValueOfAnotherTypeIsATypedError() {
        let bach = Bach(device: nil)
        let total = sum(bach.lazy(NDArray<Double>.ones([4])))
        #expect(throws: BachError.self) { try LazyArray<Double>(recorded: total.handle) }
        #expect(throws: BachError.self) {
            try LazyArray<Float>(recorded: bach.lazy(NDArray<Double>.ones([4])).handle)
        }
    }
}
