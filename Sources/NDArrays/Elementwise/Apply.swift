// The ufuncs chosen by name at run time: `apply(.exp, x)` is `exp(x)`, `apply(.less, a, b)` is
// `less(a, b)`, over arrays of any element type. This is how code that holds an operation of the
// shared vocabulary (an annotation table, a fuzzer, a fused program's reference) calls NDArrays.

/// The ufunc `op` of `a`. Throws when `a`'s element type is not one `op` accepts.
public func apply(_ op: UnaryOperation, _ a: AnyNDArray) throws(NDArrayError) -> AnyNDArray {
    try check(op.rawValue, op.domain, [a.dtype])
    switch a {
    case .float64(let x): return .float64(Ufunc.unary(op, x))
    case .float32(let x): return .float32(Ufunc.unary(op, x))
    case .int64(let x): return .int64(Elementwise.unary(op, x))
    case .int32(let x): return .int32(Elementwise.unary(op, x))
    case .bool(let x): return .bool(logicalNot(x))
    }
}

/// The ufunc `op` of `a` written into `out` (NumPy's `out=`), which must have `a`'s type and the
/// broadcast shape.
public func apply(_ op: UnaryOperation, _ a: AnyNDArray, out: inout AnyNDArray) throws(NDArrayError) {
    try check(op.rawValue, op.domain, [a.dtype, out.dtype])
    switch a {
    case .float64(let x):
        try out.update(Double.self) { (o) throws(NDArrayError) in try Ufunc.unary(op, x, &o) }
    case .float32(let x):
        try out.update(Float.self) { (o) throws(NDArrayError) in try Ufunc.unary(op, x, &o) }
    case .int64(let x):
        try out.update(Int64.self) { (o) throws(NDArrayError) in try Elementwise.unary(op, x, out: &o) }
    case .int32(let x):
        try out.update(Int32.self) { (o) throws(NDArrayError) in try Elementwise.unary(op, x, out: &o) }
    case .bool(let x): try out.update(Bool.self) { (o) throws(NDArrayError) in try logicalNot(x, out: &o) }
    }
}

/// The ufunc `op` of `a` and `b` (of one element type; shapes broadcast). Comparisons and logical
/// operations yield a `bool` array.
public func apply(_ op: BinaryOperation, _ a: AnyNDArray, _ b: AnyNDArray) throws(NDArrayError) -> AnyNDArray
{
    try check(op.rawValue, op.domain, [a.dtype, b.dtype])
    switch (a, b) {
    case (.float64(let x), .float64(let y)): return try Ufunc.binary(op, x, y)
    case (.float32(let x), .float32(let y)): return try Ufunc.binary(op, x, y)
    case (.int64(let x), .int64(let y)): return try Ufunc.binary(op, x, y)
    case (.int32(let x), .int32(let y)): return try Ufunc.binary(op, x, y)
    case (.bool(let x), .bool(let y)): return .bool(try Elementwise.logical(op, x, y))
    default:
        throw .invalidArgument(
            operation: op.rawValue, expected: "operands of one type", found: "\(a.dtype) and \(b.dtype)")
    }
}

/// The ufunc `op` of `a` and `b` written into `out`, which must have the result's type and the
/// broadcast shape.
public func apply(_ op: BinaryOperation, _ a: AnyNDArray, _ b: AnyNDArray, out: inout AnyNDArray)
    throws(NDArrayError)
{
    try check(op.rawValue, op.domain, [a.dtype, b.dtype])
    guard out.dtype == op.resultType(a.dtype) else {
        throw .invalidArgument(
            operation: op.rawValue, expected: "out: of type \(op.resultType(a.dtype))", found: "\(out.dtype)")
    }
    switch (a, b) {
    case (.float64(let x), .float64(let y)): try Ufunc.binary(op, x, y, &out)
    case (.float32(let x), .float32(let y)): try Ufunc.binary(op, x, y, &out)
    case (.int64(let x), .int64(let y)): try Ufunc.binary(op, x, y, &out)
    case (.int32(let x), .int32(let y)): try Ufunc.binary(op, x, y, &out)
    case (.bool(let x), .bool(let y)):
        try out.update(Bool.self) { (o) throws(NDArrayError) in try Elementwise.logical(op, x, y, out: &o) }
    default:
        throw .invalidArgument(
            operation: op.rawValue, expected: "operands of one type", found: "\(a.dtype) and \(b.dtype)")
    }
}

