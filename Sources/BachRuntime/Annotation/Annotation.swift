import Devices

/// An annotated function: what the runtime needs to record, place, split and run one call.
///
/// The kinds of the seed's annotations map onto it as follows: `offload` (`oa`: CPU function, GPU
/// function, split types), `split` (`sa`: CPU only), `allocation` and `offloadAllocation`
/// (`alloc`, `oa_alloc`: create a value on the backend of its first use, batch by batch), mutable
/// arguments (`mut`, the `out:` of in-place calls), `splittable: false` for calls that need whole
/// values, and an optional cost estimator.
///
/// An annotated library records a call with `Bach.record` and wraps the result (BachNumeric's
/// `LazyArray(recorded:)`); `docs/ARCHITECTURE.md` walks through a complete one:
///
/// ```swift
/// let annotation = Annotation.offload(
///     "softplus",
///     infer: { arguments in Inference(uses: [.split], result: arguments[0].splitType) },
///     cpu: { pieces, context in
///         let x = try pieces.take(0, as: NDArray<Double>.self)
///         return try onHost(context) { NDArrays.log(NDArrays.exp(x) + 1.0) }
///     },
///     gpu: { pieces, context in
///         let x = try pieces.take(0, as: GPUArray<Double>.self)
///         return try onDevice(context) { try GPUArrays.log(GPUArrays.add(GPUArrays.exp(x), 1.0)) }
///     })
/// let y = try LazyArray<Double>(recorded: bach.record(annotation, [.lazy(x.handle)]))
/// ```
public struct Annotation: Sendable {
    /// What the call creates or computes.
    public enum Kind: Sendable, Equatable {
        /// A computation with a CPU and optionally a GPU implementation.
        case call
        /// Creates a value whose contents are not read (`empty`): it is allocated piece by piece on
        /// the backend of its first use, so it costs no transfer.
        case allocation
    }

    /// The function's name, used in errors and logs (e.g. `multiply`).
    public let name: String
    public let kind: Kind
    /// The CPU implementation, over pieces (or whole values when not splittable).
    public let cpu: Implementation
    /// The GPU implementation, if the function has one.
    public let gpu: Implementation?
    /// Resolves the split types of the arguments and of the result from those of the arguments.
    public let infer: @Sendable ([ArgumentInfo]) throws -> Inference
    /// Indices of the arguments the call writes (`out:`); the result is the new version of each.
    public let mutable: [Int]
    /// False for calls that need whole values (fitting a model, a sort).
    public let splittable: Bool
    /// Estimated seconds on each backend for `elements` elements, when the annotator knows better
    /// than the default rule (GPU wherever a GPU implementation exists).
    public let cost: (@Sendable (_ elements: Int) -> (cpu: Double, gpu: Double))?
    /// Estimated seconds on each backend from what the planner knows of the arguments (their split
    /// types: shapes and element types), for calls whose cost the length of a piece does not tell,
    /// such as fitting a model on a whole matrix (O(rows · columns²)). Takes precedence over `cost`.
    public let argumentCost: (@Sendable (_ arguments: [ArgumentInfo]) -> (cpu: Double, gpu: Double))?
    /// Device memory the GPU implementation allocates for its own temporaries, beyond its result,
    /// for a piece of `elements` elements (so that batches are sized to fit).
    public let deviceWorkspace: (@Sendable (_ elements: Int) -> Int)?
    /// The kernels the GPU implementation launches for arguments like `arguments` over pieces of
    /// `elements` elements, so that the runtime compiles them before a stage's first batch instead
    /// of inside it. Kernels not declared still work: they compile at their first launch.
    public let kernels: (@Sendable (_ arguments: [ArgumentInfo], _ elements: Int) throws -> [any Kernel])?
    /// How the call fuses with its neighbours, if it does.
    public let fusion: Fusion?

    /// A function of the pieces of its arguments: `arguments` holds them in order (take a mutable
    /// argument out with `take` so that it can be written in place); returns the result.
    public typealias Implementation = @Sendable (inout Arguments, ExecutionContext) throws -> Any

    public init(
        name: String, kind: Kind = .call, cpu: @escaping Implementation, gpu: Implementation? = nil,
        mutable: [Int] = [], splittable: Bool = true,
        cost: (@Sendable (Int) -> (cpu: Double, gpu: Double))? = nil,
        argumentCost: (@Sendable ([ArgumentInfo]) -> (cpu: Double, gpu: Double))? = nil,
        deviceWorkspace: (@Sendable (Int) -> Int)? = nil,
        kernels: (@Sendable ([ArgumentInfo], Int) throws -> [any Kernel])? = nil,
        fusion: Fusion? = nil,
        infer: @escaping @Sendable ([ArgumentInfo]) throws -> Inference
    ) {
        self.argumentCost = argumentCost
        self.deviceWorkspace = deviceWorkspace
        self.kernels = kernels
        self.fusion = fusion
        self.name = name
        self.kind = kind
        self.cpu = cpu
        self.gpu = gpu
        self.mutable = mutable
        self.splittable = splittable
        self.cost = cost
        self.infer = infer
    }

