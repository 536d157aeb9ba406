import Bach
import GPUArrays
import NDArrays

// Lazy arithmetic with NumPy's names: each records a call annotated with the NDArrays function
// (CPU) and the GPUArrays function (GPU) of the same name. Either operand may be a constant of the
// element type; shapes broadcast as in NumPy, and a mismatch is reported by `evaluate`.

/// Elementwise add (`numpy.add`), recorded lazily.
public func add<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordAdd(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `add` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func add<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>)
{
    out = recordAdd(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordAdd<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "add", a, b, out: out, cpu: { try NDArrays.add($0, $1) },
        cpuOut: { try NDArrays.add($0, $1, out: &$2) },
        gpu: { try GPUArrays.add($0, $1) }, gpuOut: { try GPUArrays.add($0, $1, out: &$2) })
}

/// Elementwise subtract (`numpy.subtract`), recorded lazily.
public func subtract<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordSubtract(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `subtract` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func subtract<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordSubtract(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordSubtract<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "subtract", a, b, out: out, cpu: { try NDArrays.subtract($0, $1) },
        cpuOut: { try NDArrays.subtract($0, $1, out: &$2) },
        gpu: { try GPUArrays.subtract($0, $1) }, gpuOut: { try GPUArrays.subtract($0, $1, out: &$2) })
}

/// Elementwise multiply (`numpy.multiply`), recorded lazily.
public func multiply<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordMultiply(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `multiply` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func multiply<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordMultiply(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordMultiply<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "multiply", a, b, out: out, cpu: { try NDArrays.multiply($0, $1) },
        cpuOut: { try NDArrays.multiply($0, $1, out: &$2) },
        gpu: { try GPUArrays.multiply($0, $1) }, gpuOut: { try GPUArrays.multiply($0, $1, out: &$2) })
}

/// Elementwise divide (`numpy.divide`), recorded lazily.
public func divide<S: ArrayFloatingPoint>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S>
{
    recordDivide(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `divide` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func divide<S: ArrayFloatingPoint>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordDivide(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordDivide<S: ArrayFloatingPoint>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "divide", a, b, out: out, cpu: { try NDArrays.divide($0, $1) },
        cpuOut: { try NDArrays.divide($0, $1, out: &$2) },
        gpu: { try GPUArrays.divide($0, $1) }, gpuOut: { try GPUArrays.divide($0, $1, out: &$2) })
}

/// Elementwise power (`numpy.power`), recorded lazily.
public func power<S: ArrayFloatingPoint>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordPower(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `power` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func power<S: ArrayFloatingPoint>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordPower(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordPower<S: ArrayFloatingPoint>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "power", a, b, out: out, cpu: { try NDArrays.power($0, $1) },
        cpuOut: { try NDArrays.power($0, $1, out: &$2) },
        gpu: { try GPUArrays.power($0, $1) }, gpuOut: { try GPUArrays.power($0, $1, out: &$2) })
}

/// Elementwise minimum (`numpy.minimum`; NaN wins), recorded lazily.
public func minimum<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordMinimum(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `minimum` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func minimum<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordMinimum(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordMinimum<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "minimum", a, b, out: out, cpu: { try NDArrays.minimum($0, $1) },
        cpuOut: { try NDArrays.minimum($0, $1, out: &$2) },
        gpu: { try GPUArrays.minimum($0, $1) }, gpuOut: { try GPUArrays.minimum($0, $1, out: &$2) })
}

/// Elementwise maximum (`numpy.maximum`; NaN wins), recorded lazily.
public func maximum<S: ArrayNumeric>(_ a: some LazyOperand<S>, _ b: some LazyOperand<S>) -> LazyArray<S> {
    recordMaximum(a.lazyOperand, b.lazyOperand, out: nil)
}

/// `maximum` written into `out` (NumPy's `out=`): `out` becomes the new version.
public func maximum<S: ArrayNumeric>(
    _ a: some LazyOperand<S>, _ b: some LazyOperand<S>, out: inout LazyArray<S>
) {
    out = recordMaximum(a.lazyOperand, b.lazyOperand, out: out)
}

private func recordMaximum<S: ArrayNumeric>(
    _ a: LazyArgument<S>, _ b: LazyArgument<S>, out: LazyArray<S>?
) -> LazyArray<S> {
    Recorders.binary(
        "maximum", a, b, out: out, cpu: { try NDArrays.maximum($0, $1) },
        cpuOut: { try NDArrays.maximum($0, $1, out: &$2) },
        gpu: { try GPUArrays.maximum($0, $1) }, gpuOut: { try GPUArrays.maximum($0, $1, out: &$2) })
}
