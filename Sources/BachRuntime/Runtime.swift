import Devices

#if canImport(Glibc)
    import Glibc
#endif

/// The Bach runtime: records annotated calls as a lazy graph and evaluates it, placing every call
/// on the CPU or the device, splitting data into batches that fit the device's memory budget,
/// and overlapping transfers with compute.
///
/// One instance serves one program; annotated libraries record calls into it (BachNumeric's
/// `bach.lazy(array)` is where a program starts). `evaluate()` runs everything pending; reading a
/// lazy value runs what it needs.
public final class Bach: @unchecked Sendable {
    /// The device GPU work goes to, or `nil` to run everything on the CPU.
    public let device: (any Device)?
    /// How the runtime plans and runs.
    public let options: Options
    private let graph = Locked(GraphState())
    private let stats = Locked(RuntimeCounters())
    private let resources = Locked<DeviceResources?>(nil)
    /// Held while an evaluation runs: evaluations of one runtime share its device slots.
    private let evaluating = Locked(())

    /// Tuning knobs; the defaults suit both the CPU-only and the GPU case.
    public struct Options: Sendable {
        /// Run every call on the CPU even where a device is present (`--force-cpu`).
        public var forceCPU: Bool
        /// Names of calls to run on the CPU even where they have a GPU implementation (placement
        /// pressure, e.g. for differential testing).
        public var cpuOnlyCalls: Set<String> = []
        /// Batches in flight on the device at once (at least 1; 3 lets uploads, kernels and
        /// downloads of different batches overlap).
        public var inFlight: Int
        /// Threads running CPU batches (default: every core).
        public var cpuThreads: Int
        /// Bytes of live data per CPU batch: small enough to stay in the L2 cache across a stage.
        public var cpuBatchBytes: Int
        /// An upper bound on device batch length (elements), e.g. to force paging in tests.
        public var maximumDeviceBatch: Int?
        /// Bytes a device batch moves between host and device at most: small enough that a stage
        /// has many batches to overlap, large enough that per-batch costs vanish.
        public var deviceBatchTransferBytes: Int
        /// Threads copying between pageable and pinned host memory.
        public var copyThreads: Int
        /// Whether consecutive fusible calls (elementwise calls of one library) run as one pass:
        /// one generated kernel on the device, one chunked pass on the CPU (`--no-fusion` turns it
        /// off, for comparison).
        public var fusion: Bool

        public init(
            forceCPU: Bool = false, inFlight: Int = 3, cpuThreads: Int = systemCores(),
            cpuBatchBytes: Int = 4 << 20, maximumDeviceBatch: Int? = nil,
            deviceBatchTransferBytes: Int = 512 << 20,
            copyThreads: Int = systemCores(), fusion: Bool = true
        ) {
            self.fusion = fusion
            self.deviceBatchTransferBytes = Swift.max(1 << 16, deviceBatchTransferBytes)
            self.forceCPU = forceCPU
            self.inFlight = Swift.max(1, inFlight)
            self.cpuThreads = Swift.max(1, cpuThreads)
            self.cpuBatchBytes = Swift.max(1 << 12, cpuBatchBytes)
            self.maximumDeviceBatch = maximumDeviceBatch
            self.copyThreads = Swift.max(1, copyThreads)
        }
    }

    /// A runtime placing GPU-annotated calls on `device` (none: CPU only).
    public init(device: (any Device)? = nil, options: Options = Options()) {
        self.device = device
        self.options = options
    }

    /// A runtime on the device `choice` opens, with `budget` bytes of its memory at most (nil: its
    /// free memory less a margin). `.auto` takes the GPU where CUDA is found and the CPU alone
    /// otherwise (`device` is then nil); `.cuda` throws, naming what is missing, where it is not
    /// found; `.simulated` runs GPU implementations on a simulated device (the host).
    ///
    /// ```swift
    /// let bach = try Bach(.auto)
    /// ```
    public convenience init(_ choice: DeviceChoice, budget: Int? = nil, options: Options = Options())
        throws(DeviceError)
    {
        self.init(device: try choice.open(budget: budget), options: options)
    }

    /// What the last evaluation did: stages, placements, batches and the device's counters.
    public var counters: RuntimeCounters { stats.withLock { $0 } }

    /// Records `value` (already computed, e.g. an input array) as a lazy value.
    public func source(_ value: Any, splitType: any OffloadSplitType) -> LazyValue {
        graph.withLock { graph in
            let node = Node(
                id: graph.nextID, annotation: nil, inputs: [], resultType: splitType, recordError: nil,
                state: .done(value, splitType.backend(of: value)))
            graph.nextID += 1
            return handle(for: node)
        }
    }

    /// An argument of a recorded call.
    public enum CallArgument {
        /// A lazy value of this runtime.
        case lazy(LazyValue)
        /// A constant (a scalar, a model), with its split type (usually `Broadcast`).
        case constant(Any, any OffloadSplitType)
    }

