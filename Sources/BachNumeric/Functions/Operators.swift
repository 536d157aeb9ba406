import BachRuntime
import NDArrays

// NumPy's operators on lazy arrays: each records the call of the same name (`a + b` is
// `add(a, b)`), so lazy programs read like NumPy programs. Nothing can fail when recording: shapes
// and types that do not fit are reported by `evaluate`, naming the call.

extension LazyArray where S: ArrayNumeric {
    /// `add(a, b)`, recorded.
    public static func + (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.add(a, b) }
    /// `add(a, b)` of a lazy array and a constant, recorded.
    public static func + (a: LazyArray, b: S) -> LazyArray { BachNumeric.add(a, b) }
    /// `add(a, b)` of a constant and a lazy array, recorded.
    public static func + (a: S, b: LazyArray) -> LazyArray { BachNumeric.add(a, b) }
    /// `add(a, b, out: &a)`: `a` becomes the new version.
    public static func += (a: inout LazyArray, b: LazyArray) { BachNumeric.add(a, b, out: &a) }
    /// `add(a, b, out: &a)` with a constant.
    public static func += (a: inout LazyArray, b: S) { BachNumeric.add(a, b, out: &a) }
    /// `subtract(a, b)`, recorded.
    public static func - (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.subtract(a, b) }
    /// `subtract(a, b)` of a lazy array and a constant, recorded.
    public static func - (a: LazyArray, b: S) -> LazyArray { BachNumeric.subtract(a, b) }
    /// `subtract(a, b)` of a constant and a lazy array, recorded.
    public static func - (a: S, b: LazyArray) -> LazyArray { BachNumeric.subtract(a, b) }
    /// `subtract(a, b, out: &a)`: `a` becomes the new version.
    public static func -= (a: inout LazyArray, b: LazyArray) { BachNumeric.subtract(a, b, out: &a) }
    /// `subtract(a, b, out: &a)` with a constant.
    public static func -= (a: inout LazyArray, b: S) { BachNumeric.subtract(a, b, out: &a) }
    /// `multiply(a, b)`, recorded.
    public static func * (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.multiply(a, b) }
    /// `multiply(a, b)` of a lazy array and a constant, recorded.
    public static func * (a: LazyArray, b: S) -> LazyArray { BachNumeric.multiply(a, b) }
    /// `multiply(a, b)` of a constant and a lazy array, recorded.
    public static func * (a: S, b: LazyArray) -> LazyArray { BachNumeric.multiply(a, b) }
    /// `multiply(a, b, out: &a)`: `a` becomes the new version.
    public static func *= (a: inout LazyArray, b: LazyArray) { BachNumeric.multiply(a, b, out: &a) }
    /// `multiply(a, b, out: &a)` with a constant.
    public static func *= (a: inout LazyArray, b: S) { BachNumeric.multiply(a, b, out: &a) }
    /// `negative(a)`, recorded.
    public static prefix func - (a: LazyArray) -> LazyArray { BachNumeric.negative(a) }
    /// `less(a, b)`, recorded: a lazy `Bool` array.
    public static func .< (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.less(a, b) }
    /// `less(a, b)` of a lazy array and a constant, recorded.
    public static func .< (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.less(a, b) }
    /// `less(a, b)` of a constant and a lazy array, recorded.
    public static func .< (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.less(a, b) }
    /// `lessEqual(a, b)`, recorded: a lazy `Bool` array.
    public static func .<= (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.lessEqual(a, b) }
    /// `lessEqual(a, b)` of a lazy array and a constant, recorded.
    public static func .<= (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.lessEqual(a, b) }
    /// `lessEqual(a, b)` of a constant and a lazy array, recorded.
    public static func .<= (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.lessEqual(a, b) }
    /// `greater(a, b)`, recorded: a lazy `Bool` array.
    public static func .> (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.greater(a, b) }
    /// `greater(a, b)` of a lazy array and a constant, recorded.
    public static func .> (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.greater(a, b) }
    /// `greater(a, b)` of a constant and a lazy array, recorded.
    public static func .> (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.greater(a, b) }
    /// `greaterEqual(a, b)`, recorded: a lazy `Bool` array.
    public static func .>= (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.greaterEqual(a, b) }
    /// `greaterEqual(a, b)` of a lazy array and a constant, recorded.
    public static func .>= (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.greaterEqual(a, b) }
    /// `greaterEqual(a, b)` of a constant and a lazy array, recorded.
    public static func .>= (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.greaterEqual(a, b) }
    /// `equal(a, b)`, recorded: a lazy `Bool` array.
    public static func .== (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.equal(a, b) }
    /// `equal(a, b)` of a lazy array and a constant, recorded.
    public static func .== (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.equal(a, b) }
    /// `equal(a, b)` of a constant and a lazy array, recorded.
    public static func .== (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.equal(a, b) }
    /// `notEqual(a, b)`, recorded: a lazy `Bool` array.
    public static func .!= (a: LazyArray, b: LazyArray) -> LazyArray<Bool> { BachNumeric.notEqual(a, b) }
    /// `notEqual(a, b)` of a lazy array and a constant, recorded.
    public static func .!= (a: LazyArray, b: S) -> LazyArray<Bool> { BachNumeric.notEqual(a, b) }
    /// `notEqual(a, b)` of a constant and a lazy array, recorded.
    public static func .!= (a: S, b: LazyArray) -> LazyArray<Bool> { BachNumeric.notEqual(a, b) }
}

extension LazyArray where S: ArrayFloatingPoint {
    /// `divide(a, b)`, recorded.
    public static func / (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.divide(a, b) }
    /// `divide(a, b)` of a lazy array and a constant, recorded.
    public static func / (a: LazyArray, b: S) -> LazyArray { BachNumeric.divide(a, b) }
    /// `divide(a, b)` of a constant and a lazy array, recorded.
    public static func / (a: S, b: LazyArray) -> LazyArray { BachNumeric.divide(a, b) }
    /// `divide(a, b, out: &a)`: `a` becomes the new version.
    public static func /= (a: inout LazyArray, b: LazyArray) { BachNumeric.divide(a, b, out: &a) }
    /// `divide(a, b, out: &a)` with a constant.
    public static func /= (a: inout LazyArray, b: S) { BachNumeric.divide(a, b, out: &a) }
}

extension LazyArray where S == Bool {
    /// `logicalAnd(a, b)`, recorded.
    public static func .& (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.logicalAnd(a, b) }
    /// `logicalOr(a, b)`, recorded.
    public static func .| (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.logicalOr(a, b) }
    /// `logicalXor(a, b)`, recorded.
    public static func .^ (a: LazyArray, b: LazyArray) -> LazyArray { BachNumeric.logicalXor(a, b) }
    /// `logicalNot(a)`, recorded.
    public static prefix func .! (a: LazyArray) -> LazyArray { BachNumeric.logicalNot(a) }
}
