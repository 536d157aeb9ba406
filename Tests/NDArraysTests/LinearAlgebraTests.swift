import Foundation
import Testing

@testable import NDArrays

/// Matrix products and decompositions: the public functions (OpenBLAS where installed, as in CI)
/// and the reference implementations, each against naive loops or by reconstruction.
struct LinearAlgebraTests {
    func naiveProduct(_ a: NDArray<Double>, _ b: NDArray<Double>) -> [Double] {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        return (0..<(m * n)).map { index in
            (0..<k).reduce(0.0) { $0 + a[index / n, $1] * b[$1, index % n] }
        }
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 7), (17, 33, 9), (64, 64, 64), (130, 257, 67), (5, 0, 4)])
    func matmulAgainstNaiveProduct(_ dims: (Int, Int, Int)) throws {
        let (m, k, n) = dims
        let a = NDArray<Double>.uniform([m, k], low: -1, high: 1, seed: 1)
        let b = NDArray<Double>.uniform([k, n], low: -1, high: 1, seed: 2)
        let expected = try NDArray(shape: [m, n], scalars: naiveProduct(a, b))
        #expect(allClose(try matmul(a, b), expected, tolerance: 1e-12))
        var reference = NDArray<Double>.zeros([m, n])
        reference.withUnsafeMutableBufferPointer { pc in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    referenceGemm(m: m, n: n, k: k, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                }
            }
        }
        #expect(allClose(reference, expected, tolerance: 1e-12))
    }

    @Test func vectorProductsDropTheirDimension() throws {
        let v = NDArray<Double>([1, 2, 3])
        let m = try NDArray<Double>(rows: [[1, 0], [0, 1], [1, 1]])
        #expect(try matmul(v, v).shape == [] && matmul(v, v).scalars == [14])
        #expect(try matmul(v, m).scalars == [4, 5])
        #expect(try matmul(m.transposed(), v).scalars == [4, 5])
        #expect(try dot(v, v).scalars == [14])
        let f = NDArray<Float>.uniform([40, 30], seed: 3)
        let product = try matmul(f, f.transposed())
        #expect(Swift.abs(product[3, 5] - (0..<30).reduce(Float(0)) { $0 + f[3, $1] * f[5, $1] }) < 1e-4)
    }

    @Test func matmulErrors() {
        let a = NDArray<Double>.zeros([2, 3])
        #expect(
            throws: NDArrayError.shapeMismatch(
                operation: "matmul", expected: "inner dimensions that agree, (m, k) @ (k, n)",
                found: "(2, 3) @ (2, 3)")
        ) { try matmul(a, a) }
        #expect(throws: NDArrayError.self) { try matmul(NDArray(scalar: 1.0), a) }
    }

    func checkEigh(_ a: NDArray<Double>, values: NDArray<Double>, vectors: NDArray<Double>) throws {
        let n = a.shape[0]
        #expect(zip(values.scalars, values.scalars.dropFirst()).allSatisfy { $0 <= $1 }, "ascending")
        let av = try matmul(a, vectors)
        let vl = try multiply(vectors, values)
        #expect(allClose(av, vl, tolerance: 1e-10), "A V = V Λ")
        #expect(
            allClose(try matmul(vectors.transposed(), vectors), identity(n), tolerance: 1e-10), "Vᵀ V = I")
    }

    func identity(_ n: Int) -> NDArray<Double> {
        var m = NDArray<Double>.zeros([n, n])
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    func symmetric(_ n: Int, seed: UInt64) throws -> NDArray<Double> {
        let r = NDArray<Double>.normal([n, n], seed: seed)
        return try add(r, r.transposed())
    }

    @Test(arguments: [1, 2, 5, 33])
    func eighReconstructs(_ n: Int) throws {
        let a = try symmetric(n, seed: UInt64(n))
        let (values, vectors) = try eigh(a)
        try checkEigh(a, values: values, vectors: vectors)
        var referenceVectors = a.copy()
        var referenceValues = NDArray<Double>.zeros([n])
        let info = referenceVectors.withUnsafeMutableBufferPointer { v in
            referenceValues.withUnsafeMutableBufferPointer { w in
                referenceEigh(n, v.baseAddress!, w.baseAddress!)
            }
        }
        #expect(info == 0)
        try checkEigh(a, values: referenceValues, vectors: referenceVectors)
        #expect(allClose(values, referenceValues, tolerance: 1e-10), "both paths agree on eigenvalues")
    }

    @Test func eighOfAKnownMatrix() throws {
        let (values, _) = try eigh(try NDArray<Double>(rows: [[2, 1], [1, 2]]))
        #expect(allClose(values, NDArray([1, 3]), tolerance: 1e-14))
        let (repeated, vectors) = try eigh(identity(4))
        #expect(repeated.scalars == [1, 1, 1, 1])
        #expect(allClose(try matmul(vectors.transposed(), vectors), identity(4), tolerance: 1e-14))
    }

    func checkSVD(_ a: NDArray<Double>, _ u: NDArray<Double>, _ s: NDArray<Double>, _ vt: NDArray<Double>)
        throws
    {
        let r = Swift.min(a.shape[0], a.shape[1])
        #expect(u.shape == [a.shape[0], r] && s.shape == [r] && vt.shape == [r, a.shape[1]])
        #expect(
            zip(s.scalars, s.scalars.dropFirst()).allSatisfy { $0 >= $1 } && s.scalars.allSatisfy { $0 >= 0 })
        #expect(allClose(try matmul(multiply(u, s), vt), a, tolerance: 1e-10), "U Σ Vᵀ = A")
        #expect(allClose(try matmul(u.transposed(), u), identity(r), tolerance: 1e-10), "Uᵀ U = I")
        #expect(allClose(try matmul(vt, vt.transposed()), identity(r), tolerance: 1e-10), "V Vᵀ = I")
    }

    /// The reference SVD's factors of `a`, checking that it converged.
    func referenceSVD(of a: NDArray<Double>) throws -> (NDArray<Double>, NDArray<Double>, NDArray<Double>) {
        let (m, n) = (a.shape[0], a.shape[1])
        let r = Swift.min(m, n)
        var (u, s, vt) = (
            NDArray<Double>.zeros([m, r]), NDArray<Double>.zeros([r]), NDArray<Double>.zeros([r, n])
        )
        var work = a.copy()
        let info = work.withUnsafeMutableBufferPointer { pa in
            u.withUnsafeMutableBufferPointer { pu in
                s.withUnsafeMutableBufferPointer { ps in
                    vt.withUnsafeMutableBufferPointer { pv in
                        NDArrays.referenceSVD(
                            m, n, pa.baseAddress!, pu.baseAddress!, ps.baseAddress!, pv.baseAddress!)
                    }
                }
            }
        }
        #expect(info == 0)
        return (u, s, vt)
    }

    @Test(arguments: [(1, 1), (6, 4), (4, 6), (50, 20), (20, 50)])
    func svdReconstructs(_ dims: (Int, Int)) throws {
        let (m, n) = dims
        let a = NDArray<Double>.normal([m, n], seed: UInt64(m * 100 + n))
        let (u, s, vt) = try svd(a)
        try checkSVD(a, u, s, vt)
        let (ru, rs, rvt) = try referenceSVD(of: a)
        try checkSVD(a, ru, rs, rvt)
        #expect(allClose(s, rs, tolerance: 1e-10), "both paths agree on singular values")
    }

    @Test func svdOfARankDeficientMatrix() throws {
        let column = NDArray<Double>.normal([8, 1], seed: 5)
        let a = try matmul(column, NDArray<Double>.normal([1, 5], seed: 6))
        let (u, s, vt) = try svd(a)
        try checkSVD(a, u, s, vt)
        #expect(s.scalars.dropFirst().allSatisfy { $0 < 1e-12 })
        let (ru, rs, rvt) = try referenceSVD(of: a)
        try checkSVD(a, ru, rs, rvt)
    }

    @Test func decompositionErrors() throws {
        #expect(throws: NDArrayError.self) { try eigh(NDArray<Double>.zeros([2, 3])) }
        #expect(throws: NDArrayError.self) { try eigh(NDArray<Double>.zeros([3])) }
        #expect(
            throws: NDArrayError.invalidArgument(
                operation: "svd", expected: "finite elements", found: "nan at flat index 1")
        ) {
            try svd(NDArray<Double>([1, .nan, 2, 3]).reshaped([2, 2]))
        }
        #expect((try? eigh(NDArray<Double>.zeros([0, 0])))?.values.count == 0)
    }

    @Test func libraryIsDescribed() {
        #expect(
            LinearAlgebraLibrary.description.contains(
                LinearAlgebraLibrary.usesOpenBLAS ? "OpenBLAS" : "reference"))
    }
}
