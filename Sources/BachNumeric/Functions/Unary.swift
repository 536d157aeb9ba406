import Bach
import GPUArrays
import NDArrays

// Lazy unary functions with NumPy's names, each annotated with the NDArrays and GPUArrays function
// of the same name.

/// Elementwise negative (`numpy.negative`), recorded lazily.
public func negative<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordNegative(a, out: nil)
}

/// `negative` written into `out`; `out` may be `a`.
public func negative<S: ArrayNumeric>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordNegative(a, out: out)
}

private func recordNegative<S: ArrayNumeric>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "negative", a, out: out, cpu: { NDArrays.negative($0) },
        cpuOut: { try NDArrays.negative($0, out: &$1) },
        gpu: { try GPUArrays.negative($0) }, gpuOut: { try GPUArrays.negative($0, out: &$1) })
}

/// Elementwise abs (`numpy.abs`), recorded lazily.
public func abs<S: ArrayNumeric>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordAbs(a, out: nil)
}

/// `abs` written into `out`; `out` may be `a`.
public func abs<S: ArrayNumeric>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordAbs(a, out: out)
}

private func recordAbs<S: ArrayNumeric>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "abs", a, out: out, cpu: { NDArrays.abs($0) }, cpuOut: { try NDArrays.abs($0, out: &$1) },
        gpu: { try GPUArrays.abs($0) }, gpuOut: { try GPUArrays.abs($0, out: &$1) })
}

/// Elementwise sqrt (`numpy.sqrt`), recorded lazily.
public func sqrt<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordSqrt(a, out: nil)
}

/// `sqrt` written into `out`; `out` may be `a`.
public func sqrt<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordSqrt(a, out: out)
}

private func recordSqrt<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "sqrt", a, out: out, cpu: { NDArrays.sqrt($0) }, cpuOut: { try NDArrays.sqrt($0, out: &$1) },
        gpu: { try GPUArrays.sqrt($0) }, gpuOut: { try GPUArrays.sqrt($0, out: &$1) })
}

/// Elementwise floor (`numpy.floor`), recorded lazily.
public func floor<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordFloor(a, out: nil)
}

/// `floor` written into `out`; `out` may be `a`.
public func floor<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordFloor(a, out: out)
}

private func recordFloor<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "floor", a, out: out, cpu: { NDArrays.floor($0) }, cpuOut: { try NDArrays.floor($0, out: &$1) },
        gpu: { try GPUArrays.floor($0) }, gpuOut: { try GPUArrays.floor($0, out: &$1) })
}

/// Elementwise ceil (`numpy.ceil`), recorded lazily.
public func ceil<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordCeil(a, out: nil)
}

/// `ceil` written into `out`; `out` may be `a`.
public func ceil<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordCeil(a, out: out)
}

private func recordCeil<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "ceil", a, out: out, cpu: { NDArrays.ceil($0) }, cpuOut: { try NDArrays.ceil($0, out: &$1) },
        gpu: { try GPUArrays.ceil($0) }, gpuOut: { try GPUArrays.ceil($0, out: &$1) })
}

/// Elementwise exp (`numpy.exp`), recorded lazily.
public func exp<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordExp(a, out: nil)
}

/// `exp` written into `out`; `out` may be `a`.
public func exp<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordExp(a, out: out)
}

private func recordExp<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "exp", a, out: out, cpu: { NDArrays.exp($0) }, cpuOut: { try NDArrays.exp($0, out: &$1) },
        gpu: { try GPUArrays.exp($0) }, gpuOut: { try GPUArrays.exp($0, out: &$1) })
}

/// Elementwise log (`numpy.log`), recorded lazily.
public func log<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordLog(a, out: nil)
}

/// `log` written into `out`; `out` may be `a`.
public func log<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordLog(a, out: out)
}

private func recordLog<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "log", a, out: out, cpu: { NDArrays.log($0) }, cpuOut: { try NDArrays.log($0, out: &$1) },
        gpu: { try GPUArrays.log($0) }, gpuOut: { try GPUArrays.log($0, out: &$1) })
}

/// Elementwise log2 (`numpy.log2`), recorded lazily.
public func log2<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordLog2(a, out: nil)
}

/// `log2` written into `out`; `out` may be `a`.
public func log2<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordLog2(a, out: out)
}

private func recordLog2<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "log2", a, out: out, cpu: { NDArrays.log2($0) }, cpuOut: { try NDArrays.log2($0, out: &$1) },
        gpu: { try GPUArrays.log2($0) }, gpuOut: { try GPUArrays.log2($0, out: &$1) })
}

