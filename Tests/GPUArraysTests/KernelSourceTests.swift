import Testing

@testable import GPUArrays

/// The CUDA C generated from the IR: what cannot be compiled here is at least checked for shape,
/// names and the semantics that must match the CPU library.
struct KernelSourceTests {
    @Test func elementwiseSourceReadsEachOperandAsBroadcastSays() throws {
        var program = ElementwiseProgram(inputs: [.float64, .float64], parameters: [.float64])
        let product = try program.append(.binary(.multiply, .input(0), .parameter(0)))
        program.output(try program.append(.binary(.add, product, .input(1))))
        let kernel = ElementwiseKernel(program: program, indexing: [.elementwise, .row])
        let source = kernel.cudaSource
        #expect(source.contains("extern \"C\" __global__ void \(kernel.name)("))
        #expect(
            source.contains("const double a0 = in0[i];") && source.contains("const double a1 = in1[column];"))
        #expect(source.contains("const double t0 = nd_multiply(a0, p0);"))
        #expect(source.contains("const double t1 = nd_add(t0, a1);") && source.contains("out0[i] = t1;"))
        #expect(
            source.contains("const double* in0") && source.contains("double p0")
                && source.contains("double* out0")
                && source.contains("long long n"))
        #expect(program.outputTypes == [.float64])
    }

    @Test func severalOutputsAreEachWrittenOnce() throws {
        var program = ElementwiseProgram(inputs: [.float32])
        let e = try program.append(.unary(.exp, .input(0)))
        let positive = try program.append(.binary(.greater, e, .input(0)))
        program.output(e)
        program.output(positive)
        let source = ElementwiseKernel(program: program, indexing: [.elementwise]).cudaSource
        #expect(source.contains("float* out0, bool* out1"))
        #expect(source.contains("out0[i] = t0;") && source.contains("out1[i] = t1;"))
        #expect(!source.contains("row"), "no broadcast bookkeeping without broadcast operands")
    }

    @Test func instructionsNoOutputNeedsAreLeftOut() throws {
        var program = ElementwiseProgram(inputs: [.float64])
        _ = try program.append(.unary(.sin, .input(0)))
        let kept = try program.append(.unary(.exp, .input(0)))
        program.output(try program.append(.binary(.add, kept, kept)))
        let kernel = ElementwiseKernel(program: program, indexing: [.elementwise])
        #expect(kernel.program.instructions.count == 2 && !kernel.cudaSource.contains("nd_sin(a0)"))
        #expect(kernel.cudaSource.contains("const double t1 = nd_add(t0, t0);"))
    }

    @Test func namesDependOnTheWholeDescription() throws {
        func exp(_ type: DType) throws -> ElementwiseKernel {
            var program = ElementwiseProgram(inputs: [type])
            program.output(try program.append(.unary(.exp, .input(0))))
            return ElementwiseKernel(program: program, indexing: [.elementwise])
        }
        let (a, b, c) = (try exp(.float64), try exp(.float32), try exp(.float64))
        #expect(a.name != b.name && a.name == c.name)
        #expect(b.cudaSource.contains("float* out0"))
    }

    @Test func programsRejectOperandsOfTheWrongType() {
        var program = ElementwiseProgram(inputs: [.int64, .float64])
        #expect(throws: ElementwiseProgramError.self) { try program.append(.unary(.exp, .input(0))) }
        #expect(throws: ElementwiseProgramError.self) {
            try program.append(.binary(.add, .input(0), .input(1)))
        }
        #expect(throws: ElementwiseProgramError.self) { try program.append(.unary(.sqrt, .result(3))) }
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
