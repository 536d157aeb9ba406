// Unary functions with NumPy's names, each a value-returning form and an `out:` form (`out` may
// be `a` itself).

/// Elementwise `-a` (`torch.neg`); integers wrap.
public func negative<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("negative", [a.erased]) { .unary(.negative, $0[0]) }
}

/// `negative` written into `out`.
public func negative<S: GPUNumeric>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("negative", [a.erased], into: out) { .unary(.negative, $0[0]) }
}

/// Elementwise absolute value (`torch.abs`).
public func abs<S: GPUNumeric>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("abs", [a.erased]) { .unary(.abs, $0[0]) }
}

/// `abs` written into `out`.
public func abs<S: GPUNumeric>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("abs", [a.erased], into: out) { .unary(.abs, $0[0]) }
}

/// Elementwise square root (`torch.sqrt`).
public func sqrt<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("sqrt", [a.erased]) { .unary(.sqrt, $0[0]) }
}

/// `sqrt` written into `out`.
public func sqrt<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("sqrt", [a.erased], into: out) { .unary(.sqrt, $0[0]) }
}

/// Elementwise floor (`torch.floor`).
public func floor<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("floor", [a.erased]) { .unary(.floor, $0[0]) }
}

/// `floor` written into `out`.
public func floor<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("floor", [a.erased], into: out) { .unary(.floor, $0[0]) }
}

/// Elementwise ceiling (`torch.ceil`).
public func ceil<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("ceil", [a.erased]) { .unary(.ceil, $0[0]) }
}

/// `ceil` written into `out`.
public func ceil<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("ceil", [a.erased], into: out) { .unary(.ceil, $0[0]) }
}

/// Elementwise e to the power `a` (`torch.exp`).
public func exp<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("exp", [a.erased]) { .unary(.exp, $0[0]) }
}

/// `exp` written into `out`.
public func exp<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("exp", [a.erased], into: out) { .unary(.exp, $0[0]) }
}

/// Elementwise natural logarithm (`torch.log`).
public func log<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("log", [a.erased]) { .unary(.log, $0[0]) }
}

/// `log` written into `out`.
public func log<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("log", [a.erased], into: out) { .unary(.log, $0[0]) }
}

/// Elementwise base-2 logarithm (`torch.log2`).
public func log2<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("log2", [a.erased]) { .unary(.log2, $0[0]) }
}

/// `log2` written into `out`.
public func log2<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("log2", [a.erased], into: out) { .unary(.log2, $0[0]) }
}

/// Elementwise base-10 logarithm (`torch.log10`).
public func log10<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("log10", [a.erased]) { .unary(.log10, $0[0]) }
}

/// `log10` written into `out`.
public func log10<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("log10", [a.erased], into: out) { .unary(.log10, $0[0]) }
}

/// Elementwise sine (`torch.sin`).
public func sin<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("sin", [a.erased]) { .unary(.sin, $0[0]) }
}

/// `sin` written into `out`.
public func sin<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("sin", [a.erased], into: out) { .unary(.sin, $0[0]) }
}

/// Elementwise cosine (`torch.cos`).
public func cos<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("cos", [a.erased]) { .unary(.cos, $0[0]) }
}

/// `cos` written into `out`.
public func cos<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("cos", [a.erased], into: out) { .unary(.cos, $0[0]) }
}

/// Elementwise tangent (`torch.tan`).
public func tan<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("tan", [a.erased]) { .unary(.tan, $0[0]) }
}

/// `tan` written into `out`.
public func tan<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("tan", [a.erased], into: out) { .unary(.tan, $0[0]) }
}

/// Elementwise inverse sine (`torch.asin`).
public func arcsin<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("arcsin", [a.erased]) { .unary(.arcsin, $0[0]) }
}

/// `arcsin` written into `out`.
public func arcsin<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("arcsin", [a.erased], into: out) { .unary(.arcsin, $0[0]) }
}

/// Elementwise inverse cosine (`torch.acos`).
public func arccos<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("arccos", [a.erased]) { .unary(.arccos, $0[0]) }
}

/// `arccos` written into `out`.
public func arccos<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("arccos", [a.erased], into: out) { .unary(.arccos, $0[0]) }
}

/// Elementwise inverse tangent (`torch.atan`).
public func arctan<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("arctan", [a.erased]) { .unary(.arctan, $0[0]) }
}

/// `arctan` written into `out`.
public func arctan<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("arctan", [a.erased], into: out) { .unary(.arctan, $0[0]) }
}

/// Elementwise error function (`torch.erf`).
public func erf<S: GPUFloatingPoint>(_ a: GPUArray<S>) throws(GPUArrayError) -> GPUArray<S> {
    try Launcher.run("erf", [a.erased]) { .unary(.erf, $0[0]) }
}

/// `erf` written into `out`.
public func erf<S: GPUFloatingPoint>(_ a: GPUArray<S>, out: inout GPUArray<S>) throws(GPUArrayError) {
    out = try Launcher.run("erf", [a.erased], into: out) { .unary(.erf, $0[0]) }
}
