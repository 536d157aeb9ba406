import GPUArrays

/// Kernels over a series' present values, each one generated elementwise kernel: where the
/// missing values are (the validity mask, NaN, or nowhere) is known when the kernel is written.
enum Presence {
    /// The program inputs of `series` (values, then validity when it has one) and the program
    /// value that is true where a value is present (nil: every value is).
    static func inputs<S: GPUSeriesScalar>(_ series: GPUSeries<S>, into program: inout ElementwiseProgram)
        throws(GPUFrameError) -> ElementwiseProgram.Value?
    {
        if series.validity != nil { return .input(1) }
        guard S.nanIsMissing else { return nil }
        return try append(.binary(.equal, .input(0), .input(0)), to: &program)
    }

    /// The values where present, `fill` where missing.
    static func filled<S: GPUSeriesScalar>(_ series: GPUSeries<S>, with fill: S) throws(GPUFrameError)
        -> GPUArray<S>
    {
        var program = ElementwiseProgram(inputs: types(series), parameters: [S.gpuType])
        guard let present = try inputs(series, into: &program) else { return series.values }
        program.output(try append(.select(present, .input(0), .parameter(0)), to: &program))
        return try run(program, series, parameters: [fill.scalarValue])
    }

    /// `one` where a value is present, `zero` where it is missing.
    static func indicator<S: GPUSeriesScalar, T: GPUSeriesScalar>(_ series: GPUSeries<S>, one: T, zero: T)
        throws(GPUFrameError) -> GPUArray<T>
    {
        var program = ElementwiseProgram(inputs: types(series), parameters: [T.gpuType, T.gpuType])
        guard let present = try inputs(series, into: &program) else {
            return try onGPU { () throws(GPUArrayError) in
                try GPUArray<T>.full([series.count], one, in: GPUContext.current ?? series.context)
            }
        }
        program.output(try append(.select(present, .parameter(0), .parameter(1)), to: &program))
        return try run(program, series, parameters: [one.scalarValue, zero.scalarValue])
    }

    /// True where a value is present, or nil when every value is (without looking at them for
    /// integer types; floating point is compared with itself).
    static func flags<S: GPUSeriesScalar>(_ series: GPUSeries<S>) throws(GPUFrameError) -> GPUArray<Bool>? {
        if let validity = series.validity { return validity }
        guard S.nanIsMissing else { return nil }
        return try onGPU { () throws(GPUArrayError) in
            try GPUArrays.apply(.equal, series.values, series.values, as: Bool.self)
        }
    }

    private static func types<S: GPUSeriesScalar>(_ series: GPUSeries<S>) -> [DType] {
        [S.gpuType] + (series.validity == nil ? [] : [.bool])
    }

    private static func append(
        _ instruction: ElementwiseProgram.Instruction, to program: inout ElementwiseProgram
    ) throws(GPUFrameError) -> ElementwiseProgram.Value {
        do {
            return try program.append(instruction)
        } catch {
            throw .invalidArgument(operation: "kernel", expected: "a well-typed program", found: "\(error)")
        }
    }

    private static func run<S: GPUSeriesScalar, T: GPUScalar>(
        _ program: ElementwiseProgram, _ series: GPUSeries<S>, parameters: [ScalarValue]
    ) throws(GPUFrameError) -> GPUArray<T> {
        var inputs = [AnyGPUArray(series.values)]
        if let validity = series.validity { inputs.append(AnyGPUArray(validity)) }
        let outputs = try onGPU { () throws(GPUArrayError) in
            try GPUArrays.evaluate(program, inputs: inputs, parameters: parameters)
        }
        return outputs[0].typed(T.self)!
    }
}
