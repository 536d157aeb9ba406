import Devices

/// How a value is cut into pieces and joined back: the *split type* of offload annotations.
///
/// A split type is an instance describing one value (its shape and element type), created when a
/// call is recorded, so the planner knows every value's size before anything runs. Values travel
/// through the runtime as `Any`; a split type is the one thing that knows their concrete type.
public protocol SplitType: Sendable, CustomStringConvertible {
    /// The number of elements (rows, for a matrix) the value splits into along its split axis, or
    /// `nil` when it is broadcast whole to every piece (constants, models).
    var extent: Int? { get }

    /// Bytes one element of the value takes, to size batches (0 when broadcast).
    var bytesPerElement: Int { get }

    /// The piece of `value` covering elements `range`, on the backend the value is on.
    func split(_ value: Any, _ range: Range<Int>) throws -> Any

    /// Something that assembles the pieces of a value of this type into the whole, on the host.
    func makeMerger() throws -> any Merger
}

/// A split type whose values can live on the CPU or on a device: it says where a value is and
/// moves it between backends.
public protocol OffloadSplitType: SplitType {
    /// Where `value` is.
    func backend(of value: Any) -> Backend

    /// `value` moved to `backend`. Copies are issued through `context` (the executor's stream for
    /// the batch) and are complete only after the executor has synchronised that stream.
    func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any

    /// A copy of `value` that can be written without affecting `value`: what the executor passes to
    /// a mutating call when the old version is still needed. Types with value semantics return
    /// `value` itself.
    func duplicate(_ value: Any, context: TransferContext) throws -> Any
}

/// An offload split type whose pieces are contiguous memory: the executor then moves them itself,
/// staging host data through pinned buffers and writing results straight into the final output.
public protocol ContiguousSplitType: OffloadSplitType {
    /// The host memory of elements `range` of a host value (valid while the value lives).
    func hostBytes(of value: Any, range: Range<Int>) -> UnsafeRawBufferPointer

    /// The device memory of a device value: buffer, byte offset and byte count.
    func deviceBytes(of value: Any) -> (buffer: DeviceBuffer, byteOffset: Int, bytes: Int)

    /// A device value of `count` elements in `buffer`, which it adopts: the buffer goes back to
    /// `context`'s pool when the value is no longer used.
    func deviceValue(adopting buffer: DeviceBuffer, count: Int, context: TransferContext) -> Any

    /// A host value of `count` elements holding a copy of `bytes`.
    func hostValue(copying bytes: UnsafeRawBufferPointer, count: Int) -> Any
}

/// Assembles the pieces of one value, on the host, in any order.
public protocol Merger: AnyObject {
    /// Host memory to which the piece for `range` may be written directly, or `nil` when pieces
    /// must go through `add` (reductions, non-contiguous values).
    func region(for range: Range<Int>) -> UnsafeMutableRawBufferPointer?

    /// Takes the host piece for `range` (not needed after writing to `region(for:)`).
    func add(_ piece: Any, range: Range<Int>) throws

    /// The whole value.
    func finish() throws -> Any
}

/// The split type of constants and other values every piece gets whole (a model, a scalar).
public struct Broadcast: OffloadSplitType {
    /// What the broadcast value is, for messages.
    public let name: String

    public init(_ name: String = "broadcast") {
        self.name = name
    }

    public var extent: Int? { nil }
    public var bytesPerElement: Int { 0 }
    public var description: String { name }

    public func split(_ value: Any, _ range: Range<Int>) throws -> Any { value }

    public func makeMerger() throws -> any Merger { FirstPieceMerger() }

    public func backend(of value: Any) -> Backend { .scalar }

    public func transfer(_ value: Any, to backend: Backend, context: TransferContext) throws -> Any { value }

    public func duplicate(_ value: Any, context: TransferContext) throws -> Any { value }
}

/// Keeps the first piece: the merge of a broadcast value.
final class FirstPieceMerger: Merger {
    private var value: Any?

    func region(for range: Range<Int>) -> UnsafeMutableRawBufferPointer? { nil }

    func add(_ piece: Any, range: Range<Int>) throws {
        if value == nil { value = piece }
    }

    func finish() throws -> Any {
        guard let value else { throw BachError.internalInconsistency("a broadcast value was never produced") }
        return value
    }
}