/// `where(cond, a, b)` of arrays of any one element type.
public func select(_ cond: AnyNDArray, _ a: AnyNDArray, _ b: AnyNDArray) throws(NDArrayError) -> AnyNDArray {
    guard let c = cond.typed(Bool.self), a.dtype == b.dtype else {
        throw .invalidArgument(
            operation: "where", expected: "a bool condition and values of one type",
            found: "\(cond.dtype), \(a.dtype) and \(b.dtype)")
    }
    switch (a, b) {
    case (.float64(let x), .float64(let y)): return .float64(try Elementwise.select(c, x, y))
    case (.float32(let x), .float32(let y)): return .float32(try Elementwise.select(c, x, y))
    case (.int64(let x), .int64(let y)): return .int64(try Elementwise.select(c, x, y))
    case (.int32(let x), .int32(let y)): return .int32(try Elementwise.select(c, x, y))
    case (.bool(let x), .bool(let y)): return .bool(try Elementwise.select(c, x, y))
    default: preconditionFailure("types were checked")
    }
}

/// `where(cond, a, b)` written into `out`.
public func select(_ cond: AnyNDArray, _ a: AnyNDArray, _ b: AnyNDArray, out: inout AnyNDArray)
    throws(NDArrayError)
{
    guard let c = cond.typed(Bool.self), a.dtype == b.dtype, out.dtype == a.dtype else {
        throw .invalidArgument(
            operation: "where", expected: "a bool condition, values and out: of one type",
            found: "\(cond.dtype), \(a.dtype), \(b.dtype) and \(out.dtype)")
    }
    switch (a, b) {
    case (.float64(let x), .float64(let y)):
        try out.update(Double.self) { (o) throws(NDArrayError) in try Elementwise.select(c, x, y, out: &o) }
    case (.float32(let x), .float32(let y)):
        try out.update(Float.self) { (o) throws(NDArrayError) in try Elementwise.select(c, x, y, out: &o) }
    case (.int64(let x), .int64(let y)):
        try out.update(Int64.self) { (o) throws(NDArrayError) in try Elementwise.select(c, x, y, out: &o) }
    case (.int32(let x), .int32(let y)):
        try out.update(Int32.self) { (o) throws(NDArrayError) in try Elementwise.select(c, x, y, out: &o) }
    case (.bool(let x), .bool(let y)):
        try out.update(Bool.self) { (o) throws(NDArrayError) in try Elementwise.select(c, x, y, out: &o) }
    default: preconditionFailure("types were checked")
    }
}

/// Throws unless every type in `types` belongs to `domain`.
private func check(_ operation: String, _ domain: Domain, _ types: [DType]) throws(NDArrayError) {
    guard let wrong = types.first(where: { !domain.contains($0) }) else { return }
    let expected =
        switch domain {
        case .numeric: "a numeric array"
        case .floatingPoint: "a float64 or float32 array"
        case .boolean: "a bool array"
        }
    throw .invalidArgument(operation: operation, expected: expected, found: "an array of \(wrong)")
}

/// The typed ufunc entry points behind `apply`.
private enum Ufunc {
    static func unary<S: NDFloatingPoint>(_ op: UnaryOperation, _ a: NDArray<S>) -> NDArray<S> {
        op == .negative || op == .abs ? Elementwise.unary(op, a) : Elementwise.math(op, a)
    }

    static func unary<S: NDFloatingPoint>(_ op: UnaryOperation, _ a: NDArray<S>, _ out: inout NDArray<S>)
        throws(NDArrayError)
    {
        if op == .negative || op == .abs {
            try Elementwise.unary(op, a, out: &out)
        } else {
            try Elementwise.math(op, a, out: &out)
        }
    }

    static func binary<S: NDNumeric>(_ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>)
        throws(NDArrayError)
        -> AnyNDArray
    {
        if op.isComparison { return .bool(try Elementwise.compare(op, a, b)) }
        if op == .divide || op == .power { return try floatBinary(op, a, b) }
        return AnyNDArray(try Elementwise.binary(op, a, b))
    }

