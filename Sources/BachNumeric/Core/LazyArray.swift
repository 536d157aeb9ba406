import BachRuntime
import GPUArrays
import NDArrays

/// An array in Bach's lazy graph: the result of an annotated call that has not necessarily run.
///
/// It mirrors `NDArray`: the same functions with the same names (`add`, `exp`, `sum`, …, with
/// `out:` forms) take and return lazy arrays, and record calls instead of computing. Values are
/// copy-on-write as `NDArray`s are: writing with `out: &x` makes `x` a new version and leaves copies
/// of the old `x` unchanged. Errors (shapes that do not broadcast) surface when the graph is
/// evaluated, naming the call.
///
/// ```swift
/// let bach = try Bach(.auto)
/// let x = bach.lazy(NDArray<Double>.uniform([1 << 20], low: 0, high: 1, seed: 1))
/// let y = exp(-x) * 3.0                 // recorded, not run
/// let total = sum(y)                    // a LazyScalar
/// print(try total.value())              // plans and runs what `total` needs, then reads it
/// let values: NDArray<Double> = try y.value()  // y was held, so it was kept
/// ```
public struct LazyArray<S: ArrayScalar>: @unchecked Sendable {
    /// The runtime's handle on the value.
    public let handle: LazyValue

    /// The array a recorded call yields, for annotated libraries built on this one (BachFrames'
    /// series are lazy arrays): `handle`'s split type must be `ArraySplit<S>`.
    public init(_ handle: LazyValue) {
        self.handle = handle
    }

    /// The array a call recorded with `Bach.record` gives, for annotations written outside
    /// BachNumeric (see `Annotation`): the result's split type must be `ArraySplit<S>`. A call whose
    /// recording failed is accepted; `evaluate` raises its error, naming the call.
    ///
    /// ```swift
    /// let value = bach.record(annotation, [.lazy(x.handle)])
    /// let y = try LazyArray<Double>(recorded: value)
    /// ```
    public init(recorded handle: LazyValue) throws(BachError) {
        guard handle.recordingError != nil || handle.splitType is ArraySplit<S> else {
            throw .typeMismatch(
                expected: "\(ArraySplit<S>.self) (the result of \(handle.producer))",
                found: "\(type(of: handle.splitType))")
        }
        self.handle = handle
    }

    /// The runtime the array belongs to.
    public var runtime: Bach { handle.runtime }

    /// The shape the value will have (known before evaluation).
    public var shape: [Int] { (handle.splitType as? ArraySplit<S>)?.shape ?? [] }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The value on the host, evaluating what it needs first.
    public func value() throws -> NDArray<S> {
        try runtime.evaluate(self)
    }

    /// Asks the runtime to keep this value on `backend` when it is evaluated (the host by default).
    public func materialize(on backend: Backend) {
        handle.materializeOn = backend
    }
}

/// A scalar in Bach's lazy graph: the result of a reduction such as `sum` or `mean`. It can be
/// used as an operand of later calls (which then run after the reduction has finished: a stage
/// break) or read with `value()`.
public struct LazyScalar<S: ArrayScalar>: @unchecked Sendable {
    /// The runtime's handle on the value.
    public let handle: LazyValue

    /// The scalar a recorded reduction yields, for annotated libraries built on this one: `handle`'s
    /// split type must be a `ReductionSplit` whose finished value is an `S` (its `finishedType`
    /// `ArraySplit<S>(shape: [])`, so that the scalar can be an operand of later calls).
    public init(_ handle: LazyValue) {
        self.handle = handle
    }

    /// The scalar a call recorded with `Bach.record` gives (a reduction annotated outside
    /// BachNumeric); its type is checked when it is read.
    public init(recorded handle: LazyValue) {
        self.handle = handle
    }

    /// The value, evaluating what it needs first.
    public func value() throws -> S {
        let value = try handle.runtime.value(of: handle)
        guard let scalar = value as? S else {
            throw BachError.typeMismatch(expected: "\(S.self)", found: "\(type(of: value))")
        }
        return scalar
    }
}

extension Bach {
    /// `array` as a lazy value of this runtime: the start of a lazy program.
    public func lazy<S: ArrayScalar>(_ array: NDArray<S>) -> LazyArray<S> {
        LazyArray(source(array, splitType: ArraySplit<S>(shape: array.shape)))
    }

    /// The value of `array` on the host, evaluating what it needs first.
    public func evaluate<S: ArrayScalar>(_ array: LazyArray<S>) throws -> NDArray<S> {
        let value = try value(of: array.handle)
        guard let result = value as? NDArray<S> else {
            throw BachError.typeMismatch(expected: "NDArray<\(S.self)>", found: "\(type(of: value))")
        }
        return result
    }

    /// An array whose elements are not set (`numpy.empty`), for `out:` targets: it is allocated
    /// batch by batch on the backend of the call that first writes it, so it costs no transfer.
    public func empty<S: ArrayScalar>(_ shape: [Int], of type: S.Type = S.self) -> LazyArray<S> {
        let split = ArraySplit<S>(shape: shape)
        let annotation = Annotation.allocation(
            "empty", infer: { _ in Inference(uses: [], result: try split.validated("empty")) },
            cpu: { _, context in NDArray<S>.empty(split.pieceShape(context.elements)) },
            gpu: { _, context in
                try onDevice(context) {
                    try GPUArray<S>(empty: split.pieceShape(context.elements), in: GPUContext.current!)
                }
            })
        return LazyArray(record(annotation, []))
    }

    /// An array of zeros (`numpy.zeros`), created batch by batch where it is used.
    public func zeros<S: ArrayScalar>(_ shape: [Int], of type: S.Type = S.self) -> LazyArray<S> {
        full(shape, S.zero)
    }

    /// An array filled with `value` (`numpy.full`), created batch by batch where it is used.
    public func full<S: ArrayScalar>(_ shape: [Int], _ value: S) -> LazyArray<S> {
        let split = ArraySplit<S>(shape: shape)
        let annotation = Annotation.offload(
            "full", infer: { _ in Inference(uses: [], result: try split.validated("full")) },
            cpu: { _, context in NDArray<S>.full(split.pieceShape(context.elements), value) },
            gpu: { _, context in
                try onDevice(context) {
                    try GPUArray<S>.full(split.pieceShape(context.elements), value, in: GPUContext.current!)
                }
            })
        return LazyArray(record(annotation, []))
    }
}
