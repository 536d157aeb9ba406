import Foundation
import Testing

@testable import NDArrays

/// Binary ufuncs, comparisons, logical operations and selection against scalar loops.
struct BinaryTests {
    typealias Function = @Sendable (NDArray<Double>, NDArray<Double>) throws -> NDArray<Double>
    static let arithmetic: [(String, Function, @Sendable (Double, Double) -> Double)] = [
        ("add", { try add($0, $1) }, +),
        ("subtract", { try subtract($0, $1) }, -),
        ("multiply", { try multiply($0, $1) }, *),
        ("divide", { try divide($0, $1) }, /),
        ("power", { try power($0, $1) }, { Foundation.pow($0, $1) }),
        // NaN wins; between -0 and +0 the second operand is returned, as in NumPy's scalar loop.
        ("minimum", { try minimum($0, $1) }, { $0.isNaN || $1.isNaN ? .nan : $0 < $1 ? $0 : $1 }),
        ("maximum", { try maximum($0, $1) }, { $0.isNaN || $1.isNaN ? .nan : $0 > $1 ? $0 : $1 }),
    ]

    @Test(arguments: arithmetic.indices)
    func arithmeticAgainstScalarLoops(_ index: Int) throws {
        let (name, function, reference) = Self.arithmetic[index]
        for length in awkwardLengths + [threadedLength] {
            let a = sample(length, range: name == "power" ? 3 : 100, seed: 5)
            let b = sample(length, range: name == "power" ? 3 : 100, seed: 6)
            let (x, y) = name == "power" ? (abs(a), b) : (a, b)
            let result = try function(x, y)
            #expect(
                allClose(result, zip(x.scalars, y.scalars).map(reference), ulps: 2), "\(name) at \(length)")
        }
    }

    @Test(arguments: arithmetic.indices)
    func specialValuePairs(_ index: Int) throws {
        let (name, function, reference) = Self.arithmetic[index]
        let pairs = specials.flatMap { x in specials.map { (x, $0) } }
        let result = try function(NDArray(pairs.map(\.0)), NDArray(pairs.map(\.1)))
        for ((x, y), got) in zip(pairs, result.scalars) {
            #expect(close(got, reference(x, y), ulps: 2), "\(name)(\(x), \(y)) = \(got)")
        }
    }

    @Test func scalarFormsMatchArrayForms() throws {
        let a = sample(1000)
        let two = NDArray<Double>.full([1000], 2)
        #expect(add(a, 2.0) == (try add(a, two)))
        #expect(subtract(2.0, a) == (try subtract(two, a)))
        #expect(multiply(a, 2.0) == a * 2.0)
        #expect(divide(2.0, a) == 2.0 / a)
        #expect(power(a, 2.0) == (try power(a, two)))
        #expect(a + a == (try add(a, a)))
        #expect(-a == negative(a))
    }

    @Test func outFormsAliasInputsSafely() throws {
        var x = sample(4097)
        let original = x
        try multiply(x, x, out: &x)
        #expect(x == original * original, "x *= x reading and writing one buffer")
        #expect(original == sample(4097), "the value x shared its buffer with is unchanged")
        var y = sample(100)
        try subtract(5.0, y, out: &y)
        #expect(y == subtract(5.0, sample(100)))
        var z = sample(10)
        z += 1
        z *= 2
        z -= 3
        z /= 4
        let start: NDArray<Double> = sample(10) + 1.0
        let scaled: NDArray<Double> = start * 2.0 - 3.0
        #expect(z == scaled / 4.0)
    }

    @Test func integerArithmeticWraps() throws {
        let a = NDArray<Int64>([Int64.max, Int64.min, 7])
        let one = NDArray<Int64>([1, 1, 2])
        #expect(try add(a, one).scalars == [Int64.min, Int64.min + 1, 9])
        #expect(try subtract(a, one).scalars == [Int64.max - 1, Int64.max, 5])
        #expect(try multiply(a, one).scalars == [Int64.max, Int64.min, 14])
        #expect(try minimum(a, one).scalars == [1, Int64.min, 2])
        #expect(try maximum(a, one).scalars == [Int64.max, 1, 7])
    }

    @Test func comparisons() throws {
        let a = NDArray<Double>([1, 2, .nan, -0.0, .infinity])
        let b = NDArray<Double>([2, 2, .nan, 0.0, 1])
        #expect(try less(a, b).scalars == [true, false, false, false, false])
        #expect(try lessEqual(a, b).scalars == [true, true, false, true, false])
        #expect(try greater(a, b).scalars == [false, false, false, false, true])
        #expect(try greaterEqual(a, b).scalars == [false, true, false, true, true])
        #expect(try equal(a, b).scalars == [false, true, false, true, false])
        #expect(try notEqual(a, b).scalars == [true, false, true, false, true])
        #expect(less(a, 2.0).scalars == [true, false, false, true, false])
        #expect(greater(2.0, a).scalars == [true, false, false, true, false])
        let big = sample(threadedLength)
        let expected = big.scalars.map { $0 < 0.5 }
        #expect(less(big, 0.5).scalars == expected)
        var out = NDArray<Bool>.zeros([threadedLength])
        try less(big, 0.5, out: &out)
        #expect(out.scalars == expected)
    }

    @Test func logicalOperations() throws {
        let a = NDArray<Bool>([true, true, false, false])
        let b = NDArray<Bool>([true, false, true, false])
        #expect(try logicalAnd(a, b).scalars == [true, false, false, false])
        #expect(try logicalOr(a, b).scalars == [true, true, true, false])
        #expect(try logicalXor(a, b).scalars == [false, true, true, false])
        #expect(logicalNot(a).scalars == [false, false, true, true])
        var out = a
        try logicalAnd(out, b, out: &out)
        #expect(out.scalars == [true, false, false, false])
        #expect(a.scalars == [true, true, false, false])
    }

    @Test func whereAndMask() throws {
        let cond = NDArray<Bool>([true, false, true, false, false])
        let a = NDArray<Double>([1, 2, 3, 4, 5])
        let b = NDArray<Double>([10, 20, 30, 40, 50])
        #expect(try `where`(cond, a, b).scalars == [1, 20, 3, 40, 50])
        #expect(try `where`(cond, a, 0.0).scalars == [1, 0, 3, 0, 0])
        #expect(try `where`(cond, -1.0, b).scalars == [-1, 20, -1, 40, 50])
        #expect(`where`(cond, 1.0, 0.0).scalars == [1, 0, 1, 0, 0])
        #expect(try mask(a, cond, 0.0).scalars == [0, 2, 0, 4, 5])
        #expect(try mask(a, cond, b).scalars == [10, 2, 30, 4, 5])
        var inPlace = a
        try mask(inPlace, greater(inPlace, 3.0), 3.0, out: &inPlace)
        #expect(inPlace.scalars == [1, 2, 3, 3, 3])
        let big = sample(threadedLength)
        #expect(try `where`(less(big, 0.0), 0.0, big).scalars == big.scalars.map { $0 < 0 ? 0 : $0 })
    }
}

