// Unary functions with NumPy's names: a value-returning form that cannot fail and an `out:` form.
// The transcendental ones run on libmvec's AVX-512 or AVX2 code where available (CVectorMath, VectorMath).

/// Elementwise `-a` (`numpy.negative`); integers wrap.
public func negative<S: NDNumeric>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.unary(.negative, a)
}

/// `negative` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func negative<S: NDNumeric>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.unary(.negative, consume a, out: &out)
}

/// Elementwise absolute value (`numpy.abs`); integers wrap at the minimum.
public func abs<S: NDNumeric>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.unary(.abs, a)
}

/// `abs` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func abs<S: NDNumeric>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.unary(.abs, consume a, out: &out)
}

/// Elementwise square root (`numpy.sqrt`); NaN for negative input.
public func sqrt<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.sqrt, a)
}

/// `sqrt` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func sqrt<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.sqrt, consume a, out: &out)
}

/// Elementwise floor (`numpy.floor`).
public func floor<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.floor, a)
}

/// `floor` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func floor<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.floor, consume a, out: &out)
}

/// Elementwise ceiling (`numpy.ceil`).
public func ceil<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.ceil, a)
}

/// `ceil` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func ceil<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.ceil, consume a, out: &out)
}

/// Elementwise e to the power `a` (`numpy.exp`).
public func exp<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.exp, a)
}

/// `exp` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func exp<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.exp, consume a, out: &out)
}

/// Elementwise natural logarithm (`numpy.log`); -inf at 0, NaN below.
public func log<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.log, a)
}

/// `log` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func log<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.log, consume a, out: &out)
}

/// Elementwise base-2 logarithm (`numpy.log2`).
public func log2<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.log2, a)
}

/// `log2` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func log2<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.log2, consume a, out: &out)
}

/// Elementwise base-10 logarithm (`numpy.log10`).
public func log10<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.log10, a)
}

/// `log10` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func log10<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.log10, consume a, out: &out)
}

/// Elementwise sine (`numpy.sin`).
public func sin<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.sin, a)
}

/// `sin` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func sin<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.sin, consume a, out: &out)
}

/// Elementwise cosine (`numpy.cos`).
public func cos<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.cos, a)
}

/// `cos` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func cos<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.cos, consume a, out: &out)
}

/// Elementwise tangent (`numpy.tan`).
public func tan<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.tan, a)
}

/// `tan` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func tan<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.tan, consume a, out: &out)
}

/// Elementwise inverse sine (`numpy.arcsin`); NaN outside [-1, 1].
public func arcsin<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.arcsin, a)
}

/// `arcsin` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func arcsin<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError)
{
    try Elementwise.math(.arcsin, consume a, out: &out)
}

/// Elementwise inverse cosine (`numpy.arccos`); NaN outside [-1, 1].
public func arccos<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.arccos, a)
}

/// `arccos` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func arccos<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError)
{
    try Elementwise.math(.arccos, consume a, out: &out)
}

/// Elementwise inverse tangent (`numpy.arctan`).
public func arctan<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.arctan, a)
}

/// `arctan` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func arctan<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError)
{
    try Elementwise.math(.arctan, consume a, out: &out)
}

/// Elementwise error function (`scipy.special.erf`).
public func erf<S: NDFloatingPoint>(_ a: NDArray<S>) -> NDArray<S> {
    Elementwise.math(.erf, a)
}

/// `erf` written into `out` (NumPy's `out=`); `out` may be `a` itself. Throws when `out` has
/// another shape.
public func erf<S: NDFloatingPoint>(_ a: consuming NDArray<S>, out: inout NDArray<S>) throws(NDArrayError) {
    try Elementwise.math(.erf, consume a, out: &out)
}
