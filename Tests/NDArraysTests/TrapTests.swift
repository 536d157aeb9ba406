import Testing

import NDArrays

/// Operators and subscripts cannot throw; they stop the process with the message the throwing
/// function would have thrown (through `fatalError`, whose message survives release builds, where
/// `precondition`'s does not).
struct TrapTests {
    @Test func operatorOnMismatchedShapesTraps() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray<Double>.zeros([2]) + NDArray<Double>.zeros([3])
        }
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("shape mismatch") && message.contains("(2,) and (3,)"), "\(message)")
    }

    @Test func subscriptOutOfBoundsTraps() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NDArray<Double>.zeros([2])[2]
        }
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("out of bounds"), "\(message)")
    }
}
