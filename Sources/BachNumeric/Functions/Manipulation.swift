import BachRuntime
import GPUArrays
import NDArrays

// Reshaping, slicing, conversion, joining and matrix products of lazy arrays, with NumPy's names.
// Calls that need the whole array (`reshaped`, `slice`, `transposed`, `concatenate`) are
// whole-value calls, a stage of their own; `astype` and `matmul` split by rows.

extension LazyArray {
    /// The same elements under another shape (`numpy.reshape`); one length may be -1 and is then
    /// inferred. An element count that differs is reported by `evaluate`.
    public func reshaped(_ newShape: [Int]) -> LazyArray<S> {
        let count = self.count
        return WholeValue.record(
            "reshape", [self.handle],
            result: { _ in ArraySplit<S>(shape: try NDArray<S>.resolved(newShape, count: count)) },
            cpu: { pieces in try pieces.take(0, as: NDArray<S>.self).reshaped(newShape) },
            gpu: { pieces in
                let array = try pieces.take(0, as: GPUArray<S>.self)
                return try array.reshaped(try NDArray<S>.resolved(newShape, count: count))
            })
    }

    /// Elements (1-D) or rows (2-D) `range` (`a[lower:upper]`).
    public func slice(_ range: Range<Int>) -> LazyArray<S> {
        let shape = self.shape
        return WholeValue.record(
            "slice", [self.handle],
            result: { _ in
                guard !shape.isEmpty, range.lowerBound >= 0, range.upperBound <= shape[0] else {
                    throw NDArrayError.invalidArgument(
                        operation: "slice", expected: "a range within 0..<\(shape.first ?? 0)",
                        found: "\(range)")
                }
                return ArraySplit<S>(shape: [range.count] + shape.dropFirst())
            },
            cpu: { pieces in try pieces.take(0, as: NDArray<S>.self).slice(range).copy() },
            gpu: { pieces in try pieces.take(0, as: GPUArray<S>.self).slice(range).copy() })
    }

    /// The matrix transposed (`a.T`); on the CPU.
    public func transposed() -> LazyArray<S> {
        let shape = self.shape
        return WholeValue.record(
            "transposed", [self.handle], result: { _ in ArraySplit<S>(shape: shape.reversed()) },
            cpu: { pieces in try pieces.take(0, as: NDArray<S>.self).transposed() }, gpu: nil)
    }

    /// The elements converted to `T` (`astype`), split by rows; on the CPU.
    public func astype<T: ArrayScalar>(_: T.Type) -> LazyArray<T> {
        let shape = self.shape
        let annotation = Annotation.split(
            "astype",
            infer: { _ in
                Inference(uses: [shape.isEmpty ? .whole : .split], result: ArraySplit<T>(shape: shape))
            },
            cpu: { pieces, context in
                let piece = try pieces.take(0, as: NDArray<S>.self)
                return try onHost(context) { piece.astype(T.self) }
            })
        return LazyArray<T>(runtime.record(annotation, [.lazy(handle)]))
    }
}

/// The arrays joined along axis 0 (`numpy.concatenate`).
public func concatenate<S: ArrayScalar>(_ arrays: [LazyArray<S>]) -> LazyArray<S> {
    let shapes = arrays.map(\.shape)
    return WholeValue.record(
        "concatenate", arrays.map(\.handle),
        result: { _ in
            guard let first = shapes.first,
                shapes.allSatisfy({ $0.count == first.count && $0.dropFirst() == first.dropFirst() }),
                !first.isEmpty
            else {
                throw NDArrayError.shapeMismatch(
                    operation: "concatenate", expected: "arrays of rank 1 or 2 with equal rows",
                    found: shapes.map(describeShape).joined(separator: ", "))
            }
            return ArraySplit<S>(shape: [shapes.map { $0[0] }.reduce(0, +)] + first.dropFirst())
        },
        cpu: { pieces in
            try NDArrays.concatenate((0..<pieces.count).map { try pieces.take($0, as: NDArray<S>.self) })
        },
        gpu: { pieces in
            try GPUArrays.concatenate((0..<pieces.count).map { try pieces.take($0, as: GPUArray<S>.self) })
        })
}

/// The matrix product `a @ b` (`numpy.matmul`), split by the rows of `a` (each batch multiplies its
/// rows by the whole `b`); on the CPU (OpenBLAS where found).
public func matmul<S: ArrayFloatingPoint>(_ a: LazyArray<S>, _ b: LazyArray<S>) -> LazyArray<S> {
    let (left, right) = (a.shape, b.shape)
    let annotation = Annotation.split(
        "matmul",
        infer: { _ in
            guard left.count >= 1, right.count >= 1, left.last == right.first else {
                throw NDArrayError.shapeMismatch(
                    operation: "matmul", expected: "inner dimensions that agree, (m, k) @ (k, n)",
                    found: "\(describeShape(left)) @ \(describeShape(right))")
            }
            let shape = (left.count == 2 ? [left[0]] : []) + (right.count == 2 ? [right[1]] : [])
            return Inference(
                uses: [left.count == 2 ? .split : .whole, .whole], result: ArraySplit<S>(shape: shape))
        },
        cpu: { pieces, context in
            let (x, y) = (try pieces.take(0, as: NDArray<S>.self), try pieces.take(1, as: NDArray<S>.self))
            return try onHost(context) { try NDArrays.matmul(x, y) }
        })
    return LazyArray(a.runtime.record(annotation, [.lazy(a.handle), .lazy(b.handle)]))
}

/// The dot product of vectors or the product of matrices (`numpy.dot`): `matmul` for ranks 1 and 2.
public func dot<S: ArrayFloatingPoint>(_ a: LazyArray<S>, _ b: LazyArray<S>) -> LazyArray<S> {
    matmul(a, b)
}

/// Records calls on whole values.
enum WholeValue {
    static func record<Out: ArrayScalar>(
        _ name: String, _ arguments: [LazyValue],
        result: @escaping @Sendable ([ArgumentInfo]) throws -> ArraySplit<Out>,
        cpu: @escaping @Sendable (inout Arguments) throws -> Any,
        gpu: (@Sendable (inout Arguments) throws -> Any)?
    ) -> LazyArray<Out> {
        var device: Annotation.Implementation?
        if let gpu {
            device = { pieces, context in try onDevice(context) { try gpu(&pieces) } }
        }
        let annotation = Annotation(
            name: name, cpu: { pieces, context in try onHost(context) { try cpu(&pieces) } }, gpu: device,
            splittable: false,
            infer: { infos in
                Inference(uses: infos.map { _ in .whole }, result: try result(infos).validated(name))
            })
        return LazyArray(arguments[0].runtime.record(annotation, arguments.map { .lazy($0) }))
    }
}
