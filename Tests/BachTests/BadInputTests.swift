import BachRuntime
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// Input an array library refuses eagerly is refused lazily too, with the same typed error, named
/// once; dropped intermediates stay dropped through reductions.
struct LazyBadInputTests {
    @Test func shapesArraysCannotHaveAreTypedErrors() throws {
        let (bach, _) = simulatedRuntime()
        let cube = bach.empty([2, 2, 2], of: Double.self)
        #expect {
            try add(cube, 1.0).value()
        } throws: { error in
            guard case BachError.callFailed("empty", NDArrayError.invalidRank) = error else { return false }
            return "\(error)" == "empty: expected rank 0, 1 or 2, found rank 3"
                || "\(error)".contains("rank 3")
        }
        #expect {
            try bach.zeros([-3], of: Double.self).value()
        } throws: { error in
            guard case BachError.callFailed("full", NDArrayError.invalidArgument) = error else {
                return false
            }
            return "\(error)".contains("(-3,)")
        }
    }

    @Test func callNamesAppearOnceAndArgExtremaNameThemselves() throws {
        let (bach, _) = simulatedRuntime()
        let message =
            "\(BachError.callFailed(call: "add", underlying: NDArrayError.emptyInput(operation: "add")))"
        #expect(
            message.hasPrefix("add: expected a non-empty array") && !message.hasPrefix("add: add:"),
            "\(message)")
        #expect {
            try argmax(bach.lazy(NDArray<Double>.empty([0]))).value()
        } throws: { error in
            "\(error)".hasPrefix("argmax: expected a non-empty array")
        }
    }

    @Test func aNegativeDeviceSizeIsRefused() {
        #expect(throws: DeviceError.self) { try SimulatedDevice(memory: -1) }
    }

    @Test func aReductionOfADroppedIntermediateDownloadsOneScalarPerBatch() throws {
        let (bach, _) = simulatedRuntime(memory: 256 << 10)
        let x = uniform(1 << 16)
        let total = try sum(exp(bach.lazy(x))).value()
        #expect(Swift.abs(total - NDArrays.sum(NDArrays.exp(x))) < 1e-9 * Swift.abs(total))
        let counters = bach.counters
        #expect(counters.batches > 1)
        #expect(counters.device.bytesFromDevice <= counters.batches * 8, "exp(x) never comes back")
    }
}
