import Devices
import Foundation
import Testing

@testable import GPUArrays

/// Every kernel shape the GPU library generates, checked as C++ by the toolchain's clang with the
/// CUDA built-ins stubbed, in one translation unit (each kernel in a namespace of its own, the
/// shared prelude once): a quick check of syntax and types on any machine. NVIDIA's NVRTC
/// (`RealNVRTCTests`) and the CUDA double compile the exact sources.
struct KernelCompilationTests {
    static let compiler = ["/opt/swift/usr/bin/clang++", "/usr/bin/clang++", "/usr/bin/g++"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let stub = """
        #include <math.h>
        #define __global__
        #define __device__
        #define __forceinline__ inline
        #define __shared__ static
        struct nd_index { unsigned x; };
        static nd_index blockIdx, threadIdx, blockDim, gridDim;
        static void __syncthreads() {}
        static float __int_as_float(int) { return 0; }
        static double __longlong_as_double(long long) { return 0; }

        """

    @Test(.enabled(if: compiler != nil))
    func generatedSourcesCompile() throws {
        let kernels = FusedKernelSamples.withCatalog
        var unit = Self.stub + CUDASource.prelude
        for (index, kernel) in kernels.enumerated() {
            let source = kernel.cudaSource
            let body =
                source.hasPrefix(CUDASource.prelude)
                ? String(source.dropFirst(CUDASource.prelude.count)) : source
            unit += "namespace kernel\(index) {\n\(body)}\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bach-kernels-\(getpid()).cu")
        try unit.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.compiler!)
        process.arguments = [
            "-std=c++17", "-fsyntax-only", "-Wall", "-Wno-unused-function", "-Werror", "-x", "c++", file.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.prefix(2000))")
        #expect(kernels.count > 900, "the catalog covers every operation, type and operand form")
        #expect(FusedKernelSamples.fused.count > 20, "and the fused kernels of real programs")
    }
}
