import NDArrays

/// Every pair of rows of X within distance `eps` of each other, found by blocked matrix products
/// without ever holding the n×n distance matrix: the ε-neighbourhood graph DBSCAN needs.
///
/// The lower triangle of the pairwise matrix is covered by square tiles; for each tile one `gemm`
/// gives the inner products `x_i·x_j`, and `‖x_i‖² + ‖x_j‖² − 2 x_i·x_j ≤ eps²` decides each pair
/// (the rows of a tile are scanned on all cores). The products run in single precision when that
/// is safe (twice the speed of double), with a proven error bound: a pair is accepted or rejected
/// on the single-precision value only when it lies farther from the boundary than the bound, and
/// otherwise its distance is recomputed exactly in double precision as `Σ (x_ik − x_jk)²`. The
/// decisions are therefore those of the exact double-precision distance, whatever the precision
/// of the products.
///
/// The bound: with unit roundoff u of the product precision and d features, rounding X to that
/// precision and summing d products in any order (with or without FMA) moves `x_i·x_j` by at most
/// `(γ_d(1+u)² + 2u + u²)·‖x_i‖‖x_j‖`, γ_d = d·u/(1 − d·u), and `‖x_i‖‖x_j‖ ≤ (‖x_i‖² + ‖x_j‖²)/2`;
/// another 6u of `‖x_i‖² + ‖x_j‖² + eps²` covers rounding the thresholds themselves.
struct RadiusGraph {
    /// The number of rows within `eps` of each row, the row itself included.
    var counts: [Int32]
    /// The pairs within `eps`, `first[e] > second[e]`, in no particular order.
    var first: [Int32] = []
    var second: [Int32] = []

    /// Rows per tile side: a 2048 × 2048 single-precision tile is 16 MiB, which stays in a
    /// server's last-level cache between `gemm` writing it and the scan reading it.
    static let tile = 2048
    /// Row parts a tile's scan is split into.
    static let parts = 8

    init(_ x: NDArray<Double>, eps: Double, norms: NDArray<Double>) throws(LearnError) {
        let (n, d) = (x.shape[0], x.shape[1])
        counts = [Int32](repeating: 1, count: n)
        let largest = norms.scalars.max() ?? 0
        let singleIsSafe = Double(d) * Double(Float.ulpOfOne) < 0.01 && largest < 1e30
        if singleIsSafe {
            try scan(x, singlePrecision(x), eps: eps, norms: norms)
        } else {
            try scan(x, x, eps: eps, norms: norms)
        }
    }

    private mutating func scan<T: NDFloatingPoint>(
        _ x: NDArray<Double>, _ rounded: NDArray<T>, eps: Double, norms: NDArray<Double>
    ) throws(LearnError) {
        let n = x.shape[0]
        let thresholds = Thresholds<T>(norms: norms, eps: eps, features: x.shape[1])
        var scanners = [Scanner](repeating: Scanner(), count: RadiusGraph.parts)
        let side = RadiusGraph.tile
        var block = NDArray<T>.empty([Swift.min(side, n), Swift.min(side, n)])
        var columnCounts = [Int32](repeating: 0, count: RadiusGraph.parts * side)
        for i0 in stride(from: 0, to: n, by: side) {
            let i1 = Swift.min(n, i0 + side)
            let rows = try linearAlgebra { () throws(NDArrayError) in try rounded.slice(i0..<i1) }
            for j0 in stride(from: 0, through: i0, by: side) {
                let j1 = Swift.min(n, j0 + side)
                let columns = try linearAlgebra { () throws(NDArrayError) in try rounded.slice(j0..<j1) }
                if block.shape != [i1 - i0, j1 - j0] { block = NDArray<T>.empty([i1 - i0, j1 - j0]) }
                try linearAlgebra { () throws(NDArrayError) in
                    try gemm(rows, columns, transposeB: true, into: &block)
                }
                let tile = Tile(i0: i0, i1: i1, j0: j0, j1: j1)
                block.withUnsafeBufferPointer { products in
                    x.withUnsafeBufferPointer { exact in
                        scanners.withUnsafeMutableBufferPointer { scanners in
                            columnCounts.withUnsafeMutableBufferPointer { columnCounts in
                                counts.withUnsafeMutableBufferPointer { counts in
                                    let shared = Shared(
                                        (
                                            products.baseAddress!, exact.baseAddress!, scanners.baseAddress!,
                                            columnCounts.baseAddress!, counts.baseAddress!
                                        ))
                                    Concurrency.forEachPart(i1 - i0, parts: RadiusGraph.parts, grain: 64) {
                                        part, range in
                                        let (products, exact, scanners, columnCounts, counts) = shared.value
                                        scanners[part].scan(
                                            tile, rows: range, products, thresholds, exact, d: x.shape[1],
                                            rowCounts: counts, columnCounts: columnCounts + part * side)
                                    }
                                }
                            }
                        }
                    }
                }
                for part in 0..<RadiusGraph.parts {
                    for j in 0..<(j1 - j0) {
                        counts[j0 + j] += columnCounts[part * side + j]
                        columnCounts[part * side + j] = 0
                    }
                }
            }
        }
        first = scanners.flatMap(\.first)
        second = scanners.flatMap(\.second)
    }
}

/// The rows `i0..<i1` and columns `j0..<j1` of one tile of the pairwise matrix.
struct Tile {
    let i0: Int, i1: Int, j0: Int, j1: Int
    var width: Int { j1 - j0 }
    var isDiagonal: Bool { i0 == j0 }
}

