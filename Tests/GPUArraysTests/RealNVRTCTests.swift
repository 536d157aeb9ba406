import Dispatch
import Foundation
import Testing

@testable import Devices
@testable import GPUArrays

/// Every kernel shape GPUArrays generates, compiled for an H100 (sm_90) by NVIDIA's real NVRTC,
/// with the project's options: no error and no warning. No GPU is needed; CI installs the NVRTC
/// wheel from PyPI (`nvidia-cuda-nvrtc`, see `.ci/run`) into `.build-nvrtc/`. Where it is absent
/// the test says so and passes, except in CI (`CI=true`), where that is a failure.
struct RealNVRTCTests {
    /// `BACH_TEST_NVRTC`, else the wheel's library under `.build-nvrtc/` of this checkout.
    static var library: String? {
        if let chosen = ProcessInfo.processInfo.environment["BACH_TEST_NVRTC"], !chosen.isEmpty {
            return chosen
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent(".build-nvrtc/nvidia/cu13/lib/libnvrtc.so.13").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test func everyKernelShapeCompilesForSM90WithoutWarnings() throws {
        guard let library = Self.library else {
            let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
            #expect(!inCI, "CI must install NVIDIA's NVRTC (.ci/run) so that every kernel is compiled")
            print("RealNVRTCTests: NVIDIA's NVRTC is not installed here; skipped (see .ci/run)")
            return
        }
        let compiler = try NVRTC(file: library)
        #expect(compiler.builtins != nil, "the builtins load from NVRTC's folder")
        let kernels = FusedKernelSamples.withCatalog
        let problems = Locked<[String]>([])
        let work = UnsafeSendable(kernels)
        DispatchQueue.concurrentPerform(iterations: kernels.count) { index in
            let kernel = work.value[index]
            do {
                let (image, log) = try compiler.compile(
                    kernel.cudaSource, name: kernel.name, major: 9, minor: 0)
                let text = log.trimmingCharacters(in: .whitespacesAndNewlines)
                if image.isEmpty || !text.isEmpty {
                    problems.withLock { $0.append("\(kernel.name): \(text.isEmpty ? "empty image" : text)") }
                }
            } catch {
                problems.withLock { $0.append("\(kernel.name): \(error)") }
            }
        }
        let found = problems.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) of \(kernels.count) kernels: \(found.prefix(5))")
        print("RealNVRTCTests: NVRTC \(compiler.versionString) compiled \(kernels.count) kernels for sm_90")
    }
}
