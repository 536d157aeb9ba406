import Devices

/// What the runtime did in its last evaluation.
public struct RuntimeCounters: Sendable, Equatable {
    /// One stage of the last plan: the calls it ran together, where, and in how many batches.
    public struct StageReport: Sendable, Equatable, CustomStringConvertible {
        /// The calls, in order, each with its backend.
        public var calls: [(name: String, backend: Backend)]
        /// Elements split into batches (nil for a stage run on whole values).
        public var extent: Int?
        /// Elements per batch.
        public var batchSize: Int
        /// Batches run.
        public var batches: Int
        /// Why the stage ran on the CPU although some call had a GPU implementation, if it did.
        public var fallback: String?
        /// The groups of calls that ran fused, each as the names of its calls.
        public var fusedGroups: [[String]] = []

        public static func == (a: StageReport, b: StageReport) -> Bool {
            a.calls.map(\.name) == b.calls.map(\.name) && a.calls.map(\.backend) == b.calls.map(\.backend)
                && a.extent == b.extent && a.batchSize == b.batchSize && a.batches == b.batches
                && a.fallback == b.fallback && a.fusedGroups == b.fusedGroups
        }

        public var description: String {
            let list = calls.map { "\($0.name)@\($0.backend)" }.joined(separator: " ")
            let fused =
                fusedGroups.isEmpty
                ? ""
                : ", \(fusedGroups.map(\.count).reduce(0, +)) calls fused into \(fusedGroups.count) pass(es)"
            return
                "[\(list)] extent \(extent.map(String.init) ?? "whole"), \(batches) batch(es) of \(batchSize)"
                + fused + (fallback.map { " (CPU: \($0))" } ?? "")
        }
    }

    /// The stages of the last evaluation, in order.
    public var stages: [StageReport] = []
    /// Batches run, over all stages.
    public var batches: Int { stages.reduce(0) { $0 + $1.batches } }
    /// Calls that ran fused with others, over all stages.
    public var fusedCalls: Int { stages.reduce(0) { $0 + $1.fusedGroups.map(\.count).reduce(0, +) } }
    /// The device's counters over the last evaluation (zero without a device).
    public var device = DeviceCounters()
    /// Times the runtime re-planned a stage with smaller batches after the device ran out of memory.
    public var outOfMemoryRetries = 0

    public init() {}
}
