import Testing

@testable import Devices

/// The simulated device's BLAS and eigensolver: cuBLAS's column-major semantics against naive
/// loops and closed forms, deferred like any stream work, with cuBLAS's argument checks; the
/// reference loops (used without OpenBLAS) against the same oracles.
struct LinearAlgebraTests {
    /// Column-major `rows × columns` matrix with entries from a fixed formula (no two alike).
    static func matrix(_ rows: Int, _ columns: Int, seed: Double) -> [Double] {
        (0..<(rows * columns)).map { index in
            ((Double(index) * 0.731 + seed).truncatingRemainder(dividingBy: 2.3)) - 1.1
        }
    }

    /// op(a)·op(b) by the definition, column-major.
    static func product(
        _ a: [Double], _ b: [Double], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, lda: Int,
        ldb: Int
    ) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    let x = transposeA ? a[p + i * lda] : a[i + p * lda]
                    let y = transposeB ? b[j + p * ldb] : b[p + j * ldb]
                    c[i + j * m] += x * y
                }
            }
        }
        return c
    }

    /// A device buffer holding `values`, uploaded synchronously.
    func upload(_ values: [Double], _ device: SimulatedDevice, _ stream: DeviceStream) throws -> DeviceBuffer
    {
        let buffer = try device.allocate(values.count * 8)
        try values.withUnsafeBytes {
            try device.copy(from: $0.baseAddress!, to: buffer, offset: 0, bytes: $0.count, on: stream)
        }
        return buffer
    }

    func download(_ buffer: DeviceBuffer, count: Int, _ device: SimulatedDevice, _ stream: DeviceStream)
        throws
        -> [Double]
    {
        var values = [Double](repeating: .nan, count: count)
        try values.withUnsafeMutableBytes {
            try device.copy(from: buffer, offset: 0, to: $0.baseAddress!, bytes: $0.count, on: stream)
        }
        return values
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesTheDefinitionAndRunsWhenTheStreamDoes(_ transposes: (Bool, Bool)) throws {
        let (transposeA, transposeB) = transposes
        let device = try SimulatedDevice()
        let stream = try device.makeStream()
        let (m, n, k) = (5, 3, 4)
        let (lda, ldb) = (transposeA ? k + 1 : m + 2, transposeB ? n : k)
        let a = Self.matrix(lda, transposeA ? m : k, seed: 0.3)
        let b = Self.matrix(ldb, transposeB ? k : n, seed: 1.7)
        let old = Self.matrix(m, n, seed: 0.9)
        let (da, db, dc) = (
            try upload(a, device, stream), try upload(b, device, stream), try upload(old, device, stream)
        )
        try device.synchronize(stream)
        device.clearLog()
        try device.linearAlgebra.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 2,
            a: DeviceMatrix(DeviceAddress(da), leadingDimension: lda),
            b: DeviceMatrix(DeviceAddress(db), leadingDimension: ldb),
            beta: -1, c: DeviceMatrix(DeviceAddress(dc), leadingDimension: m), on: stream)
        #expect(device.log.map(\.phase) == [.issued], "issued, not run")
        let result = try download(dc, count: m * n, device, stream)
        let expected = zip(
            Self.product(
                a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, lda: lda, ldb: ldb),
            old
        ).map { 2 * $0 - $1 }
        for (got, want) in zip(result, expected) { #expect(abs(got - want) <= 1e-13 * (1 + abs(want))) }
        #expect(device.counters.kernelLaunches == 1)
        for buffer in [da, db, dc] { device.free(buffer) }
    }

    @Test(arguments: [(Triangle.lower, false), (.upper, false), (.lower, true), (.upper, true)])
    func syrkFillsOneTriangle(_ case: (Triangle, Bool)) throws {
        let (triangle, transpose) = `case`
        let device = try SimulatedDevice()
        let stream = try device.makeStream()
        let (n, k) = (4, 6)
        let lda = transpose ? k : n
        let a = Self.matrix(lda, transpose ? n : k, seed: 0.5)
        let (da, dc) = (
            try upload(a, device, stream), try upload([Double](repeating: 7, count: n * n), device, stream)
        )
        try device.linearAlgebra.syrk(
            triangle: triangle, transpose: transpose, n: n, k: k, alpha: 1,
            a: DeviceMatrix(DeviceAddress(da), leadingDimension: lda), beta: 0,
            c: DeviceMatrix(DeviceAddress(dc), leadingDimension: n), on: stream)
        let result = try download(dc, count: n * n, device, stream)
        let full = Self.product(
            a, a, m: n, n: n, k: k, transposeA: transpose, transposeB: !transpose, lda: lda, ldb: lda)
        for j in 0..<n {
            for i in 0..<n {
                let inside = triangle == .lower ? i >= j : i <= j
                let want = inside ? full[i + j * n] : 7
                #expect(abs(result[i + j * n] - want) <= 1e-13 * (1 + abs(want)), "(\(i), \(j))")
            }
        }
        for buffer in [da, dc] { device.free(buffer) }
    }

    @Test func eigenpairsOfASymmetricMatrix() throws {
        let device = try SimulatedDevice()
        let stream = try device.makeStream()
        let n = 6
        let seed = Self.matrix(n, n, seed: 0.2)
        var symmetric = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { symmetric[i + j * n] = seed[i + j * n] + seed[j + i * n] } }
        var lowerOnly = symmetric
        for j in 0..<n { for i in 0..<j { lowerOnly[i + j * n] = .nan } }  // the upper triangle is not read
        let blas = device.linearAlgebra
        let count = try blas.symmetricEigenWorkspace(triangle: .lower, n: n, leadingDimension: n)
        let da = try upload(lowerOnly, device, stream)
        let scratch = try device.allocate((n + count) * 8 + 8)
        try blas.symmetricEigen(
            triangle: .lower, n: n, a: DeviceMatrix(DeviceAddress(da), leadingDimension: n),
            values: DeviceAddress(scratch), workspace: DeviceAddress(scratch, offset: n * 8),
            workspaceCount: count,
            info: DeviceAddress(scratch, offset: (n + count) * 8), on: stream)
        let vectors = try download(da, count: n * n, device, stream)
        let all = try download(scratch, count: n + count + 1, device, stream)
        let values = Array(all[0..<n])
        #expect(values == values.sorted())
        #expect(all[n + count].bitPattern & 0xFFFF_FFFF == 0, "info 0")
        Self.expectEigenpairs(symmetric, values, vectors, n)
        for buffer in [da, scratch] { device.free(buffer) }
    }

    /// A·v = λ·v for every pair, and the vectors orthonormal.
    static func expectEigenpairs(_ a: [Double], _ values: [Double], _ vectors: [Double], _ n: Int) {
        for j in 0..<n {
            for i in 0..<n {
                var av = 0.0
                for p in 0..<n { av += a[i + p * n] * vectors[p + j * n] }
                #expect(abs(av - values[j] * vectors[i + j * n]) < 1e-12, "A v = λ v, pair \(j)")
                var dot = 0.0
                for p in 0..<n { dot += vectors[p + i * n] * vectors[p + j * n] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
            }
        }
    }

    @Test func referenceLoopsAgreeWithTheDefinitions() throws {
        let (m, n, k) = (4, 3, 5)
        let a = Self.matrix(k, m, seed: 0.4)
        let b = Self.matrix(k, n, seed: 0.8)
        var c = [Double](repeating: .nan, count: m * n)
        HostLinearAlgebra.referenceGemm(
            transposeA: true, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: k,
            beta: 0,
            c: &c, ldc: m)
        #expect(
            c == Self.product(a, b, m: m, n: n, k: k, transposeA: true, transposeB: false, lda: k, ldb: k))
        var gram = [Double](repeating: 0, count: m * m)
        HostLinearAlgebra.referenceSyrk(
            lower: true, transpose: true, n: m, k: k, alpha: 1, a: a, lda: k, beta: 0, c: &gram, ldc: m)
        let full = Self.product(a, a, m: m, n: m, k: k, transposeA: true, transposeB: false, lda: k, ldb: k)
        for j in 0..<m { for i in j..<m { #expect(abs(gram[i + j * m] - full[i + j * m]) < 1e-14) } }
        var symmetric = full
        var values = [Double](repeating: 0, count: m)
        #expect(JacobiEigen.solve(lower: true, n: m, a: &symmetric, lda: m, w: &values) == 0)
        Self.expectEigenpairs(full, values, symmetric, m)
        var two = [2.0, 1, 1, 2]
        var pair = [0.0, 0]
        _ = JacobiEigen.solve(lower: false, n: 2, a: &two, lda: 2, w: &pair)
        #expect(abs(pair[0] - 1) < 1e-15 && abs(pair[1] - 3) < 1e-15)
    }

    @Test func argumentsAreCheckedAsCuBLASDoesAndAgainstTheBuffers() throws {
        let device = try SimulatedDevice()
        let stream = try device.makeStream()
        let small = try device.allocate(8 * 8)
        defer { device.free(small) }
        let blas = device.linearAlgebra
        let matrix = DeviceMatrix(DeviceAddress(small), leadingDimension: 3)
        #expect(throws: DeviceError.self) {  // 3 × 3 needs 72 bytes, the buffer has 64
            try blas.gemm(
                transposeA: false, transposeB: false, m: 3, n: 3, k: 3, alpha: 1, a: matrix, b: matrix,
                beta: 0,
                c: matrix, on: stream)
        }
        do {
            try blas.syrk(
                triangle: .lower, transpose: false, n: 4, k: 1, alpha: 1, a: matrix, beta: 0, c: matrix,
                on: stream)
            Issue.record("a leading dimension below the rows was accepted")
        } catch .invalidArgument(let message) {
            #expect(message.contains("leading dimension") && message.contains("found 3"))
        }
        do {
            try blas.symmetricEigen(
                triangle: .lower, n: 2, a: DeviceMatrix(DeviceAddress(small), leadingDimension: 2),
                values: DeviceAddress(small, offset: 32), workspace: DeviceAddress(small, offset: 48),
                workspaceCount: 1, info: DeviceAddress(small, offset: 56), on: stream)
            Issue.record("a workspace smaller than asked for was accepted")
        } catch .invalidArgument(let message) {
            #expect(message.contains("workspace of at least 21 doubles") && message.contains("found 1"))
        }
        let foreign = DeviceMatrix(
            DeviceAddress(DeviceBuffer(address: 64, bytes: 1 << 20)), leadingDimension: 1)
        #expect(
            throws: DeviceError.invalidHandle(
                "dgemm: 8 bytes at offset 0 of a buffer of 1048576 bytes that this device did not allocate")
        ) {
            try blas.gemm(
                transposeA: false, transposeB: false, m: 1, n: 1, k: 1, alpha: 1, a: foreign, b: foreign,
                beta: 0,
                c: foreign, on: stream)
        }
        #expect(device.counters.kernelLaunches == 0, "nothing was issued")
    }
}