    /// Records a call of `annotation` and returns its (lazy) result. Nothing runs: errors the
    /// annotation detects now (shapes that do not fit) are kept and raised by `evaluate`, naming
    /// the call.
    public func record(_ annotation: Annotation, _ arguments: [CallArgument]) -> LazyValue {
        graph.withLock { graph in
            var recordError: (any Error)?
            let infos: [ArgumentInfo] = arguments.map { argument in
                switch argument {
                case .lazy(let value):
                    if value.runtime !== self {
                        recordError = BachError.foreignValue("an argument of \(annotation.name)")
                    }
                    return ArgumentInfo(splitType: value.node.resultType, isConstant: false)
                case .constant(_, let type):
                    return ArgumentInfo(splitType: type, isConstant: true)
                }
            }
            var inference: Inference?
            if recordError == nil {
                do {
                    inference = try annotation.infer(infos)
                    if inference!.uses.count != arguments.count {
                        throw BachError.internalInconsistency(
                            "\(annotation.name): inference gave \(inference!.uses.count) uses for \(arguments.count) arguments"
                        )
                    }
                } catch {
                    recordError = error
                }
            }
            let inputs: [Node.Input] = arguments.enumerated().map { index, argument in
                switch argument {
                case .lazy(let value): .node(value.node, use: inference?.uses[index] ?? .whole)
                case .constant(let value, let type): .constant(value, splitType: type)
                }
            }
            let node = Node(
                id: graph.nextID, annotation: annotation, inputs: inputs,
                resultType: inference?.result ?? Broadcast("failed \(annotation.name)"),
                recordError: recordError,
                state: .pending)
            graph.nextID += 1
            graph.pending.append(node)
            return handle(for: node)
        }
    }

    private func handle(for node: Node) -> LazyValue {
        let handle = LazyValue(node: node, runtime: self)
        node.handle = handle
        return handle
    }

    /// Evaluates every pending call.
    public func evaluate() throws {
        try evaluate(targets: nil)
    }

    /// The value of `handle` on the host, evaluating what it needs first. Throws the error of the
    /// call that failed, if its evaluation failed (now or earlier).
    public func value(of handle: LazyValue) throws -> Any {
        guard handle.runtime === self else { throw BachError.foreignValue("the value read") }
        try evaluate(targets: [handle.node])
        let state = graph.withLock { _ in handle.node.state }
        switch state {
        case .done(let value, let backend):
            if backend != .gpu { return value }
            return try hostCopy(of: value, type: handle.node.resultType)
        case .failed(let error):
            throw BachError.evaluationFailed(value: "the result of \(handle.node.name)", underlying: error)
        case .pending, .discarded:
            throw BachError.internalInconsistency("\(handle.node.name) was not kept by the evaluation")
        }
    }

    /// Runs `body` with the graph locked.
    func withGraph<R>(_ body: (inout GraphState) -> R) -> R {
        graph.withLock(body)
    }

    private func evaluate(targets: [Node]?) throws {
        let (selected, readLater): ([Node], Set<Int>) = graph.withLock { graph in
            guard let targets else { return (graph.pending, []) }
            var wanted = Set(targets.map(\.id))
            for node in graph.pending.reversed() where wanted.contains(node.id) {
                for dependency in node.dependencies { wanted.insert(dependency.id) }
            }
            let later = graph.pending.filter { !wanted.contains($0.id) }.flatMap(\.dependencies).map(\.id)
            return (graph.pending.filter { wanted.contains($0.id) }, Set(later))
        }
        if selected.isEmpty { return }
        defer {
            graph.withLock { graph in
                let finished = Set(selected.filter { !$0.isPending }.map(\.id))
                graph.pending.removeAll { finished.contains($0.id) }
            }
        }
        try evaluating.withLock { _ in
            try Evaluation(runtime: self, nodes: selected, readLater: readLater).run()
        }
    }

    /// Copies a device-resident whole value to the host.
    private func hostCopy(of value: Any, type: any OffloadSplitType) throws -> Any {
        guard let resources = try deviceResources() else {
            throw BachError.internalInconsistency("a device value without a device")
        }
        return try evaluating.withLock { _ in
            try type.transfer(value, to: .cpu, context: resources.resident.transfer)
        }
    }

    /// The device memory pool, streams and pinned staging this runtime keeps across evaluations
    /// (created on first use; nil without a device).
    func deviceResources() throws -> DeviceResources? {
        guard let device else { return nil }
        return try resources.withLock { resources in
            if let resources { return resources }
            let created = try onDevice { () throws(DeviceError) in
                try DeviceResources(device: device, copyThreads: options.copyThreads)
            }
            resources = created
            return created
        }
    }

    /// Device bytes the runtime caches for reuse: allocated on the device but held by no value.
    /// Device memory in use by values is the device's live bytes less these.
    public var cachedDeviceBytes: Int {
        resources.withLock { $0?.pool.cachedBytes ?? 0 }
    }

    /// Waits for the device, then returns the device memory the runtime caches for reuse and its
    /// pinned staging memory (as `torch.cuda.empty_cache()` does). Values still held, such as those
    /// kept with `materialize(on: .gpu)`, stay on the device.
    public func releaseDeviceMemory() throws {
        try evaluating.withLock { _ in
            guard let resources = resources.withLock({ $0 }) else { return }
            try onDevice { () throws(DeviceError) in try resources.release() }
        }
    }

    func record(_ update: (inout RuntimeCounters) -> Void) {
        stats.withLock(update)
    }
}

/// The mutable part of the graph: what is pending, and the next node id.
struct GraphState {
    var pending: [Node] = []
    var nextID = 0
}

/// Runs a device call, turning its error into `BachError.device`.
@inline(__always)
func onDevice<R>(_ body: () throws(DeviceError) -> R) throws(BachError) -> R {
    do {
        return try body()
    } catch {
        throw .device(error)
    }
}

/// The cores this process may use.
public func systemCores() -> Int {
    Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
