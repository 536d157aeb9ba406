import Devices
import Fuzzing
import Testing

extension CUDASuite {
    /// The series fuzzer through CUDADevice and the double: `bach fuzz --series --programs 100
    /// --seed 7 --max-size 4096 --device cuda`, each program with Frames, GPUFrames on the device
    /// and BachFrames fused, unfused and on the CPU, no stage falling back to the CPU.
    @Suite struct SeriesFuzzTests {
        @Test func oneHundredSeriesProgramsWithoutMismatch() throws {
            let fuzzer = SeriesFuzzer(
                device: .cuda, maximumSize: 1 << 12, cudaLibraries: CUDADouble.shared.libraries)
            var mismatches: [String] = []
            var coverage = Fuzzer.Coverage()
            for index in 0..<100 {
                let (mismatch, covered) = try fuzzer.check(seed: Fuzzer.programSeed(7, index))
                if let mismatch { mismatches.append("\(mismatch)") }
                coverage.deviceStages += covered.deviceStages
                coverage.fusedCalls += covered.fusedCalls
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(3).joined(separator: "\n"))")
            #expect(coverage.deviceStages > 100 && coverage.fusedCalls > 500)
        }
    }
}
