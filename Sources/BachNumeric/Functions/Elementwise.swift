import BachRuntime
import NDArrays

// The elementwise functions of NumPy, recorded lazily: each is one line over the annotation every
// operation of the shared vocabulary has (see `ElementwiseAnnotation`). Operands may be lazy arrays
// or constants of their element type; shapes broadcast as in NumPy. Element types and shapes that
// do not fit are reported by `evaluate`, naming the call. The `out:` forms make `out` the new
// version of the array (NumPy's `out=`); other copies of the old version keep their value.

/// The unary operation `op` of `a` (`apply(.exp, x)` is `exp(x)`), for code that chooses
/// operations at run time.
public func apply<S: ArrayScalar>(_ op: UnaryOperation, _ a: LazyArray<S>) -> LazyArray<S> {
    ElementwiseRecorder.unary(op, a, out: LazyArray<S>?.none)
}

/// `apply` written into `out`.
public func apply<S: ArrayScalar>(_ op: UnaryOperation, _ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = ElementwiseRecorder.unary(op, a, out: out)
}

/// The binary operation `op` of `a` and `b`, yielding elements of `R`: the operands' type for
/// arithmetic, `Bool` for comparisons and logical operations.
public func apply<S: ArrayScalar, R: ArrayScalar>(
    _ op: BinaryOperation, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, as _: R.Type = R.self
) -> LazyArray<R> {
    ElementwiseRecorder.binary(op, a.lazyOperand, b.lazyOperand, out: LazyArray<R>?.none)
}

/// `apply` written into `out`.
public func apply<S: ArrayScalar, R: ArrayScalar>(
    _ op: BinaryOperation, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<R>
) {
    out = ElementwiseRecorder.binary(op, a.lazyOperand, b.lazyOperand, out: out)
}

/// Elementwise `-a` (`numpy.negative`), recorded lazily.
public func negative<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.negative, a) }

/// `negative` written into `out`; `out` may be `a`.
public func negative<S: ArrayNumeric>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.negative, a, out: &out)
}

/// Elementwise absolute value (`numpy.abs`), recorded lazily.
public func abs<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.abs, a) }

/// `abs` written into `out`; `out` may be `a`.
public func abs<S: ArrayNumeric>(_ a: LazyArray<S>, out: inout LazyArray<S>) { apply(.abs, a, out: &out) }

/// Elementwise square root (`numpy.sqrt`), recorded lazily.
public func sqrt<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.sqrt, a) }

/// `sqrt` written into `out`; `out` may be `a`.
public func sqrt<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.sqrt, a, out: &out)
}

/// Elementwise floor (`numpy.floor`), recorded lazily.
public func floor<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.floor, a) }

/// `floor` written into `out`; `out` may be `a`.
public func floor<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.floor, a, out: &out)
}

/// Elementwise ceiling (`numpy.ceil`), recorded lazily.
public func ceil<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.ceil, a) }

/// `ceil` written into `out`; `out` may be `a`.
public func ceil<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.ceil, a, out: &out)
}

/// Elementwise e to the power `a` (`numpy.exp`), recorded lazily.
public func exp<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.exp, a) }

/// `exp` written into `out`; `out` may be `a`.
public func exp<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.exp, a, out: &out)
}

/// Elementwise natural logarithm (`numpy.log`), recorded lazily.
public func log<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.log, a) }

/// `log` written into `out`; `out` may be `a`.
public func log<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.log, a, out: &out)
}

/// Elementwise base-2 logarithm (`numpy.log2`), recorded lazily.
public func log2<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.log2, a) }

/// `log2` written into `out`; `out` may be `a`.
public func log2<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.log2, a, out: &out)
}

/// Elementwise base-10 logarithm (`numpy.log10`), recorded lazily.
public func log10<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.log10, a) }

/// `log10` written into `out`; `out` may be `a`.
public func log10<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.log10, a, out: &out)
}

/// Elementwise sine (`numpy.sin`), recorded lazily.
public func sin<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.sin, a) }

/// `sin` written into `out`; `out` may be `a`.
public func sin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.sin, a, out: &out)
}

/// Elementwise cosine (`numpy.cos`), recorded lazily.
public func cos<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.cos, a) }

/// `cos` written into `out`; `out` may be `a`.
public func cos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.cos, a, out: &out)
}

/// Elementwise tangent (`numpy.tan`), recorded lazily.
public func tan<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.tan, a) }

/// `tan` written into `out`; `out` may be `a`.
public func tan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.tan, a, out: &out)
}

/// Elementwise arcsine (`numpy.arcsin`), recorded lazily.
public func arcsin<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.arcsin, a) }

/// `arcsin` written into `out`; `out` may be `a`.
public func arcsin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.arcsin, a, out: &out)
}

/// Elementwise arccosine (`numpy.arccos`), recorded lazily.
public func arccos<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.arccos, a) }

/// `arccos` written into `out`; `out` may be `a`.
public func arccos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.arccos, a, out: &out)
}

/// Elementwise arctangent (`numpy.arctan`), recorded lazily.
public func arctan<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.arctan, a) }

/// `arctan` written into `out`; `out` may be `a`.
public func arctan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.arctan, a, out: &out)
}

/// Elementwise error function (`scipy.special.erf`), recorded lazily.
public func erf<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> { apply(.erf, a) }

/// `erf` written into `out`; `out` may be `a`.
public func erf<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    apply(.erf, a, out: &out)
}

/// Elementwise `a + b` (`numpy.add`), recorded lazily.
public func add<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.add, a, b)
}

/// `add` written into `out`.
public func add<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>)
{
    apply(.add, a, b, out: &out)
}

/// Elementwise `a - b` (`numpy.subtract`), recorded lazily.
public func subtract<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.subtract, a, b)
}

/// `subtract` written into `out`.
public func subtract<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.subtract, a, b, out: &out)
}

/// Elementwise `a * b` (`numpy.multiply`), recorded lazily.
public func multiply<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.multiply, a, b)
}

/// `multiply` written into `out`.
public func multiply<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.multiply, a, b, out: &out)
}

/// Elementwise minimum (NaN wins) (`numpy.minimum`), recorded lazily.
public func minimum<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.minimum, a, b)
}

/// `minimum` written into `out`.
public func minimum<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.minimum, a, b, out: &out)
}

/// Elementwise maximum (NaN wins) (`numpy.maximum`), recorded lazily.
public func maximum<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.maximum, a, b)
}

/// `maximum` written into `out`.
public func maximum<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.maximum, a, b, out: &out)
}

/// Elementwise `a / b` (`numpy.divide`), recorded lazily.
public func divide<S: ArrayFloatingPoint>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S>
{
    apply(.divide, a, b)
}

/// `divide` written into `out`.
public func divide<S: ArrayFloatingPoint>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.divide, a, b, out: &out)
}

/// Elementwise `a ** b` (`numpy.power`), recorded lazily.
public func power<S: ArrayFloatingPoint>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    apply(.power, a, b)
}

/// `power` written into `out`.
public func power<S: ArrayFloatingPoint>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    apply(.power, a, b, out: &out)
}
