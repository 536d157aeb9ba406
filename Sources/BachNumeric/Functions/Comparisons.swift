import BachRuntime
import NDArrays

// Lazy comparisons (yielding `Bool` arrays), logical operations and selection, one line each over
// the elementwise annotation (see `ElementwiseAnnotation`).

/// Elementwise `a < b` (`numpy.less`), recorded lazily.
public func less<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    apply(.less, a, b)
}

/// `less` written into `out`.
public func less<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.less, a, b, out: &out)
}

/// Elementwise `a <= b` (`numpy.less_equal`), recorded lazily.
public func lessEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool>
{
    apply(.lessEqual, a, b)
}

/// `lessEqual` written into `out`.
public func lessEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.lessEqual, a, b, out: &out)
}

/// Elementwise `a > b` (`numpy.greater`), recorded lazily.
public func greater<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    apply(.greater, a, b)
}

/// `greater` written into `out`.
public func greater<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.greater, a, b, out: &out)
}

/// Elementwise `a >= b` (`numpy.greater_equal`), recorded lazily.
public func greaterEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<
    Bool
> {
    apply(.greaterEqual, a, b)
}

/// `greaterEqual` written into `out`.
public func greaterEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.greaterEqual, a, b, out: &out)
}

/// Elementwise `a == b` (`numpy.equal`), recorded lazily.
public func equal<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    apply(.equal, a, b)
}

/// `equal` written into `out`.
public func equal<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.equal, a, b, out: &out)
}

/// Elementwise `a != b` (`numpy.not_equal`), recorded lazily.
public func notEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    apply(.notEqual, a, b)
}

/// `notEqual` written into `out`.
public func notEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    apply(.notEqual, a, b, out: &out)
}

/// Elementwise `a && b` (`numpy.logical_and`), recorded lazily.
public func logicalAnd(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    apply(.logicalAnd, a, b)
}

/// `logicalAnd` written into `out`.
public func logicalAnd(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    apply(.logicalAnd, a, b, out: &out)
}

/// Elementwise `a || b` (`numpy.logical_or`), recorded lazily.
public func logicalOr(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    apply(.logicalOr, a, b)
}

/// `logicalOr` written into `out`.
public func logicalOr(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    apply(.logicalOr, a, b, out: &out)
}

/// Elementwise `a != b` of booleans (`numpy.logical_xor`), recorded lazily.
public func logicalXor(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    apply(.logicalXor, a, b)
}

/// `logicalXor` written into `out`.
public func logicalXor(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    apply(.logicalXor, a, b, out: &out)
}

/// Elementwise `!a` (`numpy.logical_not`), recorded lazily.
public func logicalNot(_ a: LazyArray<Bool>) -> LazyArray<Bool> { apply(.logicalNot, a) }

/// `logicalNot` written into `out`.
public func logicalNot(_ a: LazyArray<Bool>, out: inout LazyArray<Bool>) { apply(.logicalNot, a, out: &out) }

/// `cond ? a : b` elementwise (`numpy.where`), recorded lazily; `a` and `b` may be constants.
public func `where`<S: ArrayScalar>(
    _ cond: LazyArray<Bool>, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>
)
    -> LazyArray<S>
{
    ElementwiseRecorder.select(cond, a.lazyOperand, b.lazyOperand, out: nil)
}

/// `where` written into `out`.
public func `where`<S: ArrayScalar>(
    _ cond: LazyArray<Bool>, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = ElementwiseRecorder.select(cond, a.lazyOperand, b.lazyOperand, out: out)
}

/// `a` with the elements where `cond` holds replaced by `value` (pandas' `mask`), recorded lazily.
public func mask<S: ArrayScalar>(_ a: LazyArray<S>, _ cond: LazyArray<Bool>, _ value: some LazyOperand<S>)
    -> LazyArray<S>
{
    ElementwiseRecorder.select(cond, value.lazyOperand, a.lazyOperand, out: nil)
}

/// `mask` written into `out`.
public func mask<S: ArrayScalar>(
    _ a: LazyArray<S>, _ cond: LazyArray<Bool>, _ value: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = ElementwiseRecorder.select(cond, value.lazyOperand, a.lazyOperand, out: out)
}
