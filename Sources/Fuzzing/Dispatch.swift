import BachNumeric
import NDArrays

/// The NDArrays functions the fuzzer calls, by name.
enum Host {
    static func unary(_ name: String, _ a: NDArray<Double>) throws -> NDArray<Double> {
        var out = NDArray<Double>.empty(a.shape)
        try unary(name, a, out: &out)
        return out
    }

    static func unary(_ name: String, _ a: NDArray<Double>, out: inout NDArray<Double>) throws {
        switch name {
        case "negative": try NDArrays.negative(a, out: &out)
        case "abs": try NDArrays.abs(a, out: &out)
        case "sqrt": try NDArrays.sqrt(a, out: &out)
        case "floor": try NDArrays.floor(a, out: &out)
        case "ceil": try NDArrays.ceil(a, out: &out)
        case "exp": try NDArrays.exp(a, out: &out)
        case "log": try NDArrays.log(a, out: &out)
        case "log2": try NDArrays.log2(a, out: &out)
        case "log10": try NDArrays.log10(a, out: &out)
        case "sin": try NDArrays.sin(a, out: &out)
        case "cos": try NDArrays.cos(a, out: &out)
        case "tan": try NDArrays.tan(a, out: &out)
        case "arcsin": try NDArrays.arcsin(a, out: &out)
        case "arccos": try NDArrays.arccos(a, out: &out)
        case "arctan": try NDArrays.arctan(a, out: &out)
        default: try NDArrays.erf(a, out: &out)
        }
    }

    static func binary(_ name: String, _ a: NDArray<Double>, _ b: NDArray<Double>) throws -> NDArray<Double> {
        switch name {
        case "add": try NDArrays.add(a, b)
        case "subtract": try NDArrays.subtract(a, b)
        case "multiply": try NDArrays.multiply(a, b)
        case "divide": try NDArrays.divide(a, b)
        case "power": try NDArrays.power(a, b)
        case "minimum": try NDArrays.minimum(a, b)
        default: try NDArrays.maximum(a, b)
        }
    }

    static func binary(_ name: String, _ a: NDArray<Double>, _ b: NDArray<Double>, out: inout NDArray<Double>)
        throws
    {
        switch name {
        case "add": try NDArrays.add(a, b, out: &out)
        case "subtract": try NDArrays.subtract(a, b, out: &out)
        case "multiply": try NDArrays.multiply(a, b, out: &out)
        case "divide": try NDArrays.divide(a, b, out: &out)
        case "power": try NDArrays.power(a, b, out: &out)
        case "minimum": try NDArrays.minimum(a, b, out: &out)
        default: try NDArrays.maximum(a, b, out: &out)
        }
    }

    static func compare(_ name: String, _ a: NDArray<Double>, _ b: NDArray<Double>) throws -> NDArray<Bool> {
        switch name {
        case "less": try NDArrays.less(a, b)
        case "lessEqual": try NDArrays.lessEqual(a, b)
        case "greater": try NDArrays.greater(a, b)
        case "greaterEqual": try NDArrays.greaterEqual(a, b)
        case "equal": try NDArrays.equal(a, b)
        default: try NDArrays.notEqual(a, b)
        }
    }

    static func reduce(_ name: String, _ a: NDArray<Double>) throws -> Double {
        switch name {
        case "sum": NDArrays.sum(a)
        case "mean": NDArrays.mean(a)
        case "variance": NDArrays.variance(a)
        case "std": NDArrays.std(a)
        case "min": try NDArrays.min(a)
        case "max": try NDArrays.max(a)
        case "argmin": Double(try NDArrays.argmin(a))
        default: Double(try NDArrays.argmax(a))
        }
    }
}

/// The BachNumeric functions the fuzzer calls, by name.
enum Lazy {
    static func unary(_ name: String, _ a: LazyArray<Double>, out: LazyArray<Double>?) -> LazyArray<Double> {
        guard var target = out else {
            var fresh = a.runtime.empty(a.shape, of: Double.self)
            unary(name, a, into: &fresh)
            return fresh
        }
        unary(name, a, into: &target)
        return target
    }

