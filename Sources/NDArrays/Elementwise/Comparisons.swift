// Comparisons with NumPy's names, yielding `Bool` arrays, in the same six forms as arithmetic.

/// Elementwise `a < b` (`numpy.less`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func less<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.compare(.less, a, b)
}

/// `less` of an array and a scalar; cannot fail.
public func less<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.less, a, NDArray(scalar: b)) }
}

/// `less` of a scalar and an array; cannot fail.
public func less<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.less, NDArray(scalar: a), b) }
}

/// `less` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func less<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.less, consume a, consume b, out: &out)
}

/// `less` of an array and a scalar, written into `out`.
public func less<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.less, consume a, NDArray(scalar: b), out: &out)
}

/// `less` of a scalar and an array, written into `out`.
public func less<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.less, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a <= b` (`numpy.less_equal`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func lessEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.compare(.lessEqual, a, b)
}

/// `lessEqual` of an array and a scalar; cannot fail.
public func lessEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.lessEqual, a, NDArray(scalar: b)) }
}

/// `lessEqual` of a scalar and an array; cannot fail.
public func lessEqual<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.lessEqual, NDArray(scalar: a), b) }
}

/// `lessEqual` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func lessEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.lessEqual, consume a, consume b, out: &out)
}

/// `lessEqual` of an array and a scalar, written into `out`.
public func lessEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.lessEqual, consume a, NDArray(scalar: b), out: &out)
}

/// `lessEqual` of a scalar and an array, written into `out`.
public func lessEqual<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.lessEqual, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a > b` (`numpy.greater`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func greater<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.compare(.greater, a, b)
}

/// `greater` of an array and a scalar; cannot fail.
public func greater<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.greater, a, NDArray(scalar: b)) }
}

/// `greater` of a scalar and an array; cannot fail.
public func greater<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.greater, NDArray(scalar: a), b) }
}

/// `greater` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func greater<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greater, consume a, consume b, out: &out)
}

/// `greater` of an array and a scalar, written into `out`.
public func greater<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greater, consume a, NDArray(scalar: b), out: &out)
}

/// `greater` of a scalar and an array, written into `out`.
public func greater<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greater, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a >= b` (`numpy.greater_equal`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func greaterEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool>
{
    try Elementwise.compare(.greaterEqual, a, b)
}

/// `greaterEqual` of an array and a scalar; cannot fail.
public func greaterEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.greaterEqual, a, NDArray(scalar: b)) }
}

/// `greaterEqual` of a scalar and an array; cannot fail.
public func greaterEqual<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.greaterEqual, NDArray(scalar: a), b) }
}

/// `greaterEqual` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func greaterEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greaterEqual, consume a, consume b, out: &out)
}

/// `greaterEqual` of an array and a scalar, written into `out`.
public func greaterEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greaterEqual, consume a, NDArray(scalar: b), out: &out)
}

/// `greaterEqual` of a scalar and an array, written into `out`.
public func greaterEqual<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.greaterEqual, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a == b` (`numpy.equal`); NaN equals nothing.
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func equal<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.compare(.equal, a, b)
}

/// `equal` of an array and a scalar; cannot fail.
public func equal<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.equal, a, NDArray(scalar: b)) }
}

/// `equal` of a scalar and an array; cannot fail.
public func equal<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.equal, NDArray(scalar: a), b) }
}

/// `equal` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func equal<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.equal, consume a, consume b, out: &out)
}

/// `equal` of an array and a scalar, written into `out`.
public func equal<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.equal, consume a, NDArray(scalar: b), out: &out)
}

/// `equal` of a scalar and an array, written into `out`.
public func equal<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.equal, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a != b` (`numpy.not_equal`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func notEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<Bool> {
    try Elementwise.compare(.notEqual, a, b)
}

/// `notEqual` of an array and a scalar; cannot fail.
public func notEqual<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.notEqual, a, NDArray(scalar: b)) }
}

/// `notEqual` of a scalar and an array; cannot fail.
public func notEqual<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<Bool> {
    trapping { try Elementwise.compare(.notEqual, NDArray(scalar: a), b) }
}

/// `notEqual` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func notEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.notEqual, consume a, consume b, out: &out)
}

/// `notEqual` of an array and a scalar, written into `out`.
public func notEqual<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.notEqual, consume a, NDArray(scalar: b), out: &out)
}

/// `notEqual` of a scalar and an array, written into `out`.
public func notEqual<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<Bool>
) throws(NDArrayError) {
    try Elementwise.compare(.notEqual, NDArray(scalar: a), consume b, out: &out)
}
