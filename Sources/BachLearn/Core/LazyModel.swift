import BachRuntime
import Learn

/// A fitted model in Bach's lazy graph: the result of a recorded `fit` that has not necessarily
/// run. Later calls (`transform`, `predict`) use it wherever they run; reading it evaluates the
/// fit and returns the model on the host, as a `Learn` model.
public struct LazyModel<Model>: @unchecked Sendable {
    /// The runtime's handle on the model.
    public let handle: LazyValue

    init(_ handle: LazyValue) {
        self.handle = handle
    }

    /// The fitted model on the host, evaluating what it needs first.
    public func value() throws -> Model {
        let value = try handle.runtime.value(of: handle)
        guard let model = value as? Model else {
            throw BachError.typeMismatch(expected: "\(Model.self)", found: "\(type(of: value))")
        }
        return model
    }
}