    static func binary<S: NDNumeric>(
        _ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>, _ out: inout AnyNDArray
    ) throws(NDArrayError) {
        if op.isComparison {
            try out.update(Bool.self) { (o) throws(NDArrayError) in try Elementwise.compare(op, a, b, out: &o)
            }
        } else if op == .divide || op == .power {
            try floatBinary(op, a, b, &out)
        } else {
            try out.update(S.self) { (o) throws(NDArrayError) in try Elementwise.binary(op, a, b, out: &o) }
        }
    }

    private static func floatBinary<S: NDNumeric>(_ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>)
        throws(NDArrayError) -> AnyNDArray
    {
        switch (a, b) {
        case let (x as NDArray<Double>, y as NDArray<Double>): .float64(try Elementwise.floatBinary(op, x, y))
        case let (x as NDArray<Float>, y as NDArray<Float>): .float32(try Elementwise.floatBinary(op, x, y))
        default: preconditionFailure("domains were checked")
        }
    }

    private static func floatBinary<S: NDNumeric>(
        _ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>, _ out: inout AnyNDArray
    ) throws(NDArrayError) {
        switch (a, b) {
        case let (x as NDArray<Double>, y as NDArray<Double>):
            try out.update(Double.self) { (o) throws(NDArrayError) in
                try Elementwise.floatBinary(op, x, y, out: &o)
            }
        case let (x as NDArray<Float>, y as NDArray<Float>):
            try out.update(Float.self) { (o) throws(NDArrayError) in
                try Elementwise.floatBinary(op, x, y, out: &o)
            }
        default: preconditionFailure("domains were checked")
        }
    }
}

extension AnyNDArray {
    /// Runs `body` on the array as `NDArray<S>` with this enum no longer referring to it, so that
    /// an in-place write finds its buffer unshared; then stores it back.
    mutating func update<S: NDScalar>(_: S.Type, _ body: (inout NDArray<S>) throws(NDArrayError) -> Void)
        throws(NDArrayError)
    {
        guard var typed = typed(S.self) else {
            throw .invalidArgument(operation: "out:", expected: "an array of \(S.dtype)", found: "\(dtype)")
        }
        self = .bool(NDArray<Bool>(uninitializedShape: [0]))
        defer { self = AnyNDArray(typed) }
        try body(&typed)
    }
}

/// The ufunc `op` of `a`, typed: `apply(.exp, x)` is `exp(x)`. Throws when `S` is not a type `op`
/// accepts.
public func apply<S: NDScalar>(_ op: UnaryOperation, _ a: NDArray<S>) throws(NDArrayError) -> NDArray<S> {
    try apply(op, AnyNDArray(a)).typed(S.self)!
}

/// The ufunc `op` of `a` written into `out` (`out` may be `a`).
public func apply<S: NDScalar>(_ op: UnaryOperation, _ a: NDArray<S>, out: inout NDArray<S>)
    throws(NDArrayError)
{
    var target = AnyNDArray(out)
    out = NDArray(uninitializedShape: [0])
    defer { out = target.typed(S.self)! }
    try apply(op, AnyNDArray(a), out: &target)
}

/// The ufunc `op` of `a` and `b`, typed, yielding `R` (the operands' type for arithmetic, `Bool`
/// for comparisons and logical operations).
public func apply<S: NDScalar, R: NDScalar>(
    _ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>, as _: R.Type = R.self
) throws(NDArrayError) -> NDArray<R> {
    let result = try apply(op, AnyNDArray(a), AnyNDArray(b))
    guard let typed = result.typed(R.self) else {
        throw .invalidArgument(
            operation: op.rawValue, expected: "a result of type \(R.dtype)", found: "\(result.dtype)")
    }
    return typed
}

/// The ufunc `op` of `a` and `b` written into `out`.
public func apply<S: NDScalar, R: NDScalar>(
    _ op: BinaryOperation, _ a: NDArray<S>, _ b: NDArray<S>, out: inout NDArray<R>
) throws(NDArrayError) {
    var target = AnyNDArray(out)
    out = NDArray(uninitializedShape: [0])
    defer { out = target.typed(R.self)! }
    try apply(op, AnyNDArray(a), AnyNDArray(b), out: &target)
}
