/// One vertex of the lazy graph: a recorded call, or a value given to the runtime (a source).
///
/// Nodes are immutable once recorded except for their state. Edges point from a node to the nodes
/// its arguments come from, so the graph is acyclic and record order is a topological order. A
/// call with `out:` arguments produces a new version of the value it writes: its result is a new
/// node that depends on the old version, which is how mutation becomes an edge.
final class Node: @unchecked Sendable {
    /// Where an argument comes from.
    enum Input {
        /// The result of another node, used as the inference said.
        case node(Node, use: Inference.Use)
        /// A constant captured at record time.
        case constant(Any, splitType: any OffloadSplitType)
    }

    /// What the node has become.
    enum State {
        case pending
        /// Evaluated: the whole value and the backend it is on.
        case done(Any, Backend)
        case failed(any Error)
        /// Evaluated away: nothing needed the value once the user's handle was gone.
        case discarded
    }

    /// Record order, unique per runtime.
    let id: Int
    /// The call, or `nil` for a source.
    let annotation: Annotation?
    let inputs: [Input]
    /// The result's split type (for a failed inference, `Broadcast`).
    let resultType: any OffloadSplitType
    /// Set when recording already failed (e.g. shapes that do not broadcast).
    let recordError: (any Error)?
    /// Where the user wants the value kept once evaluated (`nil`: the host).
    var materializeOn: Backend?
    var state: State
    /// The user's handle, while any user value refers to this node.
    weak var handle: LazyValue?

    init(
        id: Int, annotation: Annotation?, inputs: [Input], resultType: any OffloadSplitType,
        recordError: (any Error)?, state: State
    ) {
        self.id = id
        self.annotation = annotation
        self.inputs = inputs
        self.resultType = resultType
        self.recordError = recordError
        self.state = state
    }

    /// The call's name, or `source` for a value given to the runtime.
    var name: String { annotation?.name ?? "source" }

    /// Whether the call creates a value from nothing it reads (`empty`, a lazily read file), so
    /// that it can be made again rather than kept.
    var isAllocation: Bool { annotation?.kind == .allocation && inputs.isEmpty }

    var isPending: Bool {
        if case .pending = state { return true }
        return false
    }

    /// What the annotation's inference saw of each argument.
    var argumentInfos: [ArgumentInfo] {
        inputs.map { input in
            switch input {
            case .node(let source, _): ArgumentInfo(splitType: source.resultType, isConstant: false)
            case .constant(_, let type): ArgumentInfo(splitType: type, isConstant: true)
            }
        }
    }

    /// The nodes this one reads.
    var dependencies: [Node] {
        inputs.compactMap { input in
            if case .node(let node, _) = input { return node }
            return nil
        }
    }
}

/// A user's reference to a value in the lazy graph. Annotated libraries wrap it in their own lazy
/// types (BachNumeric's `LazyArray`); while any wrapper lives, the runtime keeps the value when it
/// evaluates, and once none does, the value is computed only as far as later calls need it.
public final class LazyValue: @unchecked Sendable {
    let node: Node
    /// The runtime that recorded the value.
    public let runtime: Bach

    init(node: Node, runtime: Bach) {
        self.node = node
        self.runtime = runtime
    }

    /// The value's split type (its shape and element type, for arrays).
    public var splitType: any OffloadSplitType { node.resultType }

    /// The name of the call that produces the value.
    public var producer: String { node.name }

    /// The error found when the call was recorded (arguments its annotation refused), which
    /// `evaluate` raises; nil for a call recorded without error.
    public var recordingError: (any Error)? { node.recordError }

    /// Where to keep the value once evaluated: on the host (the default) or on the device, for
    /// values that later calls use on the device again.
    public var materializeOn: Backend? {
        get { runtime.withGraph { _ in node.materializeOn } }
        set { runtime.withGraph { _ in node.materializeOn = newValue } }
    }

    /// Whether the value has been evaluated (successfully or not).
    public var isEvaluated: Bool { runtime.withGraph { _ in !node.isPending } }
}
