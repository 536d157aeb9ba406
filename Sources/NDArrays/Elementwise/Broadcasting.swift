/// The shape that operands of the given shapes broadcast to (`numpy.broadcast_shapes`), NumPy's
/// rule for ranks 0 to 2: shapes are aligned on their last axis and each axis must agree or be 1.
/// The error names `operation`.
public func broadcastShapes(_ shapes: [[Int]], operation: String = "broadcastShapes") throws(NDArrayError)
    -> [Int]
{
    let rank = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: rank)
    for shape in shapes {
        for (axis, length) in shape.enumerated() {
            let target = axis + rank - shape.count
            if result[target] == 1 {
                result[target] = length
            } else if length != 1 && length != result[target] {
                throw .shapeMismatch(
                    operation: operation,
                    expected: "shapes that broadcast together (equal or 1 along each axis)",
                    found: shapes.map(describe).joined(separator: " and "))
            }
        }
    }
    return result
}

/// One input of an elementwise operation, with its element type erased so that a `Bool`
/// condition and `Double` values run through the same loop driver.
struct ElementwiseInput {
    /// Keeps the buffer alive; `nil` once the input was found to be the output itself.
    var owner: AnyObject?
    let base: UnsafeRawPointer
    let shape: [Int]
    let elementSize: Int
    let matrixShape: (rows: Int, columns: Int)

    init<S>(_ array: consuming NDArray<S>) {
        owner = array.storage
        base = UnsafeRawPointer(array.base)
        shape = array.shape
        elementSize = MemoryLayout<S>.stride
        matrixShape = array.matrixShape
    }
}

/// A run of consecutive output elements within one row, with where each input's elements are.
struct Segment {
    var inputs: (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer)
    var strides: (Int, Int, Int)
    var output: UnsafeMutableRawPointer
    var count: Int

    /// Input `index` as typed operand.
    @inline(__always)
    func operand<T>(_ index: Int, as type: T.Type = T.self) -> Operand<T> {
        let (base, stride) =
            switch index {
            case 0: (inputs.0, strides.0)
            case 1: (inputs.1, strides.1)
            default: (inputs.2, strides.2)
            }
        return Operand(base.assumingMemoryBound(to: T.self), stride: stride)
    }

    /// The output as typed pointer.
    @inline(__always)
    func output<T>(as type: T.Type = T.self) -> UnsafeMutablePointer<T> {
        output.assumingMemoryBound(to: T.self)
    }
}
