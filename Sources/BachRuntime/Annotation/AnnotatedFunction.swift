/// One function an annotated library offers, described for people: what `bach annotations` lists
/// and the documentation shows.
public struct AnnotatedFunction: Sendable, Hashable {
    /// The annotated library, e.g. `BachNumeric`.
    public let library: String
    /// The function's name, e.g. `exp` or `sum(axis:)`.
    public let name: String
    /// The CPU implementation.
    public let cpu: String
    /// The GPU implementation, or nil for a function that runs on the CPU only.
    public let gpu: String?
    /// How arguments are split and the result is merged.
    public let splitTypes: String
    /// Whether consecutive calls of it fuse into one pass.
    public let fuses: Bool

    public init(library: String, name: String, cpu: String, gpu: String?, splitTypes: String, fuses: Bool) {
        self.library = library
        self.name = name
        self.cpu = cpu
        self.gpu = gpu
        self.splitTypes = splitTypes
        self.fuses = fuses
    }
}
