import Bach
import GPUArrays
import NDArrays

// Lazy comparisons (yielding `Bool` arrays), logical operations and selection.

/// Elementwise `a < b`, recorded lazily.
public func less<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    recordLess(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `less` written into `out`.
public func less<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordLess(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordLess<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "less", a, b, out: out, cpu: { try NDArrays.less($0, $1) },
        cpuOut: { try NDArrays.less($0, $1, out: &$2) },
        gpu: { try GPUArrays.less($0, $1) }, gpuOut: { try GPUArrays.less($0, $1, out: &$2) })
}

/// Elementwise `a <= b`, recorded lazily.
public func lessEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool>
{
    recordLessEqual(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `lessEqual` written into `out`.
public func lessEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordLessEqual(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordLessEqual<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "lessEqual", a, b, out: out, cpu: { try NDArrays.lessEqual($0, $1) },
        cpuOut: { try NDArrays.lessEqual($0, $1, out: &$2) },
        gpu: { try GPUArrays.lessEqual($0, $1) }, gpuOut: { try GPUArrays.lessEqual($0, $1, out: &$2) })
}

/// Elementwise `a > b`, recorded lazily.
public func greater<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    recordGreater(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `greater` written into `out`.
public func greater<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordGreater(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordGreater<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "greater", a, b, out: out, cpu: { try NDArrays.greater($0, $1) },
        cpuOut: { try NDArrays.greater($0, $1, out: &$2) },
        gpu: { try GPUArrays.greater($0, $1) }, gpuOut: { try GPUArrays.greater($0, $1, out: &$2) })
}

/// Elementwise `a >= b`, recorded lazily.
public func greaterEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<
    Bool
> {
    recordGreaterEqual(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `greaterEqual` written into `out`.
public func greaterEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordGreaterEqual(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordGreaterEqual<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "greaterEqual", a, b, out: out, cpu: { try NDArrays.greaterEqual($0, $1) },
        cpuOut: { try NDArrays.greaterEqual($0, $1, out: &$2) },
        gpu: { try GPUArrays.greaterEqual($0, $1) }, gpuOut: { try GPUArrays.greaterEqual($0, $1, out: &$2) })
}

/// Elementwise `a == b`, recorded lazily.
public func equal<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    recordEqual(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `equal` written into `out`.
public func equal<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordEqual(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordEqual<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "equal", a, b, out: out, cpu: { try NDArrays.equal($0, $1) },
        cpuOut: { try NDArrays.equal($0, $1, out: &$2) },
        gpu: { try GPUArrays.equal($0, $1) }, gpuOut: { try GPUArrays.equal($0, $1, out: &$2) })
}

/// Elementwise `a != b`, recorded lazily.
public func notEqual<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<Bool> {
    recordNotEqual(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `notEqual` written into `out`.
public func notEqual<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<Bool>
) {
    out = recordNotEqual(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordNotEqual<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<Bool>?
) -> LazyArray<Bool> {
    Recorders.binary(
        "notEqual", a, b, out: out, cpu: { try NDArrays.notEqual($0, $1) },
        cpuOut: { try NDArrays.notEqual($0, $1, out: &$2) },
        gpu: { try GPUArrays.notEqual($0, $1) }, gpuOut: { try GPUArrays.notEqual($0, $1, out: &$2) })
}

/// Elementwise `a && b` of `Bool` arrays, recorded lazily.
public func logicalAnd(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    recordLogicalAnd(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `logicalAnd` written into `out`.
public func logicalAnd(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    out = recordLogicalAnd(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordLogicalAnd(_ a: LazyArgument<Bool>, _ b: LazyArgument<Bool>, out: LazyArray<Bool>?)
    -> LazyArray<Bool>
{
    Recorders.binary(
        "logicalAnd", a, b, out: out, cpu: { try NDArrays.logicalAnd($0, $1) },
        cpuOut: { try NDArrays.logicalAnd($0, $1, out: &$2) },
        gpu: { try GPUArrays.logicalAnd($0, $1) }, gpuOut: { try GPUArrays.logicalAnd($0, $1, out: &$2) })
}

/// Elementwise `a || b` of `Bool` arrays, recorded lazily.
public func logicalOr(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    recordLogicalOr(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `logicalOr` written into `out`.
public func logicalOr(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    out = recordLogicalOr(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordLogicalOr(_ a: LazyArgument<Bool>, _ b: LazyArgument<Bool>, out: LazyArray<Bool>?)
    -> LazyArray<Bool>
{
    Recorders.binary(
        "logicalOr", a, b, out: out, cpu: { try NDArrays.logicalOr($0, $1) },
        cpuOut: { try NDArrays.logicalOr($0, $1, out: &$2) },
        gpu: { try GPUArrays.logicalOr($0, $1) }, gpuOut: { try GPUArrays.logicalOr($0, $1, out: &$2) })
}

/// Elementwise `a != b` of `Bool` arrays, recorded lazily.
public func logicalXor(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>) -> LazyArray<Bool> {
    recordLogicalXor(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `logicalXor` written into `out`.
public func logicalXor(_ a: some LazyOperand<Bool>, _ b: some LazyOperand<Bool>, out: inout LazyArray<Bool>) {
    out = recordLogicalXor(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordLogicalXor(_ a: LazyArgument<Bool>, _ b: LazyArgument<Bool>, out: LazyArray<Bool>?)
    -> LazyArray<Bool>
{
    Recorders.binary(
        "logicalXor", a, b, out: out, cpu: { try NDArrays.logicalXor($0, $1) },
        cpuOut: { try NDArrays.logicalXor($0, $1, out: &$2) },
        gpu: { try GPUArrays.logicalXor($0, $1) }, gpuOut: { try GPUArrays.logicalXor($0, $1, out: &$2) })
}

/// Elementwise `!a`, recorded lazily.
public func logicalNot(_ a: LazyArray<Bool>) -> LazyArray<Bool> {
    recordLogicalNot(a, out: nil)
}

/// `logicalNot` written into `out`.
public func logicalNot(_ a: LazyArray<Bool>, out: inout LazyArray<Bool>) {
    out = recordLogicalNot(a, out: out)
}

private func recordLogicalNot(_ a: LazyArray<Bool>, out: LazyArray<Bool>?) -> LazyArray<Bool> {
    Recorders.unary(
        "logicalNot", a, out: out, cpu: { NDArrays.logicalNot($0) },
        cpuOut: { try NDArrays.logicalNot($0, out: &$1) },
        gpu: { try GPUArrays.logicalNot($0) }, gpuOut: { try GPUArrays.logicalNot($0, out: &$1) })
}

/// `cond ? a : b` elementwise (`numpy.where`), recorded lazily; `a` and `b` may be constants.
public func `where`<S: ArrayScalar>(
    _ cond: LazyArray<Bool>, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>
)
    -> LazyArray<S>
{
    Recorders.select("where", cond, a.lazyOperand, b.lazyOperand, out: nil)
}

/// `where` written into `out`.
public func `where`<S: ArrayScalar>(
    _ cond: LazyArray<Bool>, _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = Recorders.select("where", cond, a.lazyOperand, b.lazyOperand, out: out)
}

/// `a` with the elements where `cond` holds replaced by `value` (pandas' `mask`), recorded lazily.
public func mask<S: ArrayScalar>(_ a: LazyArray<S>, _ cond: LazyArray<Bool>, _ value: some LazyOperand<S>)
    -> LazyArray<S>
{
    Recorders.select("mask", cond, value.lazyOperand, .array(a), out: nil)
}

/// `mask` written into `out`.
public func mask<S: ArrayScalar>(
    _ a: LazyArray<S>, _ cond: LazyArray<Bool>, _ value: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = Recorders.select("mask", cond, value.lazyOperand, .array(a), out: out)
}
