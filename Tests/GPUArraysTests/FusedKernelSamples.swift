import BachRuntime
import Devices
import NDArrays

@testable import Fuzzing
@testable import GPUArrays
@testable import Workloads

/// Fused kernels as the runtime generates them: those of the paper's elementwise benchmarks and of
/// random fuzzer programs (chains of every operation, with broadcast rows, constants and scalars),
/// collected from the simulated device's record of what each stage compiled. Every compiler the
/// project meets must accept them, as it must the single-operation catalog.
enum FusedKernelSamples {
    static let all: [any Kernel] = {
        var kernels: [String: any Kernel] = [:]
        for benchmark in [Benchmark.blackscholesTorch, .haversineTorch] {
            let device = try! SimulatedDevice()
            var configuration = BenchmarkConfiguration(
                benchmark: benchmark, mode: .bach, size: 1 << 12, device: .simulated, randomData: true)
            configuration.gpuMemory = 1 << 20
            let bach = Bach(device: device)
            let inputs = benchmark.workload!.inputs(size: 1 << 12, random: true)
            _ = try? benchmark.workload!.run(inputs.map { bach.lazy($0) }).map { try $0.value() }
            for kernel in device.preparedKernels { kernels[kernel.name] = kernel }
        }
        for index in 0..<60 {
            let program = Program.generate(seed: Fuzzer.programSeed(11, index), maximumSize: 1 << 10)
            let device = try! SimulatedDevice()
            _ = LazyInterpreter.run(program, runtime: Bach(device: device))
            for kernel in device.preparedKernels { kernels[kernel.name] = kernel }
        }
        return kernels.keys.sorted().map { kernels[$0]! }
    }()

    /// These and the single-operation catalog, without duplicates.
    static var withCatalog: [any Kernel] {
        var seen = Set<String>()
        return (KernelCatalog.all + all).filter { seen.insert($0.name).inserted }
    }

    /// The fused kernels among them (more than one instruction).
    static var fused: [any Kernel] {
        all.filter { ($0 as? ElementwiseKernel).map { $0.program.instructions.count > 1 } ?? false }
    }
}
