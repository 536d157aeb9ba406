import BachRuntime
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// The runtime through BachNumeric: placement, paging, overlap, mutation, stage breaks, errors.
struct RuntimeTests {
    @Test(arguments: [10, 13, 16])
    func elementwiseChainsMatchTheCPULibrary(_ log: Int) throws {
        let n = 1 << log
        let (x, y) = (uniform(n, seed: 1), uniform(n, 0.5, 2, seed: 2))
        let expected = try add(multiply(NDArrays.sin(x), y), divide(NDArrays.exp(x), y))
        let (bach, _) = simulatedRuntime()
        let (lx, ly) = (bach.lazy(x), bach.lazy(y))
        let result = add(multiply(sin(lx), ly), divide(exp(lx), ly))
        // The simulated device's host body computes with the same vector math as NDArrays.
        #expect(try result.value() == expected, "bitwise equal")
        let cpuOnly = Bach(device: nil)
        let onCPU = add(
            multiply(sin(cpuOnly.lazy(x)), cpuOnly.lazy(y)), divide(exp(cpuOnly.lazy(x)), cpuOnly.lazy(y)))
        #expect(try onCPU.value() == expected, "on the CPU, the same library code runs: bitwise equal")
    }

    @Test func pagingThroughABudgetEightTimesSmallerThanTheWorkingSet() throws {
        let n = 1 << 16
        let inputs = (0..<4).map { uniform(n, 0.5, 2, seed: UInt64($0)) }
        let workingSet = 8 * n * MemoryLayout<Double>.stride
        let (bach, device) = simulatedRuntime(memory: workingSet / 8)
        let l = inputs.map { bach.lazy($0) }
        let result = { () -> LazyArray<Double> in
            var t = bach.empty([n], of: Double.self)
            multiply(l[0], l[1], out: &t)
            add(t, l[2], out: &t)
            return divide(t, l[3])
        }()
        let value = try result.value()
        let expected = try divide(add(multiply(inputs[0], inputs[1]), inputs[2]), inputs[3])
        #expect(value == expected, "arithmetic only: bitwise equal")
        let counters = bach.counters
        #expect(counters.batches >= 8)
        #expect(counters.device.peakBytes <= workingSet / 8)
        try expectDeviceMemoryReturned(bach, device)
        #expect(counters.device.bytesToDevice == 4 * n * 8, "each input crosses once")
        #expect(counters.device.bytesFromDevice == n * 8, "only the wanted result comes back")
    }

