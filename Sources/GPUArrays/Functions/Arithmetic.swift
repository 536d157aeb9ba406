// Binary arithmetic with NumPy's names. Either operand may be a scalar of the element type (a
// kernel parameter); shapes broadcast as in NumPy. The `out:` form writes into an existing array,
// which may be one of the operands.

/// Elementwise `a + b` (`torch.add`).
public func add<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("add", [a.erased, b.erased]) { .binary(.add, $0[0], $0[1]) }
}

/// `add` written into `out`.
public func add<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("add", [a.erased, b.erased], into: out) { .binary(.add, $0[0], $0[1]) }
}

/// Elementwise `a - b` (`torch.sub`).
public func subtract<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("subtract", [a.erased, b.erased]) { .binary(.subtract, $0[0], $0[1]) }
}

/// `subtract` written into `out`.
public func subtract<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("subtract", [a.erased, b.erased], into: out) { .binary(.subtract, $0[0], $0[1]) }
}

/// Elementwise `a * b` (`torch.mul`).
public func multiply<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("multiply", [a.erased, b.erased]) { .binary(.multiply, $0[0], $0[1]) }
}

/// `multiply` written into `out`.
public func multiply<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("multiply", [a.erased, b.erased], into: out) { .binary(.multiply, $0[0], $0[1]) }
}

/// Elementwise `a / b` (`torch.div`); IEEE results for division by zero.
public func divide<S: GPUFloatingPoint>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>)
    throws(GPUArrayError) -> GPUArray<S>
{
    try Launcher.run("divide", [a.erased, b.erased]) { .binary(.divide, $0[0], $0[1]) }
}

/// `divide` written into `out`.
public func divide<S: GPUFloatingPoint>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("divide", [a.erased, b.erased], into: out) { .binary(.divide, $0[0], $0[1]) }
}

/// Elementwise `a` to the power `b` (`torch.pow`).
public func power<S: GPUFloatingPoint>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("power", [a.erased, b.erased]) { .binary(.power, $0[0], $0[1]) }
}

/// `power` written into `out`.
public func power<S: GPUFloatingPoint>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("power", [a.erased, b.erased], into: out) { .binary(.power, $0[0], $0[1]) }
}

/// Elementwise minimum; NaN wins (`torch.minimum`).
public func minimum<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("minimum", [a.erased, b.erased]) { .binary(.minimum, $0[0], $0[1]) }
}

/// `minimum` written into `out`.
public func minimum<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("minimum", [a.erased, b.erased], into: out) { .binary(.minimum, $0[0], $0[1]) }
}

/// Elementwise maximum; NaN wins (`torch.maximum`).
public func maximum<S: GPUNumeric>(_ a: some GPUOperand<S>, _ b: some GPUOperand<S>) throws(GPUArrayError)
    -> GPUArray<S>
{
    try Launcher.run("maximum", [a.erased, b.erased]) { .binary(.maximum, $0[0], $0[1]) }
}

/// `maximum` written into `out`.
public func maximum<S: GPUNumeric>(
    _ a: some GPUOperand<S>, _ b: some GPUOperand<S>, out: inout GPUArray<S>
) throws(GPUArrayError) {
    out = try Launcher.run("maximum", [a.erased, b.erased], into: out) { .binary(.maximum, $0[0], $0[1]) }
}