/// Elementwise log10 (`numpy.log10`), recorded lazily.
public func log10<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordLog10(a, out: nil)
}

/// `log10` written into `out`; `out` may be `a`.
public func log10<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordLog10(a, out: out)
}

private func recordLog10<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "log10", a, out: out, cpu: { NDArrays.log10($0) }, cpuOut: { try NDArrays.log10($0, out: &$1) },
        gpu: { try GPUArrays.log10($0) }, gpuOut: { try GPUArrays.log10($0, out: &$1) })
}

/// Elementwise sin (`numpy.sin`), recorded lazily.
public func sin<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordSin(a, out: nil)
}

/// `sin` written into `out`; `out` may be `a`.
public func sin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordSin(a, out: out)
}

private func recordSin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "sin", a, out: out, cpu: { NDArrays.sin($0) }, cpuOut: { try NDArrays.sin($0, out: &$1) },
        gpu: { try GPUArrays.sin($0) }, gpuOut: { try GPUArrays.sin($0, out: &$1) })
}

/// Elementwise cos (`numpy.cos`), recorded lazily.
public func cos<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordCos(a, out: nil)
}

/// `cos` written into `out`; `out` may be `a`.
public func cos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordCos(a, out: out)
}

private func recordCos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "cos", a, out: out, cpu: { NDArrays.cos($0) }, cpuOut: { try NDArrays.cos($0, out: &$1) },
        gpu: { try GPUArrays.cos($0) }, gpuOut: { try GPUArrays.cos($0, out: &$1) })
}

/// Elementwise tan (`numpy.tan`), recorded lazily.
public func tan<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordTan(a, out: nil)
}

/// `tan` written into `out`; `out` may be `a`.
public func tan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordTan(a, out: out)
}

private func recordTan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "tan", a, out: out, cpu: { NDArrays.tan($0) }, cpuOut: { try NDArrays.tan($0, out: &$1) },
        gpu: { try GPUArrays.tan($0) }, gpuOut: { try GPUArrays.tan($0, out: &$1) })
}

/// Elementwise arcsin (`numpy.arcsin`), recorded lazily.
public func arcsin<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordArcsin(a, out: nil)
}

/// `arcsin` written into `out`; `out` may be `a`.
public func arcsin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordArcsin(a, out: out)
}

private func recordArcsin<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "arcsin", a, out: out, cpu: { NDArrays.arcsin($0) }, cpuOut: { try NDArrays.arcsin($0, out: &$1) },
        gpu: { try GPUArrays.arcsin($0) }, gpuOut: { try GPUArrays.arcsin($0, out: &$1) })
}

/// Elementwise arccos (`numpy.arccos`), recorded lazily.
public func arccos<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordArccos(a, out: nil)
}

/// `arccos` written into `out`; `out` may be `a`.
public func arccos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordArccos(a, out: out)
}

private func recordArccos<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "arccos", a, out: out, cpu: { NDArrays.arccos($0) }, cpuOut: { try NDArrays.arccos($0, out: &$1) },
        gpu: { try GPUArrays.arccos($0) }, gpuOut: { try GPUArrays.arccos($0, out: &$1) })
}

/// Elementwise arctan (`numpy.arctan`), recorded lazily.
public func arctan<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordArctan(a, out: nil)
}

/// `arctan` written into `out`; `out` may be `a`.
public func arctan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordArctan(a, out: out)
}

private func recordArctan<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "arctan", a, out: out, cpu: { NDArrays.arctan($0) }, cpuOut: { try NDArrays.arctan($0, out: &$1) },
        gpu: { try GPUArrays.arctan($0) }, gpuOut: { try GPUArrays.arctan($0, out: &$1) })
}

/// Elementwise erf (`scipy.special.erf`), recorded lazily.
public func erf<S: ArrayFloatingPoint>(_ a: LazyArray<S>) -> LazyArray<S> {
    recordErf(a, out: nil)
}

/// `erf` written into `out`; `out` may be `a`.
public func erf<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: inout LazyArray<S>) {
    out = recordErf(a, out: out)
}

private func recordErf<S: ArrayFloatingPoint>(_ a: LazyArray<S>, out: LazyArray<S>?) -> LazyArray<S> {
    Recorders.unary(
        "erf", a, out: out, cpu: { NDArrays.erf($0) }, cpuOut: { try NDArrays.erf($0, out: &$1) },
        gpu: { try GPUArrays.erf($0) }, gpuOut: { try GPUArrays.erf($0, out: &$1) })
}
