import Devices
import Foundation
import Testing

@testable import GPUArrays

/// GPUArrays on the simulated device, against scalar loops.
struct GPUArrayTests {
    let context = try! GPUContext(device: try! SimulatedDevice(memory: 64 << 20))

    func upload(_ values: [Double], shape: [Int]? = nil) throws -> GPUArray<Double> {
        try values.withUnsafeBufferPointer {
            try GPUArray(copying: $0, shape: shape ?? [values.count], in: context)
        }
    }

    func sample(_ n: Int, seed: Double = 1) -> [Double] {
        (0..<n).map { sin(Double($0) * 0.37 + seed) * 10 }
    }

    @Test func arithmeticMatchesScalarLoops() throws {
        for n in [0, 1, 7, 4096, 10_001] {
            let (x, y) = (sample(n), sample(n, seed: 2))
            let (a, b) = (try upload(x), try upload(y))
            #expect(try add(a, b).scalars() == zip(x, y).map(+))
            #expect(try subtract(a, 2.0).scalars() == x.map { $0 - 2 })
            #expect(try multiply(3.0, b).scalars() == y.map { 3 * $0 })
            #expect(try divide(a, b).scalars() == zip(x, y).map(/))
            #expect(try minimum(a, b).scalars() == zip(x, y).map { $0 < $1 ? $0 : $1 })
        }
    }

    @Test func unaryFunctionsWithinUlps() throws {
        let x = sample(1000).map { $0 / 10 }
        let a = try upload(x)
        let cases: [(GPUArray<Double>, (Double) -> Double)] = [
            (try exp(a), Foundation.exp), (try log(abs(a)), { Foundation.log(Swift.abs($0)) }),
            (try sin(a), Foundation.sin), (try erf(a), Foundation.erf),
            (try sqrt(abs(a)), { Swift.abs($0).squareRoot() }),
            (try arcsin(a), Foundation.asin), (try log2(abs(a)), { Foundation.log2(Swift.abs($0)) }),
        ]
        for (result, reference) in cases {
            for (got, value) in zip(try result.scalars(), x) {
                let expected = reference(value)
                #expect(got == expected || Swift.abs(got - expected) <= 4 * expected.ulp, "\(value)")
            }
        }
    }

    @Test func outWritesInPlaceAndSharesMemory() throws {
        var a = try upload([1, 2, 3])
        let alias = a
        try multiply(a, a, out: &a)
        #expect(try alias.scalars() == [1, 4, 9], "GPUArray has reference semantics, as a tensor does")
        var wrong = try upload([0, 0])
        #expect(throws: GPUArrayError.self) { try add(a, 1.0, out: &wrong) }
    }

    @Test func broadcastingRowsColumnsAndScalars() throws {
        let matrix = try upload([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let row = try upload([10, 20, 30])
        let column = try upload([100, 200], shape: [2, 1])
        #expect(try add(matrix, row).scalars() == [11, 22, 33, 14, 25, 36])
        #expect(try add(matrix, column).scalars() == [101, 102, 103, 204, 205, 206])
        #expect(try add(column, row).shape == [2, 3])
        #expect(throws: GPUArrayError.self) { try add(matrix, upload([1, 2])) }
    }

    @Test func comparisonsSelectionAndLogic() throws {
        let a = try upload([1, .nan, 3, -1])
        let less = try GPUArrays.less(a, 2.0)
        #expect(try less.scalars() == [true, false, false, true])
        #expect(try `where`(less, a, 0.0).scalars() == [1, 0, 0, -1])
        #expect(
            try mask(a, less, 9.0).scalars().enumerated().allSatisfy {
                $0.offset == 1 ? $0.element.isNaN : true
            })
        #expect(try logicalNot(less).scalars() == [false, true, true, false])
        #expect(try logicalAnd(less, true).scalars() == [true, false, false, true])
    }

    @Test func reductionsOverAllElementsAndAxes() throws {
        let x = sample(70_001)
        let a = try upload(x)
        let total = try sum(a).item()
        #expect(Swift.abs(total - x.reduce(0, +)) < 1e-9)
        #expect(try min(a).item() == x.min()!)
        #expect(try argmax(a).item() == Int64(x.indices.max { x[$0] < x[$1] }!))
        #expect(try mean(a).item() - x.reduce(0, +) / Double(x.count) < 1e-12)
        let withNaN = try upload([3, .nan, 1, .nan])
        #expect(try min(withNaN).item().isNaN && argmin(withNaN).item() == 1, "the first NaN wins")
        #expect(try argmin(upload([2, 1, 1])).item() == 1, "ties go to the first index")
        let matrix = try upload([1, 5, 3, 4, 2, 6], shape: [2, 3])
        #expect(try sum(matrix, axis: 0).scalars() == [5, 7, 9])
        #expect(try sum(matrix, axis: 1).scalars() == [9, 12])
        #expect(try argmax(matrix, axis: 1).scalars() == [1, 2])
        #expect(try max(matrix, axis: 0).scalars() == [4, 5, 6])
        #expect(try sum(upload([])).item() == 0)
        #expect(throws: GPUArrayError.emptyInput(operation: "max")) { try max(upload([])) }
        let v = try variance(upload([1, 2, 3, 4])).item()
        #expect(Swift.abs(v - 1.25) < 1e-15)
    }

    @Test func integersWrap() throws {
        let values: [Int64] = [.max, 1]
        let a = try values.withUnsafeBufferPointer { try GPUArray(copying: $0, shape: [2], in: context) }
        #expect(try add(a, Int64(1)).scalars() == [.min, 2])
        #expect(try sum(a).item() == .min)
    }

    @Test func concatenateAndSlices() throws {
        let a = try upload([1, 2, 3, 4])
        let joined = try concatenate([a.slice(2..<4), a.slice(0..<1)])
        #expect(try joined.scalars() == [3, 4, 1])
        #expect(try concatenate([sum(a), max(a)]).scalars() == [10, 4])
    }

    @Test func memoryReturnsToThePool() throws {
        let device = try! SimulatedDevice(memory: 1 << 20)
        let local = try GPUContext(device: device)
        do {
            let a = try GPUArray<Double>.full([1000], 1.5, in: local)
            #expect(try a.scalars().allSatisfy { $0 == 1.5 })
        }
        try local.releaseMemory()
        #expect(device.counters.liveBytes == 0)
    }
}
