// Arithmetic and functions on the values of a kernel being written with `fuse`, with NumPy's names.

extension FusedValue where Scalar: GPUNumeric {
    public static func + (a: FusedValue, b: FusedValue) -> FusedValue {
        a.record({ .binary(.add, $0[0], $0[1]) }, [a, b])
    }
    public static func - (a: FusedValue, b: FusedValue) -> FusedValue {
        a.record({ .binary(.subtract, $0[0], $0[1]) }, [a, b])
    }
    public static func * (a: FusedValue, b: FusedValue) -> FusedValue {
        a.record({ .binary(.multiply, $0[0], $0[1]) }, [a, b])
    }
    public static func + (a: FusedValue, b: Scalar) -> FusedValue { a + a.constant(b) }
    public static func - (a: FusedValue, b: Scalar) -> FusedValue { a - a.constant(b) }
    public static func * (a: FusedValue, b: Scalar) -> FusedValue { a * a.constant(b) }
    public static func + (a: Scalar, b: FusedValue) -> FusedValue { b.constant(a) + b }
    public static func - (a: Scalar, b: FusedValue) -> FusedValue { b.constant(a) - b }
    public static func * (a: Scalar, b: FusedValue) -> FusedValue { b.constant(a) * b }
    public static prefix func - (a: FusedValue) -> FusedValue { a.record({ .unary(.negative, $0[0]) }, [a]) }
}

extension FusedValue where Scalar: GPUFloatingPoint {
    public static func / (a: FusedValue, b: FusedValue) -> FusedValue {
        a.record({ .binary(.divide, $0[0], $0[1]) }, [a, b])
    }
    public static func / (a: FusedValue, b: Scalar) -> FusedValue { a / a.constant(b) }
    public static func / (a: Scalar, b: FusedValue) -> FusedValue { b.constant(a) / b }
}

/// The unary function `op` of a value of a kernel being written with `fuse`.
public func apply<S: GPUScalar>(_ op: UnaryOperation, _ a: FusedValue<S>) -> FusedValue<S> {
    a.record({ .unary(op, $0[0]) }, [a])
}

/// The binary function `op` of two values of a kernel being written with `fuse` (comparisons and
/// logical operations give `Bool` values, read with `where`).
public func apply<S: GPUScalar, R: GPUScalar>(
    _ op: BinaryOperation, _ a: FusedValue<S>, _ b: FusedValue<S>, as _: R.Type = R.self
) -> FusedValue<R> {
    a.record({ .binary(op, $0[0], $0[1]) }, [a, b])
}

/// `cond ? a : b` in a kernel being written with `fuse`.
public func `where`<S: GPUScalar>(_ cond: FusedValue<Bool>, _ a: FusedValue<S>, _ b: FusedValue<S>)
    -> FusedValue<S>
{
    let values = [cond.value, a.value, b.value]
    guard let c = values[0], let x = values[1], let y = values[2] else {
        a.builder.fail(.unknownValue("a value read before it was written"))
        return FusedValue(a.builder, nil)
    }
    return FusedValue(a.builder, a.builder.append(.select(c, x, y)))
}

/// Elementwise e^a in a fused kernel.
public func exp<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.exp, a) }
/// Elementwise natural logarithm in a fused kernel.
public func log<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.log, a) }
/// Elementwise base-2 logarithm in a fused kernel.
public func log2<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.log2, a) }
/// Elementwise square root in a fused kernel.
public func sqrt<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.sqrt, a) }
/// Elementwise error function in a fused kernel.
public func erf<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.erf, a) }
/// Elementwise sine in a fused kernel.
public func sin<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.sin, a) }
/// Elementwise cosine in a fused kernel.
public func cos<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.cos, a) }
/// Elementwise arcsine in a fused kernel.
public func arcsin<S: GPUFloatingPoint>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.arcsin, a) }
/// Elementwise absolute value in a fused kernel.
public func abs<S: GPUNumeric>(_ a: FusedValue<S>) -> FusedValue<S> { apply(.abs, a) }
/// Elementwise minimum (NaN wins) in a fused kernel.
public func minimum<S: GPUNumeric>(_ a: FusedValue<S>, _ b: FusedValue<S>) -> FusedValue<S> {
    apply(.minimum, a, b)
}
/// Elementwise maximum (NaN wins) in a fused kernel.
public func maximum<S: GPUNumeric>(_ a: FusedValue<S>, _ b: FusedValue<S>) -> FusedValue<S> {
    apply(.maximum, a, b)
}
/// Elementwise a^b in a fused kernel.
public func power<S: GPUFloatingPoint>(_ a: FusedValue<S>, _ b: FusedValue<S>) -> FusedValue<S> {
    apply(.power, a, b)
}