    private static func unary(_ name: String, _ a: LazyArray<Double>, into out: inout LazyArray<Double>) {
        switch name {
        case "negative": BachNumeric.negative(a, out: &out)
        case "abs": BachNumeric.abs(a, out: &out)
        case "sqrt": BachNumeric.sqrt(a, out: &out)
        case "floor": BachNumeric.floor(a, out: &out)
        case "ceil": BachNumeric.ceil(a, out: &out)
        case "exp": BachNumeric.exp(a, out: &out)
        case "log": BachNumeric.log(a, out: &out)
        case "log2": BachNumeric.log2(a, out: &out)
        case "log10": BachNumeric.log10(a, out: &out)
        case "sin": BachNumeric.sin(a, out: &out)
        case "cos": BachNumeric.cos(a, out: &out)
        case "tan": BachNumeric.tan(a, out: &out)
        case "arcsin": BachNumeric.arcsin(a, out: &out)
        case "arccos": BachNumeric.arccos(a, out: &out)
        case "arctan": BachNumeric.arctan(a, out: &out)
        default: BachNumeric.erf(a, out: &out)
        }
    }

    static func binary(
        _ name: String, _ a: LazyArgument<Double>, _ b: LazyArgument<Double>, out: LazyArray<Double>?
    ) -> LazyArray<Double> {
        let x = Operand(a)
        let y = Operand(b)
        if var target = out {
            switch name {
            case "add": BachNumeric.add(x, y, out: &target)
            case "subtract": BachNumeric.subtract(x, y, out: &target)
            case "multiply": BachNumeric.multiply(x, y, out: &target)
            case "divide": BachNumeric.divide(x, y, out: &target)
            case "power": BachNumeric.power(x, y, out: &target)
            case "minimum": BachNumeric.minimum(x, y, out: &target)
            default: BachNumeric.maximum(x, y, out: &target)
            }
            return target
        }
        switch name {
        case "add": return BachNumeric.add(x, y)
        case "subtract": return BachNumeric.subtract(x, y)
        case "multiply": return BachNumeric.multiply(x, y)
        case "divide": return BachNumeric.divide(x, y)
        case "power": return BachNumeric.power(x, y)
        case "minimum": return BachNumeric.minimum(x, y)
        default: return BachNumeric.maximum(x, y)
        }
    }

    static func compare(_ name: String, _ a: LazyArgument<Double>, _ b: LazyArgument<Double>) -> LazyArray<
        Bool
    > {
        let (x, y) = (Operand(a), Operand(b))
        switch name {
        case "less": return BachNumeric.less(x, y)
        case "lessEqual": return BachNumeric.lessEqual(x, y)
        case "greater": return BachNumeric.greater(x, y)
        case "greaterEqual": return BachNumeric.greaterEqual(x, y)
        case "equal": return BachNumeric.equal(x, y)
        default: return BachNumeric.notEqual(x, y)
        }
    }

    static func select(_ condition: LazyArray<Bool>, _ a: LazyArgument<Double>, _ b: LazyArgument<Double>)
        -> LazyArray<Double>
    {
        BachNumeric.where(condition, Operand(a), Operand(b))
    }

    static func reduce(_ name: String, _ a: LazyArray<Double>) -> LazyScalar<Double> {
        switch name {
        case "sum": BachNumeric.sum(a)
        case "mean": BachNumeric.mean(a)
        case "variance": BachNumeric.variance(a)
        case "std": BachNumeric.std(a)
        case "min": BachNumeric.min(a)
        default: BachNumeric.max(a)
        }
    }

    /// A `LazyArgument` as an operand of the lazy functions.
    struct Operand: LazyOperand {
        let argument: LazyArgument<Double>
        init(_ argument: LazyArgument<Double>) { self.argument = argument }
        var lazyOperand: LazyArgument<Double> { argument }
    }
}