    @Test func copiesOfTheNextBatchAreIssuedBeforeTheKernelsOfThisOneFinish() throws {
        let n = 1 << 14
        let (bach, device) = simulatedRuntime(memory: 3 * 3 * 2048 * 8)
        let x = bach.lazy(uniform(n))
        let result = exp(sin(x))
        _ = try result.value()
        #expect(bach.counters.batches >= 4)
        let log = device.log
        let secondUpload = try #require(
            log.firstIndex { entry in
                guard case .copyToDevice = entry.operation else { return false }
                return entry.phase == .issued && entry.label == "batch 1"
            })
        let firstKernelsDone = try #require(
            log.lastIndex { $0.phase == .completed && $0.label == "batch 0" && !$0.operation.isTransfer })
        #expect(
            secondUpload < firstKernelsDone, "batch 1's upload was issued while batch 0 was still in flight")
        let streams = ["batch 0", "batch 1"].map { label in
            Set(log.filter { $0.label == label }.map(\.stream))
        }
        #expect(
            streams[0].count == 1 && streams[1].count == 1 && streams[0] != streams[1],
            "one stream per batch in flight")
    }

    @Test func aCPUOnlyCallBetweenGPUCallsCostsExactlyItsTransfers() throws {
        let n = 1 << 12
        let (bach, device) = simulatedRuntime(memory: 3 * 4 * 1024 * 8)
        let x = bach.lazy(uniform(n, 0.1, 1))
        let result = sqrt(negateOnCPU(exp(x)))
        let value = try result.value()
        let stages = bach.counters.stages
        #expect(stages.count == 1)
        #expect(stages[0].calls.map(\.backend) == [.gpu, .cpu, .gpu])
        let batches = bach.counters.batches
        let counters = device.counters
        #expect(counters.copiesToDevice == 2 * batches, "x up, then the CPU call's result up")
        #expect(
            counters.copiesFromDevice == 2 * batches, "exp's result down for the CPU call, the result down")
        #expect(counters.bytesToDevice == 2 * n * 8 && counters.bytesFromDevice == 2 * n * 8)
        #expect(value.scalars.allSatisfy { $0.isNaN }, "sqrt of negative numbers")
    }

    @Test func forceCPURunsNothingOnTheDevice() throws {
        let device = try! SimulatedDevice()
        let bach = Bach(device: device, options: Bach.Options(forceCPU: true))
        let x = uniform(5000)
        #expect(try exp(bach.lazy(x)).value() == NDArrays.exp(x))
        #expect(
            device.counters.bytesToDevice == 0
                && bach.counters.stages[0].calls.allSatisfy { $0.backend == .cpu })
    }

    @Test func writingWithOutMakesANewVersion() throws {
        let (bach, _) = simulatedRuntime()
        let (a, b) = (uniform(1000, seed: 3), uniform(1000, seed: 4))
        var c = bach.empty([1000], of: Double.self)
        multiply(bach.lazy(a), bach.lazy(b), out: &c)
        let before = c
        add(c, 1.0, out: &c)
        let after = add(c, c)
        #expect(try before.value() == (try multiply(a, b)), "the old version is unchanged, as for NDArray")
        #expect(try c.value() == (try multiply(a, b)) + 1.0)
        #expect(try after.value() == ((try multiply(a, b)) + 1.0) * 2.0)
    }

    @Test func outAliasingAnInputOnTheDevice() throws {
        let (bach, _) = simulatedRuntime()
        let x = uniform(3000)
        var lx = bach.lazy(x)
        let original = lx
        multiply(lx, lx, out: &lx)
        let both = add(lx, original)
        #expect(try both.value() == x * x + x, "the old version was duplicated before the in-place write")
    }

    @Test func aReductionResultUsedLaterBreaksTheStage() throws {
        let (bach, _) = simulatedRuntime(memory: 1 << 20)
        let x = uniform(100_000, seed: 8)
        let lx = bach.lazy(x)
        let centred = subtract(lx, mean(lx))
        let value = try centred.value()
        let expected = subtract(x, NDArrays.mean(x))
        #expect(agree(value, expected, relative: 1e-9))
        #expect(bach.counters.stages.count == 2, "mean must finish before the subtraction starts")
        #expect(bach.counters.stages[0].calls.map(\.name) == ["mean"])
    }

    @Test func rowsBroadcastAgainstMatricesAreGivenWhole() throws {
        let (bach, _) = simulatedRuntime(memory: 1 << 16)
        let matrix = NDArray<Double>.uniform([300, 20], seed: 5)
        let row = NDArray<Double>.uniform([20], seed: 6)
        let result = try add(bach.lazy(matrix), bach.lazy(row)).value()
        #expect(result == (try NDArrays.add(matrix, row)))
        #expect(bach.counters.batches > 1)
    }

    @Test func readingAValueRunsOnlyWhatItNeeds() throws {
        let (bach, _) = simulatedRuntime()
        let x = bach.lazy(uniform(100))
        let wanted = exp(x)
        let other = sin(x)
        _ = try wanted.value()
        #expect(wanted.handle.isEvaluated && !other.handle.isEvaluated)
        try bach.evaluate()
        #expect(other.handle.isEvaluated)
        try bach.evaluate()
        #expect(agree(try other.value(), NDArrays.sin(uniform(100)), relative: 1e-15))
    }

    @Test func materializingOnTheDeviceAvoidsAnotherUpload() throws {
        let (bach, device) = simulatedRuntime()
        let x = uniform(4096, 0.1, 1)
        let y = exp(bach.lazy(x))
        y.materialize(on: .gpu)
        try bach.evaluate()
        #expect(device.counters.liveBytes - bach.cachedDeviceBytes == 4096 * 8, "y stays on the device")
        let z = sqrt(y)
        let value = try z.value()
        #expect(bach.counters.device.bytesToDevice == 0, "the second evaluation reads y where it is")
        #expect(agree(value, NDArrays.sqrt(NDArrays.exp(x)), relative: 1e-15))
        #expect(agree(try y.value(), NDArrays.exp(x), relative: 1e-15), "reading y copies it back")
    }

    @Test func errorsSurfaceAtEvaluateNamingTheCall() throws {
        let (bach, _) = simulatedRuntime()
        let bad = add(bach.lazy(uniform(3)), bach.lazy(uniform(4)))
        let dependent = exp(bad)
        let independent = exp(bach.lazy(uniform(5)))
        #expect {
            try bach.evaluate()
        } throws: { error in
            guard case BachError.callFailed(let call, let underlying) = error else { return false }
            return call == "add" && "\(underlying)".contains("(3,) and (4,)")
        }
        #expect(throws: BachError.self) { try dependent.value() }
        #expect(!independent.handle.isEvaluated, "calls that do not depend on the failure stay pending")
        #expect(agree(try independent.value(), NDArrays.exp(uniform(5)), relative: 1e-15))
        #expect {
            try min(bach.lazy(NDArray<Double>.zeros([0]))).value()
        } throws: { error in
            "\(error)".contains("min") && "\(error)".contains("empty")
        }
    }
}
