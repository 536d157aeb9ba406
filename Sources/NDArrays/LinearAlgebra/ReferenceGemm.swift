/// NDArrays' own matrix product, for machines without OpenBLAS and as the tests' oracle.
///
/// Four rows of `c` are computed together so that every element of `b` loaded feeds four
/// multiply-adds; `k` and `n` are blocked so that the panel of `b` in use stays in the L2 cache;
/// row blocks run in parallel. The inner loop is a plain axpy that the compiler vectorises.
func referenceGemm<T: BinaryFloatingPoint & SIMDScalar>(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>
) {
    c.update(repeating: 0, count: m * n)
    let (kBlock, nBlock) = (128, 512)
    let output = UncheckedSendable(c)
    let quads = (m + 3) / 4
    Parallelism.forEachChunk(quads, grain: Swift.max(1, (1 << 16) / Swift.max(1, n * k / 64))) { chunk in
        let c = output.value
        for p0 in stride(from: 0, to: k, by: kBlock) {
            let p1 = Swift.min(k, p0 + kBlock)
            for j0 in stride(from: 0, to: n, by: nBlock) {
                let width = Swift.min(n, j0 + nBlock) - j0
                for quad in chunk {
                    let rows = (quad * 4)..<Swift.min(m, quad * 4 + 4)
                    if rows.count == 4 {
                        gemmQuad(rows.lowerBound, p0..<p1, j0, width, n: n, k: k, a, b, c)
                    } else {
                        for i in rows {
                            for p in p0..<p1 {
                                let x = a[i * k + p]
                                let bRow = b + p * n + j0
                                let cRow = c + i * n + j0
                                for j in 0..<width { cRow[j] += x * bRow[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Rows `i`…`i + 3` of `c`, columns `j0 ..< j0 + width`, over `depth` of the inner dimension.
@inline(__always)
private func gemmQuad<T: BinaryFloatingPoint & SIMDScalar>(
    _ i: Int, _ depth: Range<Int>, _ j0: Int, _ width: Int, n: Int, k: Int,
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>
) {
    let (c0, c1, c2, c3) = (c + i * n + j0, c + (i + 1) * n + j0, c + (i + 2) * n + j0, c + (i + 3) * n + j0)
    for p in depth {
        let (x0, x1, x2, x3) = (a[i * k + p], a[(i + 1) * k + p], a[(i + 2) * k + p], a[(i + 3) * k + p])
        let bRow = b + p * n + j0
        for j in 0..<width {
            let y = bRow[j]
            c0[j] += x0 * y
            c1[j] += x1 * y
            c2[j] += x2 * y
            c3[j] += x3 * y
        }
    }
}
