import Devices
import GPUArrays
import NDArrays

/// Runs programs with GPUArrays alone, one kernel per call over whole arrays: the reference for a
/// device whose math differs from the CPU library's by a few ulp (CUDA). Against it, Bach on that
/// device must agree bit for bit, fused or not, paged or not (sums within the reduction bounds);
/// against NDArrays it could not, since a few ulp grow without bound through ill-conditioned chains
/// (the tangent of a huge power).
enum DeviceInterpreter {
    /// The outcome of `program` on `device`, with the tolerances of summing reductions taken from
    /// `host` (the reference run of NDArrays, which knows the data).
    static func run(_ program: Program, on device: any Device, host: Outcome) -> Outcome {
        do {
            let context = try GPUContext(device: device)
            var outcome = try run(program, context)
            for index in outcome.scalars.indices where index < host.scalars.count {
                outcome.scalars[index].tolerance = host.scalars[index].tolerance
            }
            try context.releaseMemory()
            return outcome
        } catch {
            return Outcome(error: "\(error)")
        }
    }

    private static func run(_ program: Program, _ context: GPUContext) throws -> Outcome {
        let (inputs, rows) = program.inputArrays()
        func upload(_ array: NDArray<Double>) throws -> GPUArray<Double> {
            try array.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: array.shape, in: context) }
        }
        var variables = try inputs.map(upload)
        let deviceRows = try rows.map(upload)
        var scalars: [Outcome.Scalar] = []
        func value(_ operand: Program.Operand) -> any GPUOperand<Double> {
            switch operand {
            case .variable(let index): variables[index]
            case .row(let index): deviceRows[index]
            case .constant(let value): value
            case .scalar(let index): scalars[index].value
            }
        }
        func condition(_ condition: Program.Condition) throws -> GPUArray<Bool> {
            func compare(_ op: BinaryOperation, _ a: Program.Operand, _ b: Program.Operand) throws
                -> GPUArray<Bool>
            {
                try GPUArrays.apply(op, value(a), value(b))
            }
            var result = try compare(condition.comparison, condition.a, condition.b)
            if let (logical, second, c, d) = condition.combined {
                result = try GPUArrays.apply(logical, result, try compare(second, c, d))
            }
            return condition.negated ? try GPUArrays.apply(.logicalNot, result) : result
        }
        for step in program.steps {
            switch step {
            case .unary(let op, let a):
                variables.append(try GPUArrays.apply(op, variables[a]))
            case .unaryInPlace(let op, let a):
                try GPUArrays.apply(op, variables[a], out: &variables[a])
            case .binary(let op, let a, let b):
                variables.append(try GPUArrays.apply(op, value(a), value(b)))
            case .binaryOut(let op, let a, let b, let target):
                try GPUArrays.apply(op, value(a), value(b), out: &variables[target])
            case .select(let test, let x, let y):
                variables.append(try GPUArrays.where(condition(test), value(x), value(y)))
            case .reduce(let op, let a):
                scalars.append(Outcome.Scalar(name: op.rawValue, value: try reduce(op, variables[a])))
            }
        }
        let arrays = try variables.map { array in
            var host = NDArray<Double>.empty(array.shape)
            try host.withUnsafeMutableBufferPointer { try array.copy(to: $0) }
            return host
        }
        return Outcome(arrays: arrays, scalars: scalars)
    }

    private static func reduce(_ op: Program.Reduction, _ a: GPUArray<Double>) throws -> Double {
        switch op {
        case .sum: try GPUArrays.sum(a).item()
        case .mean: try GPUArrays.mean(a).item()
        case .variance: try GPUArrays.variance(a).item()
        case .std: try GPUArrays.std(a).item()
        case .min: try GPUArrays.min(a).item()
        case .max: try GPUArrays.max(a).item()
        case .argmin: Double(try GPUArrays.argmin(a).item())
        case .argmax: Double(try GPUArrays.argmax(a).item())
        }
    }
}
