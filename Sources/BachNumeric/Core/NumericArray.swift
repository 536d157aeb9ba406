import Bach
import GPUArrays
import NDArrays

/// The array API that `NDArray` (CPU), `GPUArray` (hand-written GPU code) and `LazyArray` (through
/// Bach) share, so that a program is written once and run by all three.
///
/// Functions are static, with NumPy's names and `out:` forms as the seed's workloads use them:
/// `try A.multiply(vol, vol, out: &rsig)`. Only `LazyArray` records instead of computing; its
/// functions never throw here (errors surface at evaluation).
public protocol NumericArray {
    associatedtype Scalar: ArrayFloatingPoint

    /// The number of elements.
    var count: Int { get }

    /// A new 1-D array of `count` elements, unset, in the same place as `self` (the host, the same
    /// GPU context, or the same Bach runtime).
    func emptyLike(count: Int) throws -> Self

    static func add(_ a: Self, _ b: Self, out: inout Self) throws
    static func add(_ a: Self, _ b: Scalar, out: inout Self) throws
    static func subtract(_ a: Self, _ b: Self, out: inout Self) throws
    static func subtract(_ a: Self, _ b: Scalar, out: inout Self) throws
    static func subtract(_ a: Scalar, _ b: Self, out: inout Self) throws
    static func multiply(_ a: Self, _ b: Self, out: inout Self) throws
    static func multiply(_ a: Self, _ b: Scalar, out: inout Self) throws
    static func divide(_ a: Self, _ b: Self, out: inout Self) throws
    static func divide(_ a: Self, _ b: Scalar, out: inout Self) throws

    static func sqrt(_ a: Self, out: inout Self) throws
    static func exp(_ a: Self, out: inout Self) throws
    static func log2(_ a: Self, out: inout Self) throws
    static func erf(_ a: Self, out: inout Self) throws
    static func sin(_ a: Self, out: inout Self) throws
    static func cos(_ a: Self, out: inout Self) throws
    static func arcsin(_ a: Self, out: inout Self) throws
}

extension NDArray: NumericArray where Scalar: ArrayFloatingPoint {
    public func emptyLike(count: Int) throws -> NDArray { NDArray.empty([count]) }

    public static func add(_ a: NDArray, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.add(a, b, out: &out)
    }
    public static func add(_ a: NDArray, _ b: Scalar, out: inout NDArray) throws {
        try NDArrays.add(a, b, out: &out)
    }
    public static func subtract(_ a: NDArray, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: NDArray, _ b: Scalar, out: inout NDArray) throws {
        try NDArrays.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: Scalar, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.subtract(a, b, out: &out)
    }
    public static func multiply(_ a: NDArray, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.multiply(a, b, out: &out)
    }
    public static func multiply(_ a: NDArray, _ b: Scalar, out: inout NDArray) throws {
        try NDArrays.multiply(a, b, out: &out)
    }
    public static func divide(_ a: NDArray, _ b: NDArray, out: inout NDArray) throws {
        try NDArrays.divide(a, b, out: &out)
    }
    public static func divide(_ a: NDArray, _ b: Scalar, out: inout NDArray) throws {
        try NDArrays.divide(a, b, out: &out)
    }
    public static func sqrt(_ a: NDArray, out: inout NDArray) throws { try NDArrays.sqrt(a, out: &out) }
    public static func exp(_ a: NDArray, out: inout NDArray) throws { try NDArrays.exp(a, out: &out) }
    public static func log2(_ a: NDArray, out: inout NDArray) throws { try NDArrays.log2(a, out: &out) }
    public static func erf(_ a: NDArray, out: inout NDArray) throws { try NDArrays.erf(a, out: &out) }
    public static func sin(_ a: NDArray, out: inout NDArray) throws { try NDArrays.sin(a, out: &out) }
    public static func cos(_ a: NDArray, out: inout NDArray) throws { try NDArrays.cos(a, out: &out) }
    public static func arcsin(_ a: NDArray, out: inout NDArray) throws { try NDArrays.arcsin(a, out: &out) }
}

