/// The kernels of `Int64` and `Int32`: written once, compiled for each type by the witness that
/// uses them. Arithmetic wraps on overflow, as NumPy's does.
extension NDNumeric where Self: FixedWidthInteger & SignedInteger & SIMDScalar {
    public static var one: Self { 1 }
    public var _double: Double { Double(self) }

    public static func _select(
        _ cond: Operand<Bool>, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { if !BlockKernels.select(cond, a, b, out, n) { select(cond, a, b, out, n) } }

    public static func _compare(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>,
        _ out: UnsafeMutablePointer<Bool>, _ n: Int
    ) { if !BlockKernels.compare(op, a, b, out, n) { loopCompare(op, a, b, out, n) } }

    public static func _extremum(_ p: UnsafePointer<Self>, _ n: Int, largest: Bool) -> (
        index: Int, value: Self
    ) { extremum(p, n, largest: largest) { _ in false } }

    public static func _binary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { if !BlockKernels.binary(op, a, b, out, n) { loopBinary(op, a, b, out, n) } }

    /// The Swift loops of `_binary`: what runs where no block kernel does, and the reference the
    /// block kernels are tested against.
    @inline(__always)
    static func loopBinary(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) {
        switch op {
        case .add: map2(a, b, out, n, &+)
        case .subtract: map2(a, b, out, n, &-)
        case .multiply: map2(a, b, out, n, &*)
        case .minimum: map2(a, b, out, n) { Swift.min($0, $1) }
        case .maximum: map2(a, b, out, n) { Swift.max($0, $1) }
        default: preconditionFailure("\(op) is not an arithmetic operation of every numeric type")
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
        case .negative: map1(a, out, n) { 0 &- $0 }
        case .abs: map1(a, out, n) { $0 < 0 ? 0 &- $0 : $0 }
        default: preconditionFailure("\(op) is not an operation of every numeric type")
        }
    }

    public static func _sum(_ p: UnsafePointer<Self>, _ n: Int) -> Self {
        pairwiseSum(p, n, zero: 0, &+) { p, n in
            var lanes = SIMD8<Self>()
            var i = 0
            while i + 8 <= n {
                lanes &+= UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Self>.self)
                i += 8
            }
            var total = lanes.wrappedSum()
            while i < n {
                total &+= p[i]
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
    ) {
        for j in 0..<n { out[j] &+= a[j] }
    }
}
