import Devices

/// Writes one fused kernel from ordinary-looking code: the role of `cupy.fuse`. `body` receives
/// the inputs as `FusedValue`s; arithmetic and functions on them record instructions instead of
/// computing, and the values it returns become the outputs of one kernel launched over every
/// element. Intermediate values never touch device memory.
///
/// ```swift
/// let [distance] = try fuse([x, y]) { v in
///     [sqrt(v[0] * v[0] + v[1] * v[1])]
/// }
/// ```
/// Constants become kernel parameters, so the same code with other constants reuses the compiled
/// kernel.
public func fuse<S: GPUScalar>(
    _ inputs: [GPUArray<S>], _ body: ([FusedValue<S>]) throws -> [FusedValue<S>]
) throws -> [GPUArray<S>] {
    let builder = FusionBuilder(inputs: Array(repeating: S.gpuType, count: inputs.count))
    let values = inputs.indices.map { FusedValue<S>(builder, .input($0)) }
    let results = try body(values)
    if let failure = builder.failure {
        throw GPUArrayError.invalidArgument(
            operation: "fuse", expected: "a well-formed kernel", found: "\(failure)")
    }
    for result in results {
        guard let value = result.value else {
            throw GPUArrayError.invalidArgument(
                operation: "fuse", expected: "outputs computed from the inputs", found: "an empty value")
        }
        builder.program.output(value)
    }
    let outputs = try evaluate(
        builder.program, inputs: inputs.map { AnyGPUArray($0) }, parameters: builder.constants)
    return outputs.map { $0.typed(S.self)! }
}

/// A value in a kernel being written with `fuse`.
public struct FusedValue<Scalar: GPUScalar>: @unchecked Sendable {
    let builder: FusionBuilder
    /// The program value, or nil for a value not written yet (`empty`).
    let value: ElementwiseProgram.Value?

    init(_ builder: FusionBuilder, _ value: ElementwiseProgram.Value?) {
        self.builder = builder
        self.value = value
    }

    /// A value of this kernel with no contents yet, to be written by an `out:` operation.
    public func empty() -> FusedValue { FusedValue(builder, nil) }

    /// `value` as a constant of the kernel (a parameter).
    public func constant(_ value: Scalar) -> FusedValue {
        FusedValue(builder, builder.constant(value.scalarValue, Scalar.gpuType))
    }

    /// The result of `instruction` over these values.
    func record<R: GPUScalar>(
        _ make: ([ElementwiseProgram.Value]) -> ElementwiseProgram.Instruction, _ operands: [FusedValue]
    )
        -> FusedValue<R>
    {
        let values = operands.compactMap(\.value)
        guard values.count == operands.count else {
            builder.fail(.unknownValue("a value read before it was written"))
            return FusedValue<R>(builder, nil)
        }
        return FusedValue<R>(builder, builder.append(make(values)))
    }
}

/// The program a `fuse` body is writing, its constants, and the first error.
final class FusionBuilder: @unchecked Sendable {
    var program: ElementwiseProgram
    var constants: [ScalarValue] = []
    private(set) var failure: ElementwiseProgramError?

    init(inputs: [DType]) {
        program = ElementwiseProgram(inputs: inputs)
    }

    func constant(_ value: ScalarValue, _ type: DType) -> ElementwiseProgram.Value {
        constants.append(value)
        return program.addParameter(type)
    }

    func append(_ instruction: ElementwiseProgram.Instruction) -> ElementwiseProgram.Value? {
        do {
            return try program.append(instruction)
        } catch {
            fail(error)
            return nil
        }
    }

    func fail(_ error: ElementwiseProgramError) {
        if failure == nil { failure = error }
    }
}

extension GPUScalar {
    /// The value as a scalar of any element type (an elementwise program's parameter).
    public var scalarValue: ScalarValue {
        switch self {
        case let x as Double: .floating(x)
        case let x as Float: .floating(Double(x))
        case let x as Int64: .integer(x)
        case let x as Int32: .integer(Int64(x))
        case let x as Bool: .boolean(x)
        default: preconditionFailure("\(Self.self) is not a GPU scalar type")
        }
    }
}