/// NumPy's broadcasting rule for ranks 0 to 2.
struct BroadcastingTests {
    let matrix = try! NDArray<Double>(rows: [[1, 2, 3], [4, 5, 6]])

    @Test func rowAgainstMatrix() throws {
        let row = NDArray<Double>([10, 20, 30])
        #expect(try add(matrix, row) == (try NDArray(rows: [[11, 22, 33], [14, 25, 36]])))
        #expect(try subtract(row, matrix) == (try NDArray(rows: [[9, 18, 27], [6, 15, 24]])))
    }

    @Test func columnAgainstMatrix() throws {
        let column = try NDArray<Double>(rows: [[10], [100]])
        #expect(try multiply(matrix, column) == (try NDArray(rows: [[10, 20, 30], [400, 500, 600]])))
    }

    @Test func columnAgainstRowMakesAMatrix() throws {
        let column = try NDArray<Double>(rows: [[1], [2]])
        let row = NDArray<Double>([10, 20, 30])
        #expect(try add(column, row) == (try NDArray(rows: [[11, 21, 31], [12, 22, 32]])))
    }

    @Test func scalarAndRankZero() throws {
        #expect(try add(matrix, NDArray(scalar: 1)) == matrix + 1)
        #expect(try add(NDArray(scalar: 1.0), NDArray(scalar: 2.0)).shape == [])
    }

    @Test func emptyOperands() throws {
        let empty = NDArray<Double>.zeros([0])
        #expect(try add(empty, empty).shape == [0])
        #expect(exp(empty).count == 0)
        #expect(try add(NDArray<Double>.zeros([0, 3]), NDArray([1.0, 2, 3])).shape == [0, 3])
    }

    @Test func largeBroadcastRunsThreaded() throws {
        let big = NDArray<Double>.uniform([2000, 300], seed: 9)
        let row = NDArray<Double>.uniform([300], seed: 10)
        let result = try add(big, row)
        let (values, rowValues) = (big.scalars, row.scalars)
        let expected = (0..<(2000 * 300)).map { values[$0] + rowValues[$0 % 300] }
        #expect(result.scalars == expected)
    }

    @Test func mismatchedShapesThrowNamingBoth() {
        #expect(
            throws: NDArrayError.shapeMismatch(
                operation: "add", expected: "shapes that broadcast together (equal or 1 along each axis)",
                found: "(2, 3) and (2,)")
        ) { try add(matrix, NDArray([1.0, 2])) }
        var out = NDArray<Double>.zeros([3])
        #expect(throws: NDArrayError.self) { try add(matrix, matrix, out: &out) }
    }
}

/// Outputs of 4 MiB and more are written around the cache (non-temporal stores): the same values
/// as the cached loop, for any alignment, broadcasting and aliasing.
struct StreamingStoreTests {
    @Test func largeArithmeticMatchesScalarLoops() throws {
        let n = (1 << 20) + 3
        let whole = sample(n + 1, range: 100, seed: 12)
        let a = whole[1..<(n + 1)]
        let b = sample(n, range: 100, seed: 13)
        let (x, y) = (a.scalars, b.scalars)
        #expect(try add(a, b).scalars == zip(x, y).map(+), "unaligned operand")
        #expect(try subtract(a, b).scalars == zip(x, y).map(-))
        #expect(multiply(a, 3.0).scalars == x.map { $0 * 3 })
        #expect(divide(2.0, b).scalars == y.map { 2 / $0 })
        var inPlace = b
        try multiply(inPlace, inPlace, out: &inPlace)
        #expect(inPlace.scalars == y.map { $0 * $0 })
        let f = NDArray<Float>.uniform([n], low: -5, high: 5, seed: 14)
        #expect(try divide(f, f).scalars.allSatisfy { $0 == 1 })
        let single = singleThreaded { (try? add(a, b))?.scalars }
        #expect(single == zip(x, y).map(+), "one thread: one 8 MiB chunk")
    }
}
