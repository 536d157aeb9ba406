import Testing

@testable import NDArrays

/// The BLAS/LAPACK functions added for Learn (`gemm` with transposes, `gram`, `eigh` of a subset,
/// `qr`, `lu`): each against naive loops or by reconstruction, on both paths (OpenBLAS and LAPACKE
/// where installed, and the reference implementations through `usingReference`).
struct LinearAlgebraAdditionsTests {
    /// Runs `body` on the default path and on the reference path.
    func onBothPaths(_ body: () throws -> Void) rethrows {
        try body()
        try LinearAlgebraLibrary.usingReference { try body() }
    }

    func naive(_ a: NDArray<Double>, _ b: NDArray<Double>) throws -> NDArray<Double> {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        let values = (0..<(m * n)).map { index in
            (0..<k).reduce(0.0) { $0 + a[index / n, $1] * b[$1, index % n] }
        }
        return try NDArray(shape: [m, n], scalars: values)
    }

    func identity(_ n: Int) -> NDArray<Double> {
        var m = NDArray<Double>.zeros([n, n])
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @Test func usingReferenceSwitchesOnlyInside() {
        let outside = LinearAlgebraLibrary.functions != nil
        #expect(outside == LinearAlgebraLibrary.usesOpenBLAS)
        LinearAlgebraLibrary.usingReference { #expect(LinearAlgebraLibrary.functions == nil) }
        #expect((LinearAlgebraLibrary.functions != nil) == outside)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmReadsOperandsTransposed(_ flags: (Bool, Bool)) throws {
        let (ta, tb) = flags
        let (m, k, n) = (13, 37, 9)
        let a = NDArray<Double>.uniform(ta ? [k, m] : [m, k], low: -1, high: 1, seed: 11)
        let b = NDArray<Double>.uniform(tb ? [n, k] : [k, n], low: -1, high: 1, seed: 12)
        let start = NDArray<Double>.uniform([m, n], seed: 13)
        let product = try naive(ta ? a.transposed() : a, tb ? b.transposed() : b)
        let expected = try add(multiply(product, -2.0), multiply(start, 0.5))
        try onBothPaths {
            var c = start
            try gemm(a, b, transposeA: ta, transposeB: tb, alpha: -2, beta: 0.5, into: &c)
            #expect(allClose(c, expected, tolerance: 1e-12))
            #expect(start == NDArray<Double>.uniform([m, n], seed: 13), "c was copied, not shared")
        }
    }

    @Test func gemmOnRowViewsAndFloats() throws {
        let x = NDArray<Float>.uniform([40, 16], low: -1, high: 1, seed: 4)
        var c = NDArray<Float>.zeros([10, 20])
        try onBothPaths {
            try gemm(x[5..<15], x[20..<40], transposeB: true, into: &c)
            for (i, j) in [(0, 0), (3, 7), (9, 19)] {
                let dot = (0..<16).reduce(Float(0)) { $0 + x[5 + i, $1] * x[20 + j, $1] }
                #expect(Swift.abs(c[i, j] - dot) < 1e-5)
            }
        }
    }

    @Test func gemmErrors() {
        var c = NDArray<Double>.zeros([2, 2])
        #expect(
            throws: NDArrayError.shapeMismatch(
                operation: "gemm", expected: "op(a) (m, k), op(b) (k, n) and c (m, n)",
                found: "op(a) (2, 3), op(b) (2, 3), c (2, 2)")
        ) { try gemm(NDArray<Double>.zeros([2, 3]), NDArray<Double>.zeros([2, 3]), into: &c) }
        #expect(throws: NDArrayError.self) { try gemm(NDArray<Double>([1, 2]), c, into: &c) }
    }

    @Test(arguments: [(1, 1), (50, 7), (7, 50), (300, 64), (0, 4)])
    func gramIsTransposeTimesSelf(_ dims: (Int, Int)) throws {
        let a = NDArray<Double>.normal([dims.0, dims.1], seed: UInt64(dims.0 + dims.1))
        let expected = try naive(a.transposed(), a)
        try onBothPaths {
            let g = try gram(a)
            #expect(allClose(g, expected, tolerance: 1e-12))
            #expect(g == g.transposed(), "exactly symmetric")
        }
        #expect(throws: NDArrayError.self) { try gram(NDArray<Double>([1, 2])) }
    }

    @Test(arguments: [(6, 4..<6), (20, 17..<20), (33, 0..<3), (5, 0..<5), (9, 3..<3)])
    func eighSubsetMatchesTheFullSolver(_ case_: (Int, Range<Int>)) throws {
        let (n, range) = case_
        let r = NDArray<Double>.normal([n, n], seed: UInt64(n))
        let a = try add(r, r.transposed())
        let (allValues, _) = try eigh(a)
        try onBothPaths {
            let (values, vectors) = try eigh(a, subsetByIndex: range)
            #expect(values.shape == [range.count] && vectors.shape == [n, range.count])
            #expect(allClose(values, try allValues.slice(range).copy(), tolerance: 1e-10))
            #expect(allClose(try matmul(a, vectors), try multiply(vectors, values), tolerance: 1e-10))
            #expect(
                allClose(try matmul(vectors.transposed(), vectors), identity(range.count), tolerance: 1e-10))
        }
    }

