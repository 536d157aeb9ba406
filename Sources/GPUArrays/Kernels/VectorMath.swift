import CVectorMath

/// The host body's square roots, powers and transcendental functions: the same vector math library
/// (libmvec where available) and the same loops NDArrays uses, so that the simulated device computes
/// exactly what the CPU library computes, bit for bit.
enum VectorMath {
    /// Whether `op` is computed here.
    static func handles(_ op: UnaryOperation) -> Bool { op == .sqrt || code(op) != nil }

    static func apply(
        _ op: UnaryOperation, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        if let code = code(op) { nd_math_f64(code, x, y, n) } else { nd_sqrt_f64(x, y, n) }
    }

    static func apply(
        _ op: UnaryOperation, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        if let code = code(op) { nd_math_f32(code, x, y, n) } else { nd_sqrt_f32(x, y, n) }
    }

    static func power(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        nd_pow_f64(a, 1, b, 1, out, n)
    }

    static func power(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int
    ) {
        nd_pow_f32(a, 1, b, 1, out, n)
    }

    private static func code(_ op: UnaryOperation) -> nd_math_function? {
        switch op {
        case .exp: ND_MATH_EXP
        case .log: ND_MATH_LOG
        case .log2: ND_MATH_LOG2
        case .log10: ND_MATH_LOG10
        case .sin: ND_MATH_SIN
        case .cos: ND_MATH_COS
        case .tan: ND_MATH_TAN
        case .arcsin: ND_MATH_ASIN
        case .arccos: ND_MATH_ACOS
        case .arctan: ND_MATH_ATAN
        case .erf: ND_MATH_ERF
        default: nil
        }
    }
}
