import CVectorMath

// What differs between the element types; the kernels themselves are the protocol extensions in
// Elementwise/FloatingKernels.swift and Elementwise/IntegerKernels.swift.

extension Double: NDFloatingPoint {
    public static var dtype: DType { .float64 }
    public static var one: Double { 1 }

    public static func _math(
        _ f: UnaryOperation, _ a: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
        _ n: Int
    ) {
        if f == .sqrt { return nd_sqrt_f64(a, out, n) }
        guard let code = f.kernelCode else { return elementaryMath(f, a, out, n) }
        nd_math_f64(code, a, out, n)
    }

    public static func _floatBinary(
        _ op: BinaryOperation, _ a: Operand<Double>, _ b: Operand<Double>,
        _ out: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        guard op == .power else {
            if !BlockKernels.binary(op, a, b, out, n) { loopBinary(op, a, b, out, n) }
            return
        }
        nd_pow_f64(a.base, a.stride, b.base, b.stride, out, n)
    }
}

extension Float: NDFloatingPoint {
    public static var dtype: DType { .float32 }
    public static var one: Float { 1 }

    public static func _math(
        _ f: UnaryOperation, _ a: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        if f == .sqrt { return nd_sqrt_f32(a, out, n) }
        guard let code = f.kernelCode else { return elementaryMath(f, a, out, n) }
        nd_math_f32(code, a, out, n)
    }

    public static func _floatBinary(
        _ op: BinaryOperation, _ a: Operand<Float>, _ b: Operand<Float>,
        _ out: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        guard op == .power else {
            if !BlockKernels.binary(op, a, b, out, n) { loopBinary(op, a, b, out, n) }
            return
        }
        nd_pow_f32(a.base, a.stride, b.base, b.stride, out, n)
    }
}

extension Int64: NDNumeric {
    public static var dtype: DType { .int64 }
}

extension Int32: NDNumeric {
    public static var dtype: DType { .int32 }
}

extension Bool: NDScalar {
    public static var dtype: DType { .bool }
    public static var zero: Bool { false }

    public static func _select(
        _ cond: Operand<Bool>, _ a: Operand<Bool>, _ b: Operand<Bool>,
        _ out: UnsafeMutablePointer<Bool>, _ n: Int
    ) { select(cond, a, b, out, n) }
}

/// Logical operations, compiled for `Bool` only.
func logicalKernel(
    _ op: BinaryOperation, _ a: Operand<Bool>, _ b: Operand<Bool>, _ out: UnsafeMutablePointer<Bool>,
    _ n: Int
) {
    switch op {
    case .logicalAnd: map2(a, b, out, n) { $0 && $1 }
    case .logicalOr: map2(a, b, out, n) { $0 || $1 }
    case .logicalXor: map2(a, b, out, n, !=)
    default: preconditionFailure("\(op) is not a logical operation")
    }
}
