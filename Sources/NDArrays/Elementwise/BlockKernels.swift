import CVectorMath

/// CVectorMath's block kernels (`nd_binary`, `nd_compare`, `nd_select`, `nd_sign`) for NDArrays'
/// numeric element types: the loops of arithmetic, comparisons, `where`, negative and abs in
/// AVX-512 or AVX2 vectors, bit for bit equal to the Swift loops beside each kernel
/// (`loopBinary`, `loopCompare`, `select`, `loopUnary`). Each call returns false, having written
/// nothing, where the Swift loop must run instead: on the scalar path (`NDARRAYS_VECTOR_WIDTH=scalar`
/// or a CPU without AVX2), for a broadcast condition, or for an operation without a kernel.
enum BlockKernels {
    /// out[i] = op(a[i], b[i]) for add, subtract, multiply, divide (floating point), minimum and
    /// maximum.
    @inline(__always)
    static func binary<S: NDScalar>(
        _ op: BinaryOperation, _ a: Operand<S>, _ b: Operand<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
    ) -> Bool {
        guard let type = S.blockType, let code = op.arithmeticCode else { return false }
        return nd_binary(type, code, a.base, a.stride, b.base, b.stride, out, n) != 0
    }

    /// out[i] = op(a[i], b[i]) for the six comparisons.
    @inline(__always)
    static func compare<S: NDScalar>(
        _ op: BinaryOperation, _ a: Operand<S>, _ b: Operand<S>, _ out: UnsafeMutablePointer<Bool>, _ n: Int
    ) -> Bool {
        guard let type = S.blockType, let code = op.comparisonCode else { return false }
        return nd_compare(type, code, a.base, a.stride, b.base, b.stride, out, n) != 0
    }

    /// out[i] = cond[i] ? a[i] : b[i].
    @inline(__always)
    static func select<S: NDScalar>(
        _ cond: Operand<Bool>, _ a: Operand<S>, _ b: Operand<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
    ) -> Bool {
        guard let type = S.blockType else { return false }
        return nd_select(type, cond.base, cond.stride, a.base, a.stride, b.base, b.stride, out, n) != 0
    }

    /// out[i] = op(a[i]) for negative and abs.
    @inline(__always)
    static func sign<S: NDScalar>(
        _ op: UnaryOperation, _ a: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
    ) -> Bool {
        guard let type = S.blockType, let code = op.signCode else { return false }
        return nd_sign(type, code, a, out, n) != 0
    }
}

extension NDScalar {
    /// The block kernels' name of the type (nil for `Bool`, which has none); a constant once the
    /// caller is specialised for the type.
    @inline(__always)
    static var blockType: nd_element_type? {
        switch dtype {
        case .float64: ND_FLOAT64
        case .float32: ND_FLOAT32
        case .int64: ND_INT64
        case .int32: ND_INT32
        case .bool: nil
        }
    }
}

extension BinaryOperation {
    /// The block kernels' code of an arithmetic operation.
    var arithmeticCode: nd_arithmetic? {
        switch self {
        case .add: ND_ADD
        case .subtract: ND_SUBTRACT
        case .multiply: ND_MULTIPLY
        case .divide: ND_DIVIDE
        case .minimum: ND_MINIMUM
        case .maximum: ND_MAXIMUM
        default: nil
        }
    }

    /// The block kernels' code of a comparison.
    var comparisonCode: nd_comparison? {
        switch self {
        case .less: ND_LESS
        case .lessEqual: ND_LESS_EQUAL
        case .greater: ND_GREATER
        case .greaterEqual: ND_GREATER_EQUAL
        case .equal: ND_EQUAL
        case .notEqual: ND_NOT_EQUAL
        default: nil
        }
    }
}

extension UnaryOperation {
    /// The block kernels' code of negative and abs.
    var signCode: nd_sign_operation? {
        switch self {
        case .negative: ND_NEGATIVE
        case .abs: ND_ABSOLUTE
        default: nil
        }
    }
}
