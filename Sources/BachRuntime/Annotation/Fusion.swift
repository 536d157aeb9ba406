import Devices

/// How a call fuses with neighbouring calls of its library into one pass over the data: the
/// runtime groups consecutive fusible calls of a stage that run on the same backend and have the
/// same `fuser`, and asks the fuser for one implementation of the whole group. Values only the group
/// reads never exist; values read after the group are its outputs, computed in the same pass.
///
/// A fusible call's mutable (`out:`) arguments are destinations only: the call writes every
/// element and reads none, as NumPy's elementwise `out=` does, so a fused group ignores them.
public struct Fusion: Sendable {
    /// The library's fuser; calls fuse only with calls of the same fuser (compared by identity).
    public let fuser: any Fuser
    /// What the call computes, in the fuser's own terms (BachNumeric: an elementwise operation).
    public let step: any Sendable

    public init(fuser: any Fuser, step: any Sendable) {
        self.fuser = fuser
        self.step = step
    }
}

/// Turns a group of consecutive fusible calls into one implementation.
public protocol Fuser: AnyObject, Sendable {
    /// The implementation of `group` on `backend`, or an error when the group cannot be fused (the
    /// runtime then runs its calls one by one).
    func fuse(_ group: FusionGroup, on backend: Backend) throws -> FusedImplementation
}

/// A group of calls to run as one, described to its fuser.
public struct FusionGroup: Sendable {
    /// Where an argument of a member comes from.
    public enum Source: @unchecked Sendable {
        /// The group's input `index` (a value computed before the group).
        case input(Int)
        /// The result of member `index`, earlier in the group.
        case member(Int)
        /// A constant captured when the call was recorded.
        case constant(Any, any OffloadSplitType)
    }

    /// One call of the group.
    public struct Member: Sendable {
        /// The call's `Fusion.step`.
        public let step: any Sendable
        /// Its arguments, destinations of `out:` left out.
        public let arguments: [Source]
        /// Its result's split type.
        public let result: any OffloadSplitType
    }

    /// The values the group reads from before it: split types, and whether each is split or whole.
    public let inputs: [(splitType: any OffloadSplitType, use: Inference.Use)]
    /// The calls, in record order.
    public let members: [Member]
    /// The members whose results leave the group, in the order the implementation returns them.
    public let outputs: [Int]
}

/// What a fuser makes of a group: an implementation over the group's input pieces (in order) that
/// returns an array with one piece per group output, and the kernels it launches for pieces of a
/// given length (compiled before a stage's first batch).
public struct FusedImplementation: Sendable {
    public let run: Annotation.Implementation
    public let kernels: (@Sendable (_ elements: Int) throws -> [any Kernel])?

    public init(
        run: @escaping Annotation.Implementation, kernels: (@Sendable (Int) throws -> [any Kernel])? = nil
    ) {
        self.run = run
        self.kernels = kernels
    }
}
