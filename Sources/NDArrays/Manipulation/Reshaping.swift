/// Changing shape and layout.
extension NDArray {
    /// The same elements under another shape (`numpy.reshape`); shares the buffer. One length may
    /// be -1 and is then inferred. Throws when the element counts differ.
    public func reshaped(_ newShape: [Int]) throws(NDArrayError) -> NDArray {
        NDArray(storage: storage, offset: offset, shape: try NDArray.resolved(newShape, count: count))
    }

    /// `newShape` with its one -1 length (if any) inferred so that it holds `count` elements, as
    /// `numpy.reshape` reads it; a shape of rank above 2, a negative length or another element
    /// count is an error.
    public static func resolved(_ newShape: [Int], count: Int) throws(NDArrayError) -> [Int] {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            guard known > 0, count % known == 0 else {
                throw .invalidArgument(
                    operation: "reshape", expected: "a shape with \(count) elements",
                    found: describe(newShape))
            }
            resolved[unknown] = count / known
        }
        try validate(resolved, "reshape")
        guard resolved.reduce(1, *) == count else {
            throw .invalidArgument(
                operation: "reshape", expected: "a shape with \(count) elements",
                found: describe(newShape))
        }
        return resolved
    }

    /// A copy with a buffer of its own (`numpy.copy`).
    public func copy() -> NDArray {
        let result = NDArray(uninitializedShape: shape)
        withExtendedLifetime(storage) { result.mutableBase.update(from: base, count: count) }
        return result
    }

    /// The transpose of a 2-D array, as a new array; 0-D and 1-D arrays are returned unchanged,
    /// as in NumPy.
    public func transposed() -> NDArray {
        guard rank == 2 else { return self }
        let (rows, columns) = (shape[0], shape[1])
        let result = NDArray(uninitializedShape: [columns, rows])
        let out = result.mutableBase
        let block = 32
        withExtendedLifetime(storage) {
            for r0 in stride(from: 0, to: rows, by: block) {
                for c0 in stride(from: 0, to: columns, by: block) {
                    for r in r0..<Swift.min(r0 + block, rows) {
                        for c in c0..<Swift.min(c0 + block, columns) {
                            out[c * rows + r] = base[r * columns + c]
                        }
                    }
                }
            }
        }
        return result
    }

    /// The elements converted to another element type (`ndarray.astype`): floating to integer
    /// truncates toward zero (NaN or out of range traps, naming the value), Int64 to Int32 wraps
    /// as in NumPy, `true` is 1 and any non-zero number is `true`.
    public func astype<T: NDScalar>(_ type: T.Type) -> NDArray<T> {
        let result = NDArray<T>(uninitializedShape: shape)
        let out = result.mutableBase
        withExtendedLifetime(storage) {
            for i in 0..<count { out[i] = T(base[i]._value) }
        }
        return result
    }
}
