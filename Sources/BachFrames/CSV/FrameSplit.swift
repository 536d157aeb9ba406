import BachRuntime
import Frames

/// The split type of the frames a lazy `readCSV` yields batch by batch: host values (parsing runs
/// on the CPU; a column's values then move to the device like any array), split by rows.
struct FrameSplit: OffloadSplitType {
    /// Rows of the whole frame.
    let rows: Int
    /// The columns' types, for the bytes a row takes.
    let types: [FrameType]

    var extent: Int? { rows }

    /// Bytes of a row once parsed: 8 per number (and a validity flag), 1 per flag, an estimate for
    /// text.
    var bytesPerElement: Int {
        types.reduce(0) { bytes, type in
            switch type {
            case .float64: bytes + 8
            case .int64: bytes + 9
            case .bool: bytes + 2
            case .string: bytes + 32
            }
        }
    }

    var description: String { "frame(\(rows) rows, \(types.map(\.rawValue).joined(separator: ", ")))" }

    func split(_ value: Any, _ range: Range<Int>) throws -> Any {
        try (value as! DataFrame).rows(range)
    }

    func makeMerger() throws -> any Merger { PiecesMerger<DataFrame> { try DataFrame.concatenate($0) } }

    func backend(of value: Any) -> Backend { .cpu }

    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        guard backend != .gpu else {
            throw BachError.typeMismatch(
                expected: "a value the device holds",
                found: "a data frame (frames stay on the host; columns move)")
        }
        return value
    }

    func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}

/// The split type of a text column: host values split by rows (text is not moved to the device).
struct TextSplit: OffloadSplitType {
    let rows: Int

    var extent: Int? { rows }
    var bytesPerElement: Int { 32 }
    var description: String { "text(\(rows) rows)" }

    func split(_ value: Any, _ range: Range<Int>) throws -> Any {
        try (value as! Series<String>).slice(range)
    }

    func makeMerger() throws -> any Merger { PiecesMerger<Series<String>> { try Series.concatenate($0) } }

    func backend(of value: Any) -> Backend { .cpu }

    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any {
        guard backend != .gpu else {
            throw BachError.typeMismatch(expected: "a value the device holds", found: "a text column")
        }
        return value
    }

    func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}

/// Collects the pieces of a host value by their first row and joins them in order.
final class PiecesMerger<Value>: Merger {
    private var pieces: [(start: Int, value: Value)] = []
    private let join: ([Value]) throws -> Value

    init(_ join: @escaping ([Value]) throws -> Value) {
        self.join = join
    }

    func region(for range: Range<Int>) -> UnsafeMutableRawBufferPointer? { nil }

    func add(_ piece: Any, range: Range<Int>) throws {
        guard let value = piece as? Value else {
            throw BachError.typeMismatch(expected: "\(Value.self)", found: "\(type(of: piece))")
        }
        pieces.append((range.lowerBound, value))
    }

    func finish() throws -> Any {
        try join(pieces.sorted { $0.start < $1.start }.map(\.value))
    }
}
