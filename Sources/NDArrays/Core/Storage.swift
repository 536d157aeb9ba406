/// The heap buffer behind one or more `NDArray` values: 64-byte aligned, freed with its last owner.
///
/// Arrays share a buffer until one of them is written (copy-on-write); the buffer itself is
/// mutated only through an array that holds the sole reference, which is what makes the
/// `@unchecked Sendable` sound.
@usableFromInline
final class NDStorage<Scalar: NDScalar>: @unchecked Sendable {
    /// The first element.
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// Elements the buffer holds.
    let capacity: Int

    /// Allocates room for `capacity` elements, uninitialised (every element type is trivial).
    init(capacity: Int) {
        let bytes = Swift.max(capacity, 1) * MemoryLayout<Scalar>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        base = raw.bindMemory(to: Scalar.self, capacity: Swift.max(capacity, 1))
        self.capacity = capacity
    }

    deinit {
        UnsafeMutableRawPointer(base).deallocate()
    }
}