extension GPUArray: NumericArray where Scalar: ArrayFloatingPoint {
    public func emptyLike(count: Int) throws -> GPUArray { try GPUArray(empty: [count], in: context) }

    public static func add(_ a: GPUArray, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.add(a, b, out: &out)
    }
    public static func add(_ a: GPUArray, _ b: Scalar, out: inout GPUArray) throws {
        try GPUArrays.add(a, b, out: &out)
    }
    public static func subtract(_ a: GPUArray, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: GPUArray, _ b: Scalar, out: inout GPUArray) throws {
        try GPUArrays.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: Scalar, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.subtract(a, b, out: &out)
    }
    public static func multiply(_ a: GPUArray, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.multiply(a, b, out: &out)
    }
    public static func multiply(_ a: GPUArray, _ b: Scalar, out: inout GPUArray) throws {
        try GPUArrays.multiply(a, b, out: &out)
    }
    public static func divide(_ a: GPUArray, _ b: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.divide(a, b, out: &out)
    }
    public static func divide(_ a: GPUArray, _ b: Scalar, out: inout GPUArray) throws {
        try GPUArrays.divide(a, b, out: &out)
    }
    public static func sqrt(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.sqrt(a, out: &out) }
    public static func exp(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.exp(a, out: &out) }
    public static func log2(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.log2(a, out: &out) }
    public static func erf(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.erf(a, out: &out) }
    public static func sin(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.sin(a, out: &out) }
    public static func cos(_ a: GPUArray, out: inout GPUArray) throws { try GPUArrays.cos(a, out: &out) }
    public static func arcsin(_ a: GPUArray, out: inout GPUArray) throws {
        try GPUArrays.arcsin(a, out: &out)
    }
}

extension LazyArray: NumericArray where S: ArrayFloatingPoint {
    public typealias Scalar = S

    public func emptyLike(count: Int) throws -> LazyArray { runtime.empty([count]) }

    public static func add(_ a: LazyArray, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.add(a, b, out: &out)
    }
    public static func add(_ a: LazyArray, _ b: S, out: inout LazyArray) { BachNumeric.add(a, b, out: &out) }
    public static func subtract(_ a: LazyArray, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: LazyArray, _ b: S, out: inout LazyArray) {
        BachNumeric.subtract(a, b, out: &out)
    }
    public static func subtract(_ a: S, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.subtract(a, b, out: &out)
    }
    public static func multiply(_ a: LazyArray, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.multiply(a, b, out: &out)
    }
    public static func multiply(_ a: LazyArray, _ b: S, out: inout LazyArray) {
        BachNumeric.multiply(a, b, out: &out)
    }
    public static func divide(_ a: LazyArray, _ b: LazyArray, out: inout LazyArray) {
        BachNumeric.divide(a, b, out: &out)
    }
    public static func divide(_ a: LazyArray, _ b: S, out: inout LazyArray) {
        BachNumeric.divide(a, b, out: &out)
    }
    public static func sqrt(_ a: LazyArray, out: inout LazyArray) { BachNumeric.sqrt(a, out: &out) }
    public static func exp(_ a: LazyArray, out: inout LazyArray) { BachNumeric.exp(a, out: &out) }
    public static func log2(_ a: LazyArray, out: inout LazyArray) { BachNumeric.log2(a, out: &out) }
    public static func erf(_ a: LazyArray, out: inout LazyArray) { BachNumeric.erf(a, out: &out) }
    public static func sin(_ a: LazyArray, out: inout LazyArray) { BachNumeric.sin(a, out: &out) }
    public static func cos(_ a: LazyArray, out: inout LazyArray) { BachNumeric.cos(a, out: &out) }
    public static func arcsin(_ a: LazyArray, out: inout LazyArray) { BachNumeric.arcsin(a, out: &out) }
}
