// Binary arithmetic with NumPy's names. Each function comes in six forms: array-array (throws on
// shapes that do not broadcast), array-scalar and scalar-array (cannot fail), and the same three
// writing into an existing array with `out:`.

/// Elementwise `a + b` (`numpy.add`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func add<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.binary(.add, a, b)
}

/// `add` of an array and a scalar; cannot fail.
public func add<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.binary(.add, a, NDArray(scalar: b)) }
}

/// `add` of a scalar and an array; cannot fail.
public func add<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.binary(.add, NDArray(scalar: a), b) }
}

/// `add` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func add<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.add, consume a, consume b, out: &out)
}

/// `add` of an array and a scalar, written into `out`.
public func add<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.add, consume a, NDArray(scalar: b), out: &out)
}

/// `add` of a scalar and an array, written into `out`.
public func add<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.add, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a - b` (`numpy.subtract`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func subtract<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.binary(.subtract, a, b)
}

/// `subtract` of an array and a scalar; cannot fail.
public func subtract<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.binary(.subtract, a, NDArray(scalar: b)) }
}

/// `subtract` of a scalar and an array; cannot fail.
public func subtract<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.binary(.subtract, NDArray(scalar: a), b) }
}

/// `subtract` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func subtract<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.subtract, consume a, consume b, out: &out)
}

/// `subtract` of an array and a scalar, written into `out`.
public func subtract<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.subtract, consume a, NDArray(scalar: b), out: &out)
}

/// `subtract` of a scalar and an array, written into `out`.
public func subtract<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.subtract, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a * b` (`numpy.multiply`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func multiply<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.binary(.multiply, a, b)
}

/// `multiply` of an array and a scalar; cannot fail.
public func multiply<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.binary(.multiply, a, NDArray(scalar: b)) }
}

/// `multiply` of a scalar and an array; cannot fail.
public func multiply<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.binary(.multiply, NDArray(scalar: a), b) }
}

/// `multiply` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func multiply<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.multiply, consume a, consume b, out: &out)
}

/// `multiply` of an array and a scalar, written into `out`.
public func multiply<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.multiply, consume a, NDArray(scalar: b), out: &out)
}

/// `multiply` of a scalar and an array, written into `out`.
public func multiply<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.multiply, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise minimum; NaN wins (`numpy.minimum`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func minimum<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.binary(.minimum, a, b)
}

/// `minimum` of an array and a scalar; cannot fail.
public func minimum<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.binary(.minimum, a, NDArray(scalar: b)) }
}

/// `minimum` of a scalar and an array; cannot fail.
public func minimum<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.binary(.minimum, NDArray(scalar: a), b) }
}

/// `minimum` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func minimum<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.minimum, consume a, consume b, out: &out)
}

/// `minimum` of an array and a scalar, written into `out`.
public func minimum<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.minimum, consume a, NDArray(scalar: b), out: &out)
}

/// `minimum` of a scalar and an array, written into `out`.
public func minimum<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.minimum, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise maximum; NaN wins (`numpy.maximum`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func maximum<S: NDNumeric>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.binary(.maximum, a, b)
}

/// `maximum` of an array and a scalar; cannot fail.
public func maximum<S: NDNumeric>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.binary(.maximum, a, NDArray(scalar: b)) }
}

/// `maximum` of a scalar and an array; cannot fail.
public func maximum<S: NDNumeric>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.binary(.maximum, NDArray(scalar: a), b) }
}

/// `maximum` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func maximum<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.maximum, consume a, consume b, out: &out)
}

/// `maximum` of an array and a scalar, written into `out`.
public func maximum<S: NDNumeric>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.maximum, consume a, NDArray(scalar: b), out: &out)
}

/// `maximum` of a scalar and an array, written into `out`.
public func maximum<S: NDNumeric>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.binary(.maximum, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a / b` (`numpy.divide`); IEEE results for division by zero.
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func divide<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.floatBinary(.divide, a, b)
}

/// `divide` of an array and a scalar; cannot fail.
public func divide<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.floatBinary(.divide, a, NDArray(scalar: b)) }
}

/// `divide` of a scalar and an array; cannot fail.
public func divide<S: NDFloatingPoint>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.floatBinary(.divide, NDArray(scalar: a), b) }
}

/// `divide` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func divide<S: NDFloatingPoint>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.divide, consume a, consume b, out: &out)
}

/// `divide` of an array and a scalar, written into `out`.
public func divide<S: NDFloatingPoint>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.divide, consume a, NDArray(scalar: b), out: &out)
}

/// `divide` of a scalar and an array, written into `out`.
public func divide<S: NDFloatingPoint>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.divide, NDArray(scalar: a), consume b, out: &out)
}

/// Elementwise `a` to the power `b` (`numpy.power`).
///
/// Operands broadcast as in NumPy (scalars, rows against matrices, columns of shape `(n, 1)`);
/// throws `NDArrayError.shapeMismatch` when they do not fit together.
public func power<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.floatBinary(.power, a, b)
}

/// `power` of an array and a scalar; cannot fail.
public func power<S: NDFloatingPoint>(_ a: NDArray<S>, _ b: S) -> NDArray<S> {
    trapping { try Elementwise.floatBinary(.power, a, NDArray(scalar: b)) }
}

/// `power` of a scalar and an array; cannot fail.
public func power<S: NDFloatingPoint>(_ a: S, _ b: NDArray<S>) -> NDArray<S> {
    trapping { try Elementwise.floatBinary(.power, NDArray(scalar: a), b) }
}

/// `power` written into `out` (NumPy's `out=`); `out` may be one of the operands.
public func power<S: NDFloatingPoint>(
    _ a: consuming NDArray<S>, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.power, consume a, consume b, out: &out)
}

/// `power` of an array and a scalar, written into `out`.
public func power<S: NDFloatingPoint>(
    _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.power, consume a, NDArray(scalar: b), out: &out)
}

/// `power` of a scalar and an array, written into `out`.
public func power<S: NDFloatingPoint>(
    _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.floatBinary(.power, NDArray(scalar: a), consume b, out: &out)
}
