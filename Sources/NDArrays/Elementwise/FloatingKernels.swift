import CVectorMath

/// The kernels of `Double` and `Float`: written once, compiled for each type by the witness that
/// uses them.
extension NDFloatingPoint where Self: SIMDScalar {
    public static func _select(
        _ cond: Operand<Bool>, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { if !BlockKernels.select(cond, a, b, out, n) { select(cond, a, b, out, n) } }

    public static func _binary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { if !BlockKernels.binary(op, a, b, out, n) { loopBinary(op, a, b, out, n) } }

    /// The Swift loops of `_binary` and `_floatBinary`'s division: what runs where no block kernel
    /// does, and the reference the block kernels are tested against.
    @inline(__always)
    static func loopBinary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) {
        switch op {
        case .add: map2(a, b, out, n, +)
        case .subtract: map2(a, b, out, n, -)
        case .multiply: map2(a, b, out, n, *)
        case .divide: map2(a, b, out, n, /)
        case .minimum: map2(a, b, out, n) { x, y in x < y || x.isNaN ? x : y }
        case .maximum: map2(a, b, out, n) { x, y in x > y || x.isNaN ? x : y }
        default: preconditionFailure("\(op) is not an arithmetic operation of floating-point types")
        }
    }

    public static func _unary(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { if !BlockKernels.sign(op, a, out, n) { loopUnary(op, a, out, n) } }

    /// The Swift loops of `_unary`, as `loopBinary` is of `_binary`.
    @inline(__always)
    static func loopUnary(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) {
        switch op {
        case .negative: map1(a, out, n, -)
        case .abs: map1(a, out, n) { $0.magnitude }
        default: preconditionFailure("\(op) is not an operation of every numeric type")
        }
    }

    /// The functions that need no library: floor and ceil.
    @inline(__always)
    static func elementaryMath(
        _ f: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) {
        switch f {
        case .floor: map1(a, out, n) { $0.rounded(.down) }
        case .ceil: map1(a, out, n) { $0.rounded(.up) }
        default: preconditionFailure("\(f) is computed by CVectorMath")
        }
    }

    public static func _compare(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Bool>, _ n: Int
    ) { if !BlockKernels.compare(op, a, b, out, n) { loopCompare(op, a, b, out, n) } }

    public static func _sum(_ p: UnsafePointer<Self>, _ n: Int) -> Self {
        pairwiseSum(p, n, zero: 0, +) { p, n in
            var lanes = SIMD8<Self>()
            var i = 0
            while i + 8 <= n {
                lanes += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Self>.self)
                i += 8
            }
            var total = lanes.sum()
            while i < n {
                total += p[i]
                i += 1
            }
            return total
        }
    }

    public static func _sumRows(
        _ a: UnsafePointer<Self>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Self>
    ) {
        for r in 0..<rows { out[r] = _sum(a + r * columns, columns) }
    }

    public static func _accumulate(
        _ a: UnsafePointer<Self>, into out: UnsafeMutablePointer<Self>, _ n: Int
    ) { for j in 0..<n { out[j] += a[j] } }

    public static func _extremum(_ p: UnsafePointer<Self>, _ n: Int, largest: Bool) -> (
        index: Int, value: Self
    ) { extremum(p, n, largest: largest) { $0.isNaN } }

    public var _double: Double { Double(self) }
}

/// The `CVectorMath` code of each vectorised transcendental function.
extension UnaryOperation {
    var kernelCode: nd_math_function? {
        switch self {
        case .sqrt, .floor, .ceil, .negative, .abs, .logicalNot: nil
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
        }
    }
}

/// The Swift loops of `_compare`, the same code for every numeric type: what runs where no block
/// kernel does, and the reference the block kernels are tested against.
@inline(__always)
func loopCompare<S: Comparable>(
    _ op: BinaryOperation, _ a: Operand<S>, _ b: Operand<S>, _ out: UnsafeMutablePointer<Bool>,
    _ n: Int
) {
    switch op {
    case .less: map2(a, b, out, n, <)
    case .lessEqual: map2(a, b, out, n, <=)
    case .greater: map2(a, b, out, n, >)
    case .greaterEqual: map2(a, b, out, n, >=)
    case .equal: map2(a, b, out, n, ==)
    case .notEqual: map2(a, b, out, n, !=)
    default: preconditionFailure("\(op) is not a comparison")
    }
}
