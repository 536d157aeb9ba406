// Elementwise selection: NumPy's `where` and pandas' `mask`.

/// `cond ? a : b` elementwise, with broadcasting (`numpy.where`). `where` is a Swift keyword, so
/// the call is spelled `` `where`(cond, a, b) ``.
public func `where`<S: NDScalar>(
    _ cond: NDArray<Bool>, _ a: NDArray<S>, _ b: NDArray<S>
) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.select(cond, a, b)
}

/// `where` with a scalar for the false case.
public func `where`<S: NDScalar>(
    _ cond: NDArray<Bool>, _ a: NDArray<S>, _ b: S
) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.select(cond, a, NDArray(scalar: b))
}

/// `where` with a scalar for the true case.
public func `where`<S: NDScalar>(
    _ cond: NDArray<Bool>, _ a: S, _ b: NDArray<S>
) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.select(cond, NDArray(scalar: a), b)
}

/// `where` with scalars for both cases; cannot fail.
public func `where`<S: NDScalar>(_ cond: NDArray<Bool>, _ a: S, _ b: S) -> NDArray<S> {
    trapping {
        try Elementwise.select(cond, NDArray(scalar: a), NDArray(scalar: b))
    }
}

/// `where` written into `out`; `out` may be one of the operands.
public func `where`<S: NDScalar>(
    _ cond: consuming NDArray<Bool>, _ a: consuming NDArray<S>, _ b: consuming NDArray<S>,
    out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.select(consume cond, consume a, consume b, out: &out)
}

/// `where` with a scalar for the false case, written into `out`.
public func `where`<S: NDScalar>(
    _ cond: consuming NDArray<Bool>, _ a: consuming NDArray<S>, _ b: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.select(consume cond, consume a, NDArray(scalar: b), out: &out)
}

/// `where` with a scalar for the true case, written into `out`.
public func `where`<S: NDScalar>(
    _ cond: consuming NDArray<Bool>, _ a: S, _ b: consuming NDArray<S>, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.select(consume cond, NDArray(scalar: a), consume b, out: &out)
}

/// `a` with the elements where `cond` holds replaced by `value` (pandas' `Series.mask`).
public func mask<S: NDScalar>(
    _ a: NDArray<S>, _ cond: NDArray<Bool>, _ value: S
) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.select(cond, NDArray(scalar: value), a)
}

/// `mask` taking replacements from an array.
public func mask<S: NDScalar>(
    _ a: NDArray<S>, _ cond: NDArray<Bool>, _ value: NDArray<S>
) throws(NDArrayError) -> NDArray<S> {
    try Elementwise.select(cond, value, a)
}

/// `mask` written into `out`; `out` may be `a` (the usual in-place masking).
public func mask<S: NDScalar>(
    _ a: consuming NDArray<S>, _ cond: consuming NDArray<Bool>, _ value: S, out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.select(consume cond, NDArray(scalar: value), consume a, out: &out)
}

/// `mask` taking replacements from an array, written into `out`.
public func mask<S: NDScalar>(
    _ a: consuming NDArray<S>, _ cond: consuming NDArray<Bool>, _ value: consuming NDArray<S>,
    out: inout NDArray<S>
) throws(NDArrayError) {
    try Elementwise.select(consume cond, consume value, consume a, out: &out)
}
