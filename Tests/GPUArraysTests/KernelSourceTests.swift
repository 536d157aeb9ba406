import Testing

@testable import GPUArrays

/// The CUDA C generated from the IR: what cannot be compiled here is at least checked for shape,
/// names and the semantics that must match the CPU library.
struct KernelSourceTests {
    @Test func elementwiseSourceReadsEachOperandAsBroadcastSays() {
        let kernel = ElementwiseKernel(
            expression: .binary(.add, .binary(.multiply, .input(0), .parameter(0)), .input(1)),
            inputs: [
                Operand(type: .float64, indexing: .elementwise), Operand(type: .float64, indexing: .row),
            ],
            parameters: [.float64])
        let source = kernel.cudaSource
        #expect(source.contains("extern \"C\" __global__ void \(kernel.name)("))
        #expect(source.contains("out[i] = nd_add(nd_multiply(in0[i], p0), in1[column]);"))
        #expect(
            source.contains("const double* in0") && source.contains("double p0")
                && source.contains("long long n"))
        #expect(kernel.output == .float64)
    }

    @Test func namesDependOnTheWholeDescription() {
        let a = ElementwiseKernel(
            expression: .unary(.exp, .input(0)), inputs: [Operand(type: .float64, indexing: .elementwise)],
            parameters: [])
        let b = ElementwiseKernel(
            expression: .unary(.exp, .input(0)), inputs: [Operand(type: .float32, indexing: .elementwise)],
            parameters: [])
        let c = ElementwiseKernel(
            expression: .unary(.exp, .input(0)), inputs: [Operand(type: .float64, indexing: .elementwise)],
            parameters: [])
        #expect(a.name != b.name && a.name == c.name)
        #expect(b.cudaSource.contains("float* out"))
    }

    @Test func integerArithmeticWrapsAndMinimumPropagatesNaN() {
        let source = CUDASource.prelude
        #expect(source.contains("ND_INT_OPS(long long, unsigned long long)"))
        #expect(source.contains("return (T)((U)a + (U)b);"))
        #expect(source.contains("(a < b || a != a) ? a : b"))
    }

    @Test func reductionSourcesCoverEveryMode() {
        for mode in [ReductionKernel.Mode.partials, .final, .rows, .columns] {
            let kernel = ReductionKernel(operation: .min, mode: mode, type: .float32)
            #expect(kernel.cudaSource.contains("extern \"C\" __global__ void \(kernel.name)("))
            #expect(kernel.cudaSource.contains("__int_as_float(0x7f800000)"))
        }
        #expect(ReductionKernel(operation: .sum, mode: .final, type: .int64).grid(for: 500) == (1, 256))
    }
}
