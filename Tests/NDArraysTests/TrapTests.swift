import Testing

import NDArrays

/// Operators and subscripts cannot throw; they stop the process with the message the throwing
/// function would have thrown.
struct TrapTests {
    @Test func operatorOnMismatchedShapesTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = NDArray<Double>.zeros([2]) + NDArray<Double>.zeros([3])
        }
    }

    @Test func subscriptOutOfBoundsTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = NDArray<Double>.zeros([2])[2]
        }
    }
}
