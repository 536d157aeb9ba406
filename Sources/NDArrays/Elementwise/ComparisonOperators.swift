// Elementwise comparisons and logic as operators, with the standard library's pointwise spellings
// (`.<`, `.==`, `.&`, as for SIMD vectors): `a .< b` is `less(a, b)`, a `Bool` array. (`==` stays
// what it is for values: whether two arrays are equal.)

extension NDArray where Scalar: NDNumeric {
    /// `less(a, b)`; traps when the shapes do not broadcast (`less` throws instead).
    public static func .< (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try less(a, b) } }
    /// `less(a, b)` of an array and a scalar.
    public static func .< (a: NDArray, b: Scalar) -> NDArray<Bool> { less(a, b) }
    /// `less(a, b)` of a scalar and an array.
    public static func .< (a: Scalar, b: NDArray) -> NDArray<Bool> { less(a, b) }
    /// `lessEqual(a, b)`; traps when the shapes do not broadcast (`lessEqual` throws instead).
    public static func .<= (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try lessEqual(a, b) } }
    /// `lessEqual(a, b)` of an array and a scalar.
    public static func .<= (a: NDArray, b: Scalar) -> NDArray<Bool> { lessEqual(a, b) }
    /// `lessEqual(a, b)` of a scalar and an array.
    public static func .<= (a: Scalar, b: NDArray) -> NDArray<Bool> { lessEqual(a, b) }
    /// `greater(a, b)`; traps when the shapes do not broadcast (`greater` throws instead).
    public static func .> (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try greater(a, b) } }
    /// `greater(a, b)` of an array and a scalar.
    public static func .> (a: NDArray, b: Scalar) -> NDArray<Bool> { greater(a, b) }
    /// `greater(a, b)` of a scalar and an array.
    public static func .> (a: Scalar, b: NDArray) -> NDArray<Bool> { greater(a, b) }
    /// `greaterEqual(a, b)`; traps when the shapes do not broadcast (`greaterEqual` throws instead).
    public static func .>= (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try greaterEqual(a, b) } }
    /// `greaterEqual(a, b)` of an array and a scalar.
    public static func .>= (a: NDArray, b: Scalar) -> NDArray<Bool> { greaterEqual(a, b) }
    /// `greaterEqual(a, b)` of a scalar and an array.
    public static func .>= (a: Scalar, b: NDArray) -> NDArray<Bool> { greaterEqual(a, b) }
    /// `equal(a, b)`; traps when the shapes do not broadcast (`equal` throws instead).
    public static func .== (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try equal(a, b) } }
    /// `equal(a, b)` of an array and a scalar.
    public static func .== (a: NDArray, b: Scalar) -> NDArray<Bool> { equal(a, b) }
    /// `equal(a, b)` of a scalar and an array.
    public static func .== (a: Scalar, b: NDArray) -> NDArray<Bool> { equal(a, b) }
    /// `notEqual(a, b)`; traps when the shapes do not broadcast (`notEqual` throws instead).
    public static func .!= (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try notEqual(a, b) } }
    /// `notEqual(a, b)` of an array and a scalar.
    public static func .!= (a: NDArray, b: Scalar) -> NDArray<Bool> { notEqual(a, b) }
    /// `notEqual(a, b)` of a scalar and an array.
    public static func .!= (a: Scalar, b: NDArray) -> NDArray<Bool> { notEqual(a, b) }
}

extension NDArray where Scalar == Bool {
    /// `logicalAnd(a, b)`; traps when the shapes do not broadcast.
    public static func .& (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try logicalAnd(a, b) } }
    /// `logicalOr(a, b)`; traps when the shapes do not broadcast.
    public static func .| (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try logicalOr(a, b) } }
    /// `logicalXor(a, b)`; traps when the shapes do not broadcast.
    public static func .^ (a: NDArray, b: NDArray) -> NDArray<Bool> { trapping { try logicalXor(a, b) } }
    /// `logicalNot(a)`.
    public static prefix func .! (a: NDArray) -> NDArray<Bool> { logicalNot(a) }
}
