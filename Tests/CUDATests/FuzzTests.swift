import Devices
import Fuzzing
import Testing

extension CUDASuite {
    /// The differential fuzzer through CUDADevice and the double: `bach fuzz --programs 300 --seed 7
    /// --device cuda`, each program fused and unfused, against GPUArrays op by op on the device.
    @Suite struct FuzzTests {
        @Test func threeHundredProgramsWithoutMismatch() throws {
            let fuzzer = Fuzzer(
                device: .cuda, maximumSize: 1 << 16, cudaLibraries: CUDADouble.shared.libraries)
            var mismatches: [String] = []
            var fused = 0
            for index in 0..<300 {
                let (mismatch, coverage) = try fuzzer.check(seed: Fuzzer.programSeed(7, index))
                if let mismatch { mismatches.append("\(mismatch)") }
                fused += coverage.fusedCalls
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(3).joined(separator: "\n"))")
            #expect(fused > 500)
        }
    }
}
