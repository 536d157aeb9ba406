import Devices
import Testing

@testable import Fuzzing

/// The differential fuzzer: programs are reproducible, well formed, and run clean; the comparison
/// catches differences.
struct FuzzerTests {
    @Test func aFewHundredProgramsRunWithoutMismatch() throws {
        let fuzzer = Fuzzer(device: .simulated, maximumSize: 1 << 12)
        var mismatches: [String] = []
        var coverage = Fuzzer.Coverage()
        for index in 0..<300 {
            let (mismatch, covered) = try fuzzer.check(seed: Fuzzer.programSeed(7, index))
            if let mismatch { mismatches.append("\(mismatch)") }
            coverage.deviceStages += covered.deviceStages
            coverage.batches += covered.batches
            coverage.fusedCalls += covered.fusedCalls
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(coverage.fusedCalls > 300, "programs fuse chains of calls")
        #expect(
            coverage.deviceStages > 100 && coverage.batches > coverage.deviceStages,
            "programs page through the device")
    }

    @Test func programsAreReproducibleAndWellFormed() {
        for index in 0..<200 {
            let seed = Fuzzer.programSeed(3, index)
            let program = Program.generate(seed: seed, maximumSize: 1 << 16)
            #expect(program.isWellFormed)
            #expect("\(program)" == "\(Program.generate(seed: seed, maximumSize: 1 << 16))")
            #expect(program.rows * (program.columns ?? 1) <= 1 << 16)
        }
    }

    @Test func theComparisonCatchesDifferences() {
        let comparison = Comparison()
        let expected = Outcome(arrays: [[1.0, .nan, -0.0]].map { NDArrayOf($0) })
        #expect(comparison.mismatch(expected, expected) == nil)
        #expect(
            comparison.mismatch(expected, Outcome(arrays: [[1.0, .nan, 0.0]].map { NDArrayOf($0) })) != nil,
            "signed zeros")
        #expect(comparison.mismatch(expected, Outcome(error: "failed")) != nil)
        #expect(comparison.mismatch(Outcome(error: "empty"), Outcome(error: "empty too")) == nil)
        let sum = Outcome(scalars: [Outcome.Scalar(name: "sum", value: 1, tolerance: 1e-10)])
        #expect(
            comparison.mismatch(sum, Outcome(scalars: [Outcome.Scalar(name: "sum", value: 1 + 1e-11)])) == nil
        )
        #expect(
            comparison.mismatch(sum, Outcome(scalars: [Outcome.Scalar(name: "sum", value: 1 + 1e-9)])) != nil)
        #expect(
            comparison.mismatch(expected, Outcome(arrays: [[1.0 + 1e-15, .nan, -0.0]].map { NDArrayOf($0) }))
                != nil,
            "one ulp")
    }

    @Test func malformedProgramsAreRecognised() {
        var program = Program.generate(seed: 1, maximumSize: 16)
        program.steps = [.unary(.exp, program.inputs + 3)]
        #expect(!program.isWellFormed)
    }
}

import NDArrays

/// A 1-D array of `values`.
func NDArrayOf(_ values: [Double]) -> NDArray<Double> { NDArray(values) }
