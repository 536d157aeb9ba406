/// What the simulated device records about one operation.
public enum SimulatedOperation: Sendable, Equatable {
    case copyToDevice(bytes: Int)
    case copyToHost(bytes: Int)
    case copyOnDevice(bytes: Int)
    case kernel(name: String)

    /// Whether the operation is a host↔device copy.
    public var isTransfer: Bool {
        switch self {
        case .copyToDevice, .copyToHost: true
        default: false
        }
    }
}

/// One line of the simulated device's log.
public struct SimulatedLogEntry: Sendable, Equatable {
    /// When the line was written: as the host issued the operation, or as it ran.
    public enum Phase: Sendable, Equatable {
        case issued, completed
    }

    public let phase: Phase
    public let operation: SimulatedOperation
    /// The stream's index.
    public let stream: Int
    /// The stream's label when the operation was issued (the executor's batch, e.g. "batch 3").
    public let label: String
}

/// Work queued on a stream: a deferred operation, or a wait for another stream's progress.
enum QueuedOperation {
    case work(SimulatedOperation, label: String, body: () -> Void)
    case wait(stream: Int, position: Int)
}

/// A stream's queue and how far it has run.
struct SimulatedStream {
    var operations: [QueuedOperation] = []
    /// Operations run so far.
    var executed = 0
    /// Operations issued so far (what an event recorded now waits for).
    var issued: Int { operations.count }
}

/// The mutable state of a `SimulatedDevice`, guarded by its mutex.
struct SimulatedState {
    var faults: FaultPlan
    var counters = DeviceCounters()
    var allocations: [UInt: Int] = [:]
    var pinned: [UInt: Int] = [:]
    var streams: [SimulatedStream] = []
    var events: [(stream: Int, position: Int)?] = []
    var log: [SimulatedLogEntry] = []
    var prepared: [any Kernel] = []

    init(faults: FaultPlan) {
        self.faults = faults
    }

    /// Whether `bytes` bytes at `pointer` lie inside one pinned buffer.
    func isPinned(_ pointer: UnsafeRawPointer, _ bytes: Int) -> Bool {
        let address = UInt(bitPattern: pointer)
        return pinned.contains { start, size in
            address >= start && address + UInt(bytes) <= start + UInt(size)
        }
    }

    mutating func issue(
        _ operation: SimulatedOperation, on stream: DeviceStream, _ body: @escaping () -> Void
    ) {
        log.append(
            SimulatedLogEntry(phase: .issued, operation: operation, stream: stream.index, label: stream.label)
        )
        streams[stream.index].operations.append(.work(operation, label: stream.label, body: body))
    }

    mutating func failIfPlanned(_ kind: FaultPlan.Kind, _ operation: String) throws(DeviceError) {
        if faults.shouldFail(kind) {
            throw .callFailed(call: operation, code: 999, message: "injected fault")
        }
    }

    mutating func runAll(_ stream: Int) {
        run(stream, upTo: streams[stream].issued)
    }

    /// Runs `stream`'s first `position` operations, first running whatever they wait for.
    mutating func run(_ stream: Int, upTo position: Int) {
        while streams[stream].executed < position {
            let next = streams[stream].operations[streams[stream].executed]
            switch next {
            case .wait(let other, let otherPosition):
                run(other, upTo: otherPosition)
            case .work(let operation, let label, let body):
                body()
                log.append(
                    SimulatedLogEntry(phase: .completed, operation: operation, stream: stream, label: label))
                streams[stream].operations[streams[stream].executed] = .wait(stream: stream, position: 0)
            }
            streams[stream].executed += 1
        }
    }
}

/// Faults to inject: the k-th allocation, copy or kernel launch from now (counting from 1) fails.
/// A failed allocation reports `outOfMemory`; a failed copy or launch reports `callFailed`.
public struct FaultPlan: Sendable, Equatable {
    /// Which operation a fault applies to.
    public enum Kind: Sendable {
        case allocation, copy, kernel
    }

    public var failAllocation: Int?
    public var failCopy: Int?
    public var failKernel: Int?
    private var seen: [Int] = [0, 0, 0]

    public init(failAllocation: Int? = nil, failCopy: Int? = nil, failKernel: Int? = nil) {
        self.failAllocation = failAllocation
        self.failCopy = failCopy
        self.failKernel = failKernel
    }

    /// Counts one operation of `kind` and says whether it is the one planned to fail.
    mutating func shouldFail(_ kind: Kind) -> Bool {
        let (index, target) =
            switch kind {
            case .allocation: (0, failAllocation)
            case .copy: (1, failCopy)
            case .kernel: (2, failKernel)
            }
        seen[index] += 1
        return target == seen[index]
    }
}
