import BachRuntime
import Devices
import NDArrays
import Testing

@testable import BachNumeric

/// Reshaping, slicing, conversion, joining and matrix products give lazily what NDArrays gives
/// eagerly, on the CPU and through the device, and refuse bad shapes with typed errors.
struct ManipulationTests {
    @Test(arguments: [false, true]) func manipulationsMatchTheEagerLibrary(forceCPU: Bool) throws {
        let bach = Bach(
            device: try SimulatedDevice(memory: 64 << 10), options: Bach.Options(forceCPU: forceCPU))
        let x = uniform(6000, seed: 3)
        let lazyX = bach.lazy(x)
        let grid = lazyX.reshaped([-1, 3])
        #expect(grid.shape == [2000, 3])
        let sliced = multiply(grid.slice(10..<1010), 2.0)
        let joined = concatenate([sliced, grid.slice(0..<5)])
        let product = matmul(joined, bach.lazy(NDArray<Double>.uniform([3, 4], low: -1, high: 1, seed: 4)))
        let counts = product.astype(Float.self)
        try bach.evaluate()

        let eagerGrid = try x.reshaped([2000, 3])
        let eagerJoined = try NDArrays.concatenate([
            NDArrays.multiply(try eagerGrid.slice(10..<1010), 2.0), try eagerGrid.slice(0..<5),
        ])
        let eagerProduct = try NDArrays.matmul(
            eagerJoined, NDArray<Double>.uniform([3, 4], low: -1, high: 1, seed: 4))
        #expect(try joined.value() == eagerJoined)
        #expect(agree(try product.value(), eagerProduct, relative: 1e-12))
        #expect(try counts.value() == eagerProduct.astype(Float.self))
        #expect(try grid.transposed().value() == eagerGrid.transposed())
    }

    @Test func badShapesAreTypedErrorsNamedByTheCall() {
        let (bach, _) = simulatedRuntime()
        let x = bach.lazy(uniform(10))
        #expect {
            try x.reshaped([3, -1]).value()
        } throws: { error in
            guard case BachError.callFailed("reshape", NDArrayError.invalidArgument) = error else {
                return false
            }
            return "\(error)".contains("10 elements")
        }
        #expect {
            try x.slice(5..<11).value()
        } throws: { error in
            guard case BachError.callFailed("slice", NDArrayError.invalidArgument) = error else {
                return false
            }
            return true
        }
        #expect {
            try concatenate([x, x.reshaped([2, 5])]).value()
        } throws: { error in
            guard case BachError.callFailed("concatenate", NDArrayError.shapeMismatch) = error else {
                return false
            }
            return "\(error)".contains("(10,), (2, 5)")
        }
        #expect {
            try matmul(x.reshaped([5, 2]), x.reshaped([5, 2])).value()
        } throws: { error in
            guard case BachError.callFailed("matmul", NDArrayError.shapeMismatch) = error else {
                return false
            }
            return "\(error)".contains("(5, 2) @ (5, 2)")
        }
    }
}