    @Test func eighSubsetReadsTheLowerTriangle() throws {
        let r = NDArray<Double>.normal([12, 12], seed: 9)
        let symmetric = try add(r, r.transposed())
        var lowerOnly = symmetric
        for i in 0..<12 { for j in (i + 1)..<12 { lowerOnly[i, j] = 1e6 } }
        try onBothPaths {
            let (values, vectors) = try eigh(lowerOnly, subsetByIndex: 9..<12)
            let (expected, _) = try eigh(symmetric)
            #expect(allClose(values, try expected.slice(9..<12).copy(), tolerance: 1e-12))
            #expect(allClose(try matmul(symmetric, vectors), try multiply(vectors, values), tolerance: 1e-10))
        }
    }

    @Test func eighSubsetErrors() {
        let a = NDArray<Double>.zeros([3, 3])
        #expect(
            throws: NDArrayError.invalidArgument(
                operation: "eigh", expected: "an index range within 0..<3", found: "1..<4")
        ) { try eigh(a, subsetByIndex: 1..<4) }
        #expect(throws: NDArrayError.self) { try eigh(NDArray<Double>.zeros([2, 3]), subsetByIndex: 0..<1) }
    }

    func checkQR(_ a: NDArray<Double>, _ q: NDArray<Double>, _ r: NDArray<Double>) throws {
        let k = Swift.min(a.shape[0], a.shape[1])
        #expect(q.shape == [a.shape[0], k] && r.shape == [k, a.shape[1]])
        #expect(allClose(try matmul(q, r), a, tolerance: 1e-12), "Q R = A")
        #expect(allClose(try matmul(q.transposed(), q), identity(k), tolerance: 1e-12), "Qᵀ Q = I")
        for i in 0..<k { for j in 0..<i { #expect(r[i, j] == 0) } }
    }

    @Test(arguments: [(1, 1), (9, 4), (4, 9), (60, 12), (12, 12)])
    func qrReconstructsOnBothPaths(_ dims: (Int, Int)) throws {
        let a = NDArray<Double>.normal([dims.0, dims.1], seed: UInt64(dims.0 * 31 + dims.1))
        let (q, r) = try qr(a)
        try checkQR(a, q, r)
        let (rq, rr) = try LinearAlgebraLibrary.usingReference { try qr(a) }
        try checkQR(a, rq, rr)
        #expect(
            allClose(rq, q, tolerance: 1e-10) && allClose(rr, r, tolerance: 1e-10), "same signs as LAPACK")
    }

    @Test func qrOfAKnownMatrix() throws {
        let (q, r) = try qr(try NDArray<Double>(rows: [[3, 1], [4, 2]]))
        // LAPACK's convention: R[0][0] = −sign(a₀₀)·‖a₀‖ = −5.
        #expect(allClose(q, try NDArray(rows: [[-0.6, -0.8], [-0.8, 0.6]]), tolerance: 1e-15))
        #expect(allClose(r, try NDArray(rows: [[-5, -2.2], [0, 0.4]]), tolerance: 1e-15))
    }

    @Test(arguments: [(1, 1), (8, 3), (3, 8), (40, 40)])
    func luReconstructsWithTheSamePivotsOnBothPaths(_ dims: (Int, Int)) throws {
        let a = NDArray<Double>.normal([dims.0, dims.1], seed: UInt64(dims.0 * 7 + dims.1))
        let k = Swift.min(dims.0, dims.1)
        try onBothPaths {
            let (pl, u) = try lu(a)
            #expect(pl.shape == [dims.0, k] && u.shape == [k, dims.1])
            #expect(allClose(try matmul(pl, u), a, tolerance: 1e-12))
            for i in 0..<k { for j in 0..<i { #expect(u[i, j] == 0) } }
        }
        let (pl, u) = try lu(a)
        let (rpl, ru) = try LinearAlgebraLibrary.usingReference { try lu(a) }
        #expect(allClose(pl, rpl, tolerance: 1e-12) && allClose(u, ru, tolerance: 1e-12))
    }

    @Test func luOfAKnownMatrixAndASingularOne() throws {
        // Pivot on 3: P·L = [[1/3, 1], [1, 0]], U = [[3, 4], [0, 2/3]].
        let (pl, u) = try lu(try NDArray<Double>(rows: [[1, 2], [3, 4]]))
        #expect(allClose(pl, try NDArray(rows: [[1.0 / 3, 1], [1, 0]]), tolerance: 1e-15))
        #expect(allClose(u, try NDArray(rows: [[3, 4], [0, 2.0 / 3]]), tolerance: 1e-15))
        let singular = try NDArray<Double>(rows: [[1, 2], [2, 4]])
        try onBothPaths {
            let (spl, su) = try lu(singular)
            let product = try matmul(spl, su)
            #expect(su[1, 1] == 0 && allClose(product, singular, tolerance: 1e-15))
        }
        #expect(throws: NDArrayError.self) { try lu(NDArray<Double>([1, .infinity]).reshaped([1, 2])) }
    }
}
