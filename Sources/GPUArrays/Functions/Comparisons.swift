// Comparisons and logical operations, yielding `Bool` arrays, and selection.

/// Elementwise `a < b`, as a `Bool` array.
public func less<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("less", [a.erased, b.erased]) { .binary(.less, $0[0], $0[1]) }
}

/// `less` written into `out`.
public func less<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("less", [a.erased, b.erased], into: out) { .binary(.less, $0[0], $0[1]) }
}

/// Elementwise `a <= b`, as a `Bool` array.
public func lessEqual<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("lessEqual", [a.erased, b.erased]) { .binary(.lessEqual, $0[0], $0[1]) }
}

/// `lessEqual` written into `out`.
public func lessEqual<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("lessEqual", [a.erased, b.erased], into: out) { .binary(.lessEqual, $0[0], $0[1]) }
}

/// Elementwise `a > b`, as a `Bool` array.
public func greater<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("greater", [a.erased, b.erased]) { .binary(.greater, $0[0], $0[1]) }
}

/// `greater` written into `out`.
public func greater<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("greater", [a.erased, b.erased], into: out) { .binary(.greater, $0[0], $0[1]) }
}

/// Elementwise `a >= b`, as a `Bool` array.
public func greaterEqual<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>)
    throws(GPUArrayError) -> GPUArray<Bool>
{
    try Launcher.run("greaterEqual", [a.erased, b.erased]) { .binary(.greaterEqual, $0[0], $0[1]) }
}

/// `greaterEqual` written into `out`.
public func greaterEqual<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("greaterEqual", [a.erased, b.erased], into: out) {
        .binary(.greaterEqual, $0[0], $0[1])
    }
}

/// Elementwise `a == b`, as a `Bool` array.
public func equal<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("equal", [a.erased, b.erased]) { .binary(.equal, $0[0], $0[1]) }
}

/// `equal` written into `out`.
public func equal<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("equal", [a.erased, b.erased], into: out) { .binary(.equal, $0[0], $0[1]) }
}

/// Elementwise `a != b`, as a `Bool` array.
public func notEqual<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("notEqual", [a.erased, b.erased]) { .binary(.notEqual, $0[0], $0[1]) }
}

/// `notEqual` written into `out`.
public func notEqual<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("notEqual", [a.erased, b.erased], into: out) { .binary(.notEqual, $0[0], $0[1]) }
}

/// Elementwise `a && b` on `Bool` arrays.
public func logicalAnd(_ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("logicalAnd", [a.erased, b.erased]) { .binary(.logicalAnd, $0[0], $0[1]) }
}

/// `logicalAnd` written into `out`.
public func logicalAnd(
    _ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("logicalAnd", [a.erased, b.erased], into: out) {
        .binary(.logicalAnd, $0[0], $0[1])
    }
}

/// Elementwise `a || b` on `Bool` arrays.
public func logicalOr(_ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("logicalOr", [a.erased, b.erased]) { .binary(.logicalOr, $0[0], $0[1]) }
}

/// `logicalOr` written into `out`.
public func logicalOr(
    _ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("logicalOr", [a.erased, b.erased], into: out) { .binary(.logicalOr, $0[0], $0[1]) }
}

/// Elementwise `a != b` on `Bool` arrays.
public func logicalXor(_ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>) throws(GPUArrayError)
    -> GPUArray<Bool>
{
    try Launcher.run("logicalXor", [a.erased, b.erased]) { .binary(.logicalXor, $0[0], $0[1]) }
}

/// `logicalXor` written into `out`.
public func logicalXor(
    _ a: some GPUOperand<Bool>, _ b: some GPUOperand<Bool>, out: inout GPUArray<Bool>
) throws(GPUArrayError) {
    out = try Launcher.run("logicalXor", [a.erased, b.erased], into: out) {
        .binary(.logicalXor, $0[0], $0[1])
    }
}

/// Elementwise `!a`.
public func logicalNot(_ a: GPUArray<Bool>) throws(GPUArrayError) -> GPUArray<Bool> {
    try Launcher.run("logicalNot", [a.erased]) { .unary(.logicalNot, $0[0]) }
}

/// `logicalNot` written into `out`.
public func logicalNot(_ a: GPUArray<Bool>, out: inout GPUArray<Bool>) throws(GPUArrayError) {
    out = try Launcher.run("logicalNot", [a.erased], into: out) { .unary(.logicalNot, $0[0]) }
}

/// `cond ? a : b` elementwise (`torch.where`); `a` and `b` may be scalars.
public func `where`<S: GPUScalar>(
    _ cond: GPUArray<Bool>, _ a: some GPUOperand<S>, _ b: some GPUOperand<S>
) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("where", [cond.erased, a.erased, b.erased]) { .select($0[0], $0[1], $0[2]) }
}

/// `where` written into `out`.
public func `where`<S: GPUScalar>(
    _ cond: GPUArray<Bool>, _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("where", [cond.erased, a.erased, b.erased], into: out) {
        .select($0[0], $0[1], $0[2])
    }
}

/// `a` with the elements where `cond` holds replaced by `value` (pandas' `mask`).
public func mask<S: GPUScalar>(
    _ a: GPUArray<S>, _ cond: GPUArray<Bool>, _ value: some GPUOperand<S>
) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("mask", [cond.erased, value.erased, a.erased]) { .select($0[0], $0[1], $0[2]) }
}

/// `mask` written into `out`.
public func mask<S: GPUScalar>(
    _ a: GPUArray<S>, _ cond: GPUArray<Bool>, _ value: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("mask", [cond.erased, value.erased, a.erased], into: out) {
        .select($0[0], $0[1], $0[2])
    }
}
