import Testing

@testable import NDArrays

/// `evaluate` (a program fused into one pass) against the same program run ufunc by ufunc with
/// `apply`: equal bit for bit, for every element type, broadcast form and output arrangement.
struct FusedEvaluationTests {
    /// Runs `program` instruction by instruction with the ufuncs.
    static func stepByStep(
        _ program: ElementwiseProgram, _ inputs: [AnyNDArray], _ parameters: [ScalarValue]
    )
        throws -> [AnyNDArray]
    {
        var results: [AnyNDArray] = []
        func value(_ value: ElementwiseProgram.Value) -> AnyNDArray {
            switch value {
            case .input(let index): inputs[index]
            case .parameter(let index): scalar(parameters[index], program.parameters[index])
            case .result(let index): results[index]
            }
        }
        for instruction in program.instructions {
            switch instruction {
            case .unary(let op, let a): results.append(try apply(op, value(a)))
            case .binary(let op, let a, let b): results.append(try apply(op, value(a), value(b)))
            case .select(let c, let a, let b): results.append(try select(value(c), value(a), value(b)))
            }
        }
        return try program.outputs.map { output in
            let shape = try broadcastShapes(inputs.map(\.shape))
            let result = value(output)
            return result.shape == shape ? result : try broadcast(result, to: shape)
        }
    }

    /// A rank-0 array holding `value` as `type`.
    static func scalar(_ value: ScalarValue, _ type: DType) -> AnyNDArray {
        switch type {
        case .float64: AnyNDArray(NDArray<Double>(scalar: Double(value)))
        case .float32: AnyNDArray(NDArray<Float>(scalar: Float(value)))
        case .int64: AnyNDArray(NDArray<Int64>(scalar: Int64(value)))
        case .int32: AnyNDArray(NDArray<Int32>(scalar: Int32(value)))
        case .bool: AnyNDArray(NDArray<Bool>(scalar: Bool(value)))
        }
    }

    /// `array` broadcast to `shape` (by selecting it against an all-true condition).
    static func broadcast(_ array: AnyNDArray, to shape: [Int]) throws -> AnyNDArray {
        try select(AnyNDArray(NDArray<Bool>.full(shape, true)), array, array)
    }

    /// Whether two arrays hold the same bits (NaNs of any payload are equal).
    static func identical(_ a: AnyNDArray, _ b: AnyNDArray) -> Bool {
        guard a.dtype == b.dtype, a.shape == b.shape else { return false }
        switch (a, b) {
        case (.float64(let x), .float64(let y)):
            return zip(x.scalars, y.scalars).allSatisfy {
                $0.bitPattern == $1.bitPattern || $0.isNaN && $1.isNaN
            }
        case (.float32(let x), .float32(let y)):
            return zip(x.scalars, y.scalars).allSatisfy {
                $0.bitPattern == $1.bitPattern || $0.isNaN && $1.isNaN
            }
        case (.int64(let x), .int64(let y)): return x.scalars == y.scalars
        case (.int32(let x), .int32(let y)): return x.scalars == y.scalars
        case (.bool(let x), .bool(let y)): return x.scalars == y.scalars
        default: return false
        }
    }

    /// A random program over inputs of `type` shaped like a matrix, a row, a column and a scalar,
    /// with comparisons, selections and several outputs.
    static func randomProgram(_ type: DType, seed: UInt64, rows: Int, columns: Int) throws -> (
        ElementwiseProgram, [AnyNDArray], [ScalarValue]
    ) {
        var random = SplitMix64(seed: seed)
        let shapes = [[rows, columns], [columns], [rows, 1], []]
        let inputs = shapes.enumerated().map { index, shape in
            let values = NDArray<Double>.uniform(shape, low: -4, high: 4, seed: seed &+ UInt64(index))
            return AnyNDArray.converting(values, to: type)
        }
        let parameters: [ScalarValue] = [.floating(1.5), .floating(-0.25)]
        var program = ElementwiseProgram(inputs: inputs.map(\.dtype), parameters: [type, type])
        var typed: [ElementwiseProgram.Value] = (0..<4).map { .input($0) } + [.parameter(0), .parameter(1)]
        var flags: [ElementwiseProgram.Value] = []
        for _ in 0..<12 {
            let a = typed[Int(random.next() % UInt64(typed.count))]
            let b = typed[Int(random.next() % UInt64(typed.count))]
            switch random.next() % 4 {
            case 0:
                let ops = UnaryOperation.allCases.filter { $0.domain.contains(type) }
                typed.append(try program.append(.unary(ops[Int(random.next() % UInt64(ops.count))], a)))
            case 1:
                let ops = BinaryOperation.allCases.filter { $0.isArithmetic && $0.domain.contains(type) }
                typed.append(try program.append(.binary(ops[Int(random.next() % UInt64(ops.count))], a, b)))
            case 2:
                let ops = BinaryOperation.allCases.filter(\.isComparison)
                flags.append(try program.append(.binary(ops[Int(random.next() % UInt64(ops.count))], a, b)))
            default:
                if let flag = flags.last { typed.append(try program.append(.select(flag, a, b))) }
            }
        }
        program.output(typed.last!)
        if let flag = flags.first { program.output(flag) }
        program.output(typed[typed.count / 2])
        return (program, inputs, parameters)
    }

