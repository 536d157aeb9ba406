import Devices
import Testing

@testable import GPUArrays

/// One fused kernel (`fuse`, `evaluate`) against the same computation one function per kernel:
/// equal bit for bit on the simulated device, in one launch.
struct FuseTests {
    let device = try! SimulatedDevice(memory: 64 << 20)

    func upload(_ values: [Double], shape: [Int]? = nil, in context: GPUContext) throws -> GPUArray<Double> {
        try values.withUnsafeBufferPointer {
            try GPUArray(copying: $0, shape: shape ?? [values.count], in: context)
        }
    }

    @Test func aFusedChainEqualsTheUnfusedOneInOneLaunch() throws {
        let context = try GPUContext(device: device)
        let n = 10_001
        let x = try upload((0..<n).map { Double($0) * 0.001 - 3 }, in: context)
        let y = try upload((0..<n).map { Double($0) * -0.002 + 7 }, in: context)
        let unfused = try erf(divide(sqrt(add(multiply(x, x), multiply(y, y))), 4.0))
        device.resetCounters()
        let fused = try fuse([x, y]) { v in [erf(sqrt(v[0] * v[0] + v[1] * v[1]) / 4.0)] }
        #expect(device.counters.kernelLaunches == 1)
        #expect(try fused[0].scalars() == unfused.scalars())
    }

    @Test func severalOutputsAndBroadcastOperands() throws {
        let context = try GPUContext(device: device)
        let matrix = try upload([1, 2, 3, 4, 5, 6], shape: [2, 3], in: context)
        let row = try upload([10, 20, 30], in: context)
        let column = try upload([-1, 1], shape: [2, 1], in: context)
        var program = ElementwiseProgram(inputs: [.float64, .float64, .float64], parameters: [.float64])
        let sum = try program.append(.binary(.add, .input(0), .input(1)))
        let scaled = try program.append(.binary(.multiply, sum, .input(2)))
        let big = try program.append(.binary(.greater, scaled, .parameter(0)))
        program.output(scaled)
        program.output(big)
        let outputs = try evaluate(
            program, inputs: [AnyGPUArray(matrix), AnyGPUArray(row), AnyGPUArray(column)],
            parameters: [.floating(0)])
        #expect(try outputs[0].typed(Double.self)!.scalars() == [-11, -22, -33, 14, 25, 36])
        #expect(try outputs[1].typed(Bool.self)!.scalars() == [false, false, false, true, true, true])
        #expect(outputs[1].shape == [2, 3])
    }

    @Test func badFusedProgramsAreErrors() throws {
        let context = try GPUContext(device: device)
        let x = try upload([1, 2], in: context)
        #expect(throws: GPUArrayError.self) { try fuse([x]) { v in [v[0].empty() + v[0]] } }
        #expect(throws: GPUArrayError.self) { try fuse([x]) { v in [v[0].empty()] } }
        var program = ElementwiseProgram(inputs: [.float32])
        program.output(try program.append(.unary(.exp, .input(0))))
        #expect(throws: GPUArrayError.self) {
            try evaluate(program, inputs: [AnyGPUArray(x)], parameters: [])
        }
    }
}
