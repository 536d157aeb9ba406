import Dispatch
import Foundation
import Testing

@testable import Devices
@testable import GPULearn

/// Every GPULearn kernel compiled for an H100 (sm_90) by NVIDIA's real NVRTC with the project's
/// options: no error and no warning. CI installs the NVRTC wheel into `.build-nvrtc/` (see
/// `.ci/run`); where it is absent the test says so and passes, except in CI. (The CUDA double
/// compiles and runs them in CUDATests.)
struct LearnKernelTests {
    static var library: String? {
        if let chosen = ProcessInfo.processInfo.environment["BACH_TEST_NVRTC"], !chosen.isEmpty {
            return chosen
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent(".build-nvrtc/nvidia/cu13/lib/libnvrtc.so.13").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test func everyKernelCompilesForSM90WithoutWarnings() throws {
        guard let library = Self.library else {
            #expect(
                ProcessInfo.processInfo.environment["CI"] != "true",
                "CI must install NVIDIA's NVRTC (.ci/run)")
            print("LearnKernelTests: NVIDIA's NVRTC is not installed here; skipped (see .ci/run)")
            return
        }
        let compiler = try NVRTC(file: library)
        for kernel in GPULearnKernels.all {
            let (image, log) = try compiler.compile(kernel.cudaSource, name: kernel.name, major: 9, minor: 0)
            #expect(!image.isEmpty, "\(kernel.name)")
            #expect(log.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(kernel.name): \(log)")
        }
    }

    @Test func namesAreUniqueAndSourcesDefineThem() {
        let kernels = GPULearnKernels.all
        #expect(Set(kernels.map(\.name)).count == kernels.count)
        for kernel in kernels {
            #expect(kernel.cudaSource.contains("extern \"C\" __global__ void \(kernel.name)("))
        }
    }
}