    @Test(arguments: [DType.float64, .float32, .int64, .int32])
    func randomProgramsEqualTheUfuncsBitForBit(_ type: DType) throws {
        for seed in UInt64(1)...40 {
            let (program, inputs, parameters) = try Self.randomProgram(
                type, seed: seed, rows: 37, columns: 29)
            let fused = try evaluate(program, inputs: inputs, parameters: parameters)
            let expected = try Self.stepByStep(program, inputs, parameters)
            for (got, want) in zip(fused, expected) {
                #expect(Self.identical(got, want), "seed \(seed): \(program)")
            }
        }
    }

    @Test func largeInputsSplitOverThreadsGiveTheSameBits() throws {
        let (program, _, parameters) = try Self.randomProgram(.float64, seed: 7, rows: 1, columns: 1)
        let n = 300_007
        let inputs = (0..<4).map { index in
            AnyNDArray(
                NDArray<Double>.uniform(index == 0 ? [n] : index == 1 ? [n] : [], low: -3, high: 3, seed: 9))
        }
        let fused = try evaluate(program, inputs: inputs, parameters: parameters)
        let expected = try Self.stepByStep(program, inputs, parameters)
        #expect(zip(fused, expected).allSatisfy { Self.identical($0, $1) })
    }

    @Test func squaringAValueFreesItsScratchOnce() throws {
        // x² read twice by one instruction must not hand its scratch to two later values.
        var program = ElementwiseProgram(inputs: [.float64], parameters: [.float64])
        let half = try program.append(.binary(.divide, .input(0), .parameter(0)))
        let sine = try program.append(.unary(.sin, half))
        let square = try program.append(.binary(.multiply, sine, sine))
        let cosine = try program.append(.unary(.cos, .input(0)))
        let scaled = try program.append(.binary(.multiply, cosine, .parameter(0)))
        let sum = try program.append(.binary(.add, square, scaled))
        program.output(try program.append(.binary(.multiply, sum, cosine)))
        let x = AnyNDArray(NDArray<Double>.uniform([5000], low: -1, high: 1, seed: 5))
        let fused = try evaluate(program, inputs: [x], parameters: [.floating(2)])
        #expect(Self.identical(fused[0], try Self.stepByStep(program, [x], [.floating(2)])[0]))
    }

    @Test func logicalProgramsAndEmptyArrays() throws {
        var program = ElementwiseProgram(inputs: [.bool, .bool], parameters: [.bool])
        let both = try program.append(.binary(.logicalAnd, .input(0), .input(1)))
        let either = try program.append(.binary(.logicalXor, both, .parameter(0)))
        program.output(try program.append(.unary(.logicalNot, either)))
        for n in [0, 1, 1000] {
            let a = AnyNDArray(greater(NDArray<Double>.uniform([n], seed: 3), 0.0))
            let b = AnyNDArray(greater(NDArray<Double>.uniform([n], seed: 4), 0.0))
            let fused = try evaluate(program, inputs: [a, b], parameters: [.boolean(true)])
            #expect(Self.identical(fused[0], try Self.stepByStep(program, [a, b], [.boolean(true)])[0]))
        }
    }

    @Test func badInputsAreTypedErrors() throws {
        var program = ElementwiseProgram(inputs: [.float64, .float64])
        program.output(try program.append(.binary(.add, .input(0), .input(1))))
        let x = AnyNDArray(NDArray<Double>.zeros([3]))
        #expect(throws: NDArrayError.self) { try evaluate(program, inputs: [x], parameters: []) }
        #expect(throws: NDArrayError.self) {
            try evaluate(program, inputs: [x, AnyNDArray(NDArray<Double>.zeros([4]))], parameters: [])
        }
        #expect(throws: NDArrayError.self) {
            try evaluate(program, inputs: [x, AnyNDArray(NDArray<Int64>.zeros([3]))], parameters: [])
        }
        #expect(throws: NDArrayError.self) { try apply(.exp, AnyNDArray(NDArray<Int64>.zeros([3]))) }
        #expect(throws: NDArrayError.self) { try apply(.add, x, AnyNDArray(NDArray<Float>.zeros([3]))) }
    }
}

extension AnyNDArray {
    /// `values` converted to `type`.
    static func converting(_ values: NDArray<Double>, to type: DType) -> AnyNDArray {
        switch type {
        case .float64: AnyNDArray(values)
        case .float32: AnyNDArray(values.astype(Float.self))
        case .int64: AnyNDArray(values.astype(Int64.self))
        case .int32: AnyNDArray(values.astype(Int32.self))
        case .bool: AnyNDArray(values.astype(Bool.self))
        }
    }
}
