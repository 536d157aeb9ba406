import BachRuntime
import Devices
import GPUArrays

/// The split type of fitted models (the seed's `ModelSplit`): a model is given whole to every
/// piece of a call that uses it, and lives on the host as a `Learn` model or on the device as a
/// `GPULearn` model. Moving it converts its fitted attributes (components, means, training data),
/// so a model fitted on the CPU predicts on the GPU and the other way round, whatever the planner
/// chose for each call.
public struct ModelSplit<Host, Device>: OffloadSplitType {
    /// What the model is, for messages (e.g. `PCA model`).
    public let name: String
    /// Uploads a host model's attributes, or nil for models that have no device form.
    let toDevice: (@Sendable (Host, GPUContext) throws -> Device)?
    /// Downloads a device model's attributes, or nil for models that have no device form.
    let toHost: (@Sendable (Device) throws -> Host)?

    init(
        _ name: String, toDevice: (@Sendable (Host, GPUContext) throws -> Device)?,
        toHost: (@Sendable (Device) throws -> Host)?
    ) {
        self.name = name
        self.toDevice = toDevice
        self.toHost = toHost
    }

    public var extent: Int? { nil }
    public var bytesPerElement: Int { 0 }
    public var description: String { name }

    public func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }

    public func makeMerger() throws -> any Merger { try Broadcast(name).makeMerger() }

    public func backend(of value: Any) -> Backend {
        switch value {
        case is Host: .cpu
        case is Device: .gpu
        default: .scalar
        }
    }

    public func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        switch (value, backend) {
        case (let model as Host, .gpu):
            guard let toDevice else {
                throw BachError.typeMismatch(
                    expected: "a \(name) with a device form", found: "a host-only model")
            }
            return try onDevice(transfer: context) { try toDevice(model, GPUContext(context)) }
        case (let model as Device, .cpu):
            guard let toHost else {
                throw BachError.typeMismatch(
                    expected: "a \(name) with a host form", found: "a device-only model")
            }
            return try onDevice(transfer: context) { try toHost(model) }
        default:
            return value
        }
    }

    public func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}