/// Per-row and per-column halves of the two decision thresholds on `x_i·x_j`: a pair is surely
/// within eps when the product is at least `highRow[i] + highColumn[j]`, surely not when it is
/// below `lowRow[i] + lowColumn[j]`, and needs the exact distance in between.
struct Thresholds<T: NDFloatingPoint>: @unchecked Sendable {
    let highRow: [T], highColumn: [T], lowRow: [T], lowColumn: [T]
    let eps2: Double

    init(norms: NDArray<Double>, eps: Double, features d: Int) {
        let u = Double(T.ulpOfOne) / 2
        let gamma = Double(d) * u / (1 - Double(d) * u)
        let k = (gamma * (1 + u) * (1 + u) + 2 * u + u * u) * 1.01 + 6 * u
        let (keps, eps2) = (6 * u, eps * eps)
        let values = norms.scalars
        highRow = values.map { T(((1 + k) * $0 - (1 - keps) * eps2) / 2) }
        highColumn = values.map { T((1 + k) * $0 / 2) }
        lowRow = values.map { T(((1 - k) * $0 - (1 + keps) * eps2) / 2) }
        lowColumn = values.map { T((1 - k) * $0 / 2) }
        self.eps2 = eps2
    }
}

/// One part's share of the scan: the pairs it found and where it counts them.
struct Scanner {
    var first: [Int32] = []
    var second: [Int32] = []

    /// Scans rows `rows` (relative to the tile) of a tile whose products are `products`
    /// (tile.height × tile.width); on the diagonal tile only the strict lower triangle.
    mutating func scan<T: NDFloatingPoint>(
        _ tile: Tile, rows: Range<Int>, _ products: UnsafePointer<T>, _ thresholds: Thresholds<T>,
        _ x: UnsafePointer<Double>, d: Int, rowCounts: UnsafeMutablePointer<Int32>,
        columnCounts: UnsafeMutablePointer<Int32>
    ) {
        thresholds.lowColumn.withUnsafeBufferPointer { lowColumn in
            thresholds.highColumn.withUnsafeBufferPointer { highColumn in
                for r in rows {
                    let i = tile.i0 + r
                    let end = tile.isDiagonal ? i : tile.j1
                    let row = products + r * tile.width - tile.j0  // row[j] is x_i·x_j
                    let (low, high) = (thresholds.lowRow[i], thresholds.highRow[i])
                    var j = tile.j0
                    if T.self == Float.self {
                        let c = UnsafeRawPointer(row).assumingMemoryBound(to: Float.self)
                        let floor = UnsafeRawPointer(lowColumn.baseAddress!).assumingMemoryBound(
                            to: Float.self)
                        while j + 32 <= end {
                            if !noneReaches(c + j, floor + j, Float(low._double)) {
                                for t in j..<(j + 32) where row[t] >= low + lowColumn[t] {
                                    decide(
                                        i, t, sure: row[t] >= high + highColumn[t], tile, thresholds.eps2, x,
                                        d, rowCounts, columnCounts)
                                }
                            }
                            j += 32
                        }
                    }
                    for t in j..<Swift.max(j, end) where row[t] >= low + lowColumn[t] {
                        decide(
                            i, t, sure: row[t] >= high + highColumn[t], tile, thresholds.eps2, x, d,
                            rowCounts, columnCounts)
                    }
                }
            }
        }
    }

    /// Records the pair (i, j) if it is surely within eps or its exact distance is.
    @inline(__always)
    private mutating func decide(
        _ i: Int, _ j: Int, sure: Bool, _ tile: Tile, _ eps2: Double, _ x: UnsafePointer<Double>, _ d: Int,
        _ rowCounts: UnsafeMutablePointer<Int32>, _ columnCounts: UnsafeMutablePointer<Int32>
    ) {
        if !sure && squaredDistance(x + i * d, x + j * d, d) > eps2 { return }
        rowCounts[i] += 1
        columnCounts[j - tile.j0] += 1
        first.append(Int32(i))
        second.append(Int32(j))
    }
}

/// `x` rounded to single precision (what `astype(Float.self)` gives, in a loop the compiler
/// vectorises).
func singlePrecision(_ x: NDArray<Double>) -> NDArray<Float> {
    var result = NDArray<Float>.empty(x.shape)
    x.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { target in
            for i in 0..<source.count { target[i] = Float(source[i]) }
        }
    }
    return result
}

/// Whether every one of 32 products `c[j]` is below `floorRow + floor[j]`, i.e. no pair among
/// them needs a closer look. The differences are taken as vectors and their sign bits ANDed, which
/// compiles to a handful of vector instructions (Swift's SIMD comparisons build masks lane by
/// lane). `c ≥ f` exactly when `c − f` has a clear sign bit (`x − x` is +0).
@inline(__always)
func noneReaches(_ c: UnsafePointer<Float>, _ floor: UnsafePointer<Float>, _ floorRow: Float) -> Bool {
    let (rawC, rawF) = (UnsafeRawPointer(c), UnsafeRawPointer(floor))
    let row = SIMD8<Float>(repeating: floorRow)
    var signs = SIMD8<UInt32>(repeating: .max)
    for part in 0..<4 {
        let offset = part * 32
        let difference =
            rawC.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            - (row + rawF.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
        signs &= unsafeBitCast(difference, to: SIMD8<UInt32>.self)
    }
    let half = signs.lowHalf & signs.highHalf
    let quarter = half.lowHalf & half.highHalf
    return quarter[0] & quarter[1] & 0x8000_0000 != 0
}

/// `Σ (a_k − b_k)²` over `d` features, summed in order.
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var total = 0.0
    for k in 0..<d {
        let difference = a[k] - b[k]
        total += difference * difference
    }
    return total
}