    /// The seed's `oa`: a function with a CPU and a GPU implementation.
    public static func offload(
        _ name: String, mutable: [Int] = [], splittable: Bool = true,
        cost: (@Sendable (Int) -> (cpu: Double, gpu: Double))? = nil,
        argumentCost: (@Sendable ([ArgumentInfo]) -> (cpu: Double, gpu: Double))? = nil,
        deviceWorkspace: (@Sendable (Int) -> Int)? = nil,
        kernels: (@Sendable ([ArgumentInfo], Int) throws -> [any Kernel])? = nil,
        fusion: Fusion? = nil,
        infer: @escaping @Sendable ([ArgumentInfo]) throws -> Inference,
        cpu: @escaping Implementation, gpu: @escaping Implementation
    ) -> Annotation {
        Annotation(
            name: name, cpu: cpu, gpu: gpu, mutable: mutable, splittable: splittable, cost: cost,
            argumentCost: argumentCost, deviceWorkspace: deviceWorkspace, kernels: kernels, fusion: fusion,
            infer: infer)
    }

    /// The seed's `sa`: a splittable function with a CPU implementation only.
    public static func split(
        _ name: String, mutable: [Int] = [], splittable: Bool = true,
        infer: @escaping @Sendable ([ArgumentInfo]) throws -> Inference, cpu: @escaping Implementation
    ) -> Annotation {
        Annotation(name: name, cpu: cpu, mutable: mutable, splittable: splittable, infer: infer)
    }

    /// The seed's `alloc` / `oa_alloc`: an allocation with a CPU and, optionally, a GPU version.
    public static func allocation(
        _ name: String, infer: @escaping @Sendable ([ArgumentInfo]) throws -> Inference,
        cpu: @escaping Implementation, gpu: Implementation? = nil
    ) -> Annotation {
        Annotation(name: name, kind: .allocation, cpu: cpu, gpu: gpu, infer: infer)
    }
}

/// What the planner knows about an argument before anything runs: its split type, or that it is a
/// constant.
public struct ArgumentInfo: Sendable {
    /// The argument's value type (its shape and element type, for arrays).
    public let splitType: any OffloadSplitType
    /// Whether the argument is a constant captured at record time (a scalar, a model).
    public let isConstant: Bool

    public init(splitType: any OffloadSplitType, isConstant: Bool) {
        self.splitType = splitType
        self.isConstant = isConstant
    }
}

/// The split types an annotation resolved for one call: how each argument is used and what the
/// result is. This is the seed's unification of generic split types, done per call from the
/// concrete types of the arguments.
public struct Inference: Sendable {
    /// How a call uses one argument.
    public enum Use: Sendable, Equatable {
        /// Cut along the split axis: each batch gets its own piece.
        case split
        /// Given whole to every batch (a constant, a row broadcast against a matrix).
        case whole
    }

    /// One entry per argument.
    public let uses: [Use]
    /// The result's split type: an array-like split type whose extent equals the split arguments',
    /// a `ReductionSplit`, or `Broadcast` for whole values.
    public let result: any OffloadSplitType

    public init(uses: [Use], result: any OffloadSplitType) {
        self.uses = uses
        self.result = result
    }
}

/// The pieces a call receives, in argument order.
public struct Arguments {
    private var values: [Any?]

    init(_ values: [Any]) {
        self.values = values
    }

    /// The number of arguments.
    public var count: Int { values.count }

    /// Argument `index`, cast to `T`.
    public func get<T>(_ index: Int, as _: T.Type = T.self) throws -> T {
        guard let value = values[index] as? T else {
            throw BachError.typeMismatch(
                expected: "\(T.self)",
                found: values[index].map { "\(type(of: $0))" } ?? "an argument already taken")
        }
        return value
    }

    /// Moves argument `index` out, so that the caller holds its only reference and can write it in
    /// place (copy-on-write values are then not copied).
    public mutating func take<T>(_ index: Int, as _: T.Type = T.self) throws -> T {
        let value: T = try get(index)
        values[index] = nil
        return value
    }
}

/// What an implementation may need from the runtime while it runs.
public struct ExecutionContext: Sendable {
    /// Where device work goes (nil for CPU work).
    public let transfer: TransferContext?
    /// True when the runtime runs several batches at once on CPU threads: an implementation that
    /// would split its own work over threads should then run serially.
    public let parallelBatches: Bool
    /// Elements in the piece being computed (what an allocation allocates).
    public let elements: Int
    /// The elements of the whole value the piece covers (`0..<elements` for a call on whole
    /// values): where an allocation that reads its contents, such as a file, starts reading.
    public let range: Range<Int>
    /// For each result of a fused group, host memory of the final value where the piece may be
    /// written directly (then the implementation returns `WrittenInPlace` for it), or nil.
    public let outputRegions: [OutputRegion?]

    public init(
        transfer: TransferContext?, parallelBatches: Bool, range: Range<Int>,
        outputRegions: [OutputRegion?] = []
    ) {
        self.transfer = transfer
        self.parallelBatches = parallelBatches
        self.range = range
        self.outputRegions = outputRegions
        elements = range.count
    }
}

/// Host memory of a stage's final output where a batch's piece belongs.
public struct OutputRegion: @unchecked Sendable {
    /// The piece's bytes in the final value.
    public let bytes: UnsafeMutableRawBufferPointer

    public init(_ bytes: UnsafeMutableRawBufferPointer) {
        self.bytes = bytes
    }
}

/// What an implementation returns for a result it wrote straight into its `OutputRegion`.
public struct WrittenInPlace: Sendable {
    public init() {}
}
