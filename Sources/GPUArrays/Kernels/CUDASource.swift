/// CUDA C for elementwise kernels generated from the expression IR.
enum CUDASource {
    /// Device helpers every generated kernel includes: overloads so that one spelling serves every
    /// element type, integer arithmetic that wraps (as the CPU library's does) instead of being
    /// undefined, and NaN-propagating minimum and maximum.
    static let prelude = """
        #define ND_FLOAT_OPS(T, SUFFIX) \\
          __device__ __forceinline__ T nd_add(T a, T b) { return a + b; } \\
          __device__ __forceinline__ T nd_subtract(T a, T b) { return a - b; } \\
          __device__ __forceinline__ T nd_multiply(T a, T b) { return a * b; } \\
          __device__ __forceinline__ T nd_divide(T a, T b) { return a / b; } \\
          __device__ __forceinline__ T nd_power(T a, T b) { return pow##SUFFIX(a, b); } \\
          __device__ __forceinline__ T nd_negative(T a) { return -a; } \\
          __device__ __forceinline__ T nd_abs(T a) { return fabs##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_minimum(T a, T b) { return (a < b || a != a) ? a : b; } \\
          __device__ __forceinline__ T nd_maximum(T a, T b) { return (a > b || a != a) ? a : b; } \\
          __device__ __forceinline__ T nd_sqrt(T a) { return sqrt##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_floor(T a) { return floor##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_ceil(T a) { return ceil##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_exp(T a) { return exp##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_log(T a) { return log##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_log2(T a) { return log2##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_log10(T a) { return log10##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_sin(T a) { return sin##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_cos(T a) { return cos##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_tan(T a) { return tan##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_arcsin(T a) { return asin##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_arccos(T a) { return acos##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_arctan(T a) { return atan##SUFFIX(a); } \\
          __device__ __forceinline__ T nd_erf(T a) { return erf##SUFFIX(a); }
        #define ND_INT_OPS(T, U) \\
          __device__ __forceinline__ T nd_add(T a, T b) { return (T)((U)a + (U)b); } \\
          __device__ __forceinline__ T nd_subtract(T a, T b) { return (T)((U)a - (U)b); } \\
          __device__ __forceinline__ T nd_multiply(T a, T b) { return (T)((U)a * (U)b); } \\
          __device__ __forceinline__ T nd_negative(T a) { return (T)((U)0 - (U)a); } \\
          __device__ __forceinline__ T nd_abs(T a) { return a < 0 ? (T)((U)0 - (U)a) : a; } \\
          __device__ __forceinline__ T nd_minimum(T a, T b) { return a < b ? a : b; } \\
          __device__ __forceinline__ T nd_maximum(T a, T b) { return a > b ? a : b; }
        ND_FLOAT_OPS(double, )
        ND_FLOAT_OPS(float, f)
        ND_INT_OPS(long long, unsigned long long)
        ND_INT_OPS(int, unsigned int)

        """

    /// The translation unit of an elementwise kernel evaluating `program` for every element, each
    /// input read once, each instruction a local value, each output stored once.
    static func elementwise(name: String, program: ElementwiseProgram, inputs: [Operand]) -> String {
        var signature: [String] = []
        for (index, operand) in inputs.enumerated() {
            signature.append("const \(operand.type.cudaType)* in\(index)")
        }
        for (index, type) in program.parameters.enumerated() {
            signature.append("\(parameterType(type)) p\(index)")
        }
        for (index, type) in program.outputTypes.enumerated() {
            signature.append("\(type.cudaType)* out\(index)")
        }
        signature.append("long long columns")
        signature.append("long long n")
        let body = statements(program, inputs: inputs)
        let broadcasts = inputs.contains { $0.indexing == .row || $0.indexing == .column }
        // Rows and columns of broadcast operands advance with the grid stride: one division per
        // thread instead of a 64-bit division and remainder per element.
        let position =
            broadcasts
            ? """
              long long row = i / columns, column = i - row * columns;
              const long long stride_rows = stride / columns, stride_columns = stride - stride_rows * columns;

            """ : ""
        let advance =
            broadcasts
            ? """

                column += stride_columns;
                row += stride_rows;
                if (column >= columns) { column -= columns; row += 1; }
            """ : ""
        return prelude + """
            extern "C" __global__ void \(name)(\(signature.joined(separator: ", "))) {
              long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
              const long long stride = (long long)blockDim.x * gridDim.x;
              if (i >= n) return;
            \(position)  for (; i < n; i += stride) {
            \(body)\(advance)
              }
            }

            """
    }

    /// How a parameter of `type` is declared (Bool travels as an int).
    static func parameterType(_ type: DType) -> String {
        type == .bool ? "int" : type.cudaType
    }

    /// The loop body: loads of the inputs used, one local per instruction, the stores.
    static func statements(_ program: ElementwiseProgram, inputs: [Operand]) -> String {
        var lines: [String] = []
        var used = Set<Int>()
        for instruction in program.instructions {
            for case .input(let index) in instruction.operands { used.insert(index) }
        }
        for case .input(let index) in program.outputs { used.insert(index) }
        for index in used.sorted() {
            let element =
                switch inputs[index].indexing {
                case .elementwise: "i"
                case .scalar: "0"
                case .row: "column"
                case .column: "row"
                }
            lines.append("const \(inputs[index].type.cudaType) a\(index) = in\(index)[\(element)];")
        }
        func value(_ value: ElementwiseProgram.Value) -> String {
            switch value {
            case .input(let index): "a\(index)"
            case .parameter(let index): program.parameters[index] == .bool ? "(p\(index) != 0)" : "p\(index)"
            case .result(let index): "t\(index)"
            }
        }
        for (index, instruction) in program.instructions.enumerated() {
            let type = program.resultTypes[index].cudaType
            lines.append("const \(type) t\(index) = \(code(instruction, value));")
        }
        for (index, output) in program.outputs.enumerated() {
            lines.append("out\(index)[i] = \(value(output));")
        }
        return lines.map { "    " + $0 }.joined(separator: "\n")
    }

    /// The C expression of one instruction.
    static func code(
        _ instruction: ElementwiseProgram.Instruction, _ value: (ElementwiseProgram.Value) -> String
    ) -> String {
        switch instruction {
        case .unary(.logicalNot, let a): "(!\(value(a)))"
        case .unary(let op, let a): "nd_\(op.rawValue)(\(value(a)))"
        case .binary(let op, let a, let b):
            switch op {
            case .less: "(\(value(a)) < \(value(b)))"
            case .lessEqual: "(\(value(a)) <= \(value(b)))"
            case .greater: "(\(value(a)) > \(value(b)))"
            case .greaterEqual: "(\(value(a)) >= \(value(b)))"
            case .equal: "(\(value(a)) == \(value(b)))"
            case .notEqual: "(\(value(a)) != \(value(b)))"
            case .logicalAnd: "(\(value(a)) && \(value(b)))"
            case .logicalOr: "(\(value(a)) || \(value(b)))"
            case .logicalXor: "(\(value(a)) != \(value(b)))"
            default: "nd_\(op.rawValue)(\(value(a)), \(value(b)))"
            }
        case .select(let c, let a, let b): "(\(value(c)) ? \(value(a)) : \(value(b)))"
        }
    }
}
