/// Where a value lives or a call runs.
public enum Backend: String, Sendable, Hashable, CustomStringConvertible {
    /// Host memory and host code.
    case cpu
    /// A device (a GPU, or the simulated device).
    case gpu
    /// Backend-agnostic values, such as constants, usable by either without a transfer.
    case scalar

    public var description: String { rawValue }
}
