// Logical operations on `Bool` arrays with NumPy's names, with broadcasting and `out:` forms.

/// Elementwise `a && b` (`numpy.logical_and`).
public func logicalAnd(_ a: NDArray<Bool>, _ b: NDArray<Bool>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.logical(.logicalAnd, a, b)
}

/// `logicalAnd` written into `out`; `out` may be an operand.
public func logicalAnd(
    _ a: consuming NDArray<Bool>, _ b: consuming NDArray<Bool>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.logical(.logicalAnd, consume a, consume b, out: &out)
}

/// Elementwise `a || b` (`numpy.logical_or`).
public func logicalOr(_ a: NDArray<Bool>, _ b: NDArray<Bool>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.logical(.logicalOr, a, b)
}

/// `logicalOr` written into `out`; `out` may be an operand.
public func logicalOr(
    _ a: consuming NDArray<Bool>, _ b: consuming NDArray<Bool>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.logical(.logicalOr, consume a, consume b, out: &out)
}

/// Elementwise `a != b` on booleans (`numpy.logical_xor`).
public func logicalXor(_ a: NDArray<Bool>, _ b: NDArray<Bool>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.logical(.logicalXor, a, b)
}

/// `logicalXor` written into `out`; `out` may be an operand.
public func logicalXor(
    _ a: consuming NDArray<Bool>, _ b: consuming NDArray<Bool>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.logical(.logicalXor, consume a, consume b, out: &out)
}

/// Elementwise `!a` (`numpy.logical_not`).
public func logicalNot(_ a: NDArray<Bool>) -> NDArray<Bool> {
    trapping { try Elementwise.logical(.logicalXor, a, NDArray(scalar: true)) }
}

/// `logicalNot` written into `out`; `out` may be `a`.
public func logicalNot(_ a: consuming NDArray<Bool>, out: inout NDArray<Bool>) throws(NDArrayError) {
    try Elementwise.logical(.logicalXor, consume a, NDArray(scalar: true), out: &out)
}
