// Operator sugar for the elementwise functions. Operators cannot throw in Swift: on operands that
// do not broadcast they trap with the message the named function would throw. Compound assignments
// write in place when the array owns its buffer.

extension NDArray where Scalar: NDNumeric {
    /// `add(a, b)`; traps on shapes that do not broadcast.
    public static func + (a: NDArray, b: NDArray) -> NDArray { trapping { try add(a, b) } }
    /// `add(a, b)`.
    public static func + (a: NDArray, b: Scalar) -> NDArray { add(a, b) }
    /// `add(a, b)`.
    public static func + (a: Scalar, b: NDArray) -> NDArray { add(a, b) }
    /// `subtract(a, b)`; traps on shapes that do not broadcast.
    public static func - (a: NDArray, b: NDArray) -> NDArray { trapping { try subtract(a, b) } }
    /// `subtract(a, b)`.
    public static func - (a: NDArray, b: Scalar) -> NDArray { subtract(a, b) }
    /// `subtract(a, b)`.
    public static func - (a: Scalar, b: NDArray) -> NDArray { subtract(a, b) }
    /// `multiply(a, b)`; traps on shapes that do not broadcast.
    public static func * (a: NDArray, b: NDArray) -> NDArray { trapping { try multiply(a, b) } }
    /// `multiply(a, b)`.
    public static func * (a: NDArray, b: Scalar) -> NDArray { multiply(a, b) }
    /// `multiply(a, b)`.
    public static func * (a: Scalar, b: NDArray) -> NDArray { multiply(a, b) }
    /// `negative(a)`.
    public static prefix func - (a: NDArray) -> NDArray { negative(a) }

    /// `add(a, b, out: &a)`; traps when `b` does not broadcast to `a`'s shape.
    public static func += (a: inout NDArray, b: NDArray) { trapping { try add(a, b, out: &a) } }
    /// `add(a, b, out: &a)`.
    public static func += (a: inout NDArray, b: Scalar) { trapping { try add(a, b, out: &a) } }
    /// `subtract(a, b, out: &a)`; traps when `b` does not broadcast to `a`'s shape.
    public static func -= (a: inout NDArray, b: NDArray) { trapping { try subtract(a, b, out: &a) } }
    /// `subtract(a, b, out: &a)`.
    public static func -= (a: inout NDArray, b: Scalar) { trapping { try subtract(a, b, out: &a) } }
    /// `multiply(a, b, out: &a)`; traps when `b` does not broadcast to `a`'s shape.
    public static func *= (a: inout NDArray, b: NDArray) { trapping { try multiply(a, b, out: &a) } }
    /// `multiply(a, b, out: &a)`.
    public static func *= (a: inout NDArray, b: Scalar) { trapping { try multiply(a, b, out: &a) } }
}

extension NDArray where Scalar: NDFloatingPoint {
    /// `divide(a, b)`; traps on shapes that do not broadcast.
    public static func / (a: NDArray, b: NDArray) -> NDArray { trapping { try divide(a, b) } }
    /// `divide(a, b)`.
    public static func / (a: NDArray, b: Scalar) -> NDArray { divide(a, b) }
    /// `divide(a, b)`.
    public static func / (a: Scalar, b: NDArray) -> NDArray { divide(a, b) }
    /// `divide(a, b, out: &a)`; traps when `b` does not broadcast to `a`'s shape.
    public static func /= (a: inout NDArray, b: NDArray) { trapping { try divide(a, b, out: &a) } }
    /// `divide(a, b, out: &a)`.
    public static func /= (a: inout NDArray, b: Scalar) { trapping { try divide(a, b, out: &a) } }
}
