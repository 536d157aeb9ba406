import Devices
import Foundation
import Testing

@testable import GPUArrays

/// Every kernel shape the GPU library generates, compiled as C++ by the toolchain's clang with the
/// CUDA built-ins stubbed: no GPU runs here, but syntax and type errors in the generated CUDA C
/// are caught before a GPU machine sees them. (NVRTC on the GPU machine remains the real check.)
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

    /// One kernel of every operation, element type, operand indexing and reduction mode.
    static var kernels: [any Kernel] {
        var kernels: [any Kernel] = []
        for type in [GPUDType.float64, .float32, .int64, .int32] {
            let unary =
                type.isFloatingPoint
                ? UnaryOperation.allCases.filter { $0 != .logicalNot } : [.negative, .abs]
            for op in unary {
                kernels.append(
                    ElementwiseKernel(
                        expression: .unary(op, .input(0)),
                        inputs: [Operand(type: type, indexing: .elementwise)],
                        parameters: []))
            }
            let binary: [BinaryOperation] =
                type.isFloatingPoint
                ? [.add, .subtract, .multiply, .divide, .power, .minimum, .maximum]
                : [.add, .subtract, .multiply, .minimum, .maximum]
            for op in binary {
                kernels.append(
                    ElementwiseKernel(
                        expression: .binary(op, .input(0), .parameter(0)),
                        inputs: [Operand(type: type, indexing: .row)],
                        parameters: [type]))
            }
            kernels.append(
                ElementwiseKernel(
                    expression: .select(.binary(.lessEqual, .input(0), .input(1)), .input(2), .parameter(0)),
                    inputs: [
                        Operand(type: type, indexing: .elementwise), Operand(type: type, indexing: .column),
                        Operand(type: type, indexing: .scalar),
                    ], parameters: [type]))
            for op in [ReductionKernel.Operation.sum, .min, .max] {
                for mode in [ReductionKernel.Mode.partials, .final, .rows, .columns] {
                    kernels.append(ReductionKernel(operation: op, mode: mode, type: type))
                }
            }
        }
        kernels.append(
            ElementwiseKernel(
                expression: .binary(.logicalXor, .unary(.logicalNot, .input(0)), .parameter(0)),
                inputs: [Operand(type: .bool, indexing: .elementwise)], parameters: [.bool]))
        return kernels
    }

    @Test(.enabled(if: compiler != nil))
    func generatedSourcesCompile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bach-kernels-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stub = directory.appendingPathComponent("cuda_stub.h")
        try Self.stub.write(to: stub, atomically: true, encoding: .utf8)
        var files: [String] = []
        for kernel in Self.kernels {
            let file = directory.appendingPathComponent("\(kernel.name).cu")
            try kernel.cudaSource.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.compiler!)
        process.arguments =
            [
                "-std=c++17", "-fsyntax-only", "-Wall", "-Wno-unused-function", "-Werror", "-include",
                stub.path, "-x", "c++",
            ] + files
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.prefix(2000))")
        #expect(files.count > 100)
    }
}
