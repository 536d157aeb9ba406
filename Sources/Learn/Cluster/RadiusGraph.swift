import NDArrays

/// Every pair of rows of X within distance `eps` of each other, found by blocked matrix products
/// without ever holding the n×n distance matrix: the ε-neighbourhood graph DBSCAN needs.
///
/// The lower triangle of the pairwise matrix is covered by square tiles; for each tile one `gemm`
/// gives the inner products `x_i·x_j`, and `‖x_i‖² + ‖x_j‖² − 2 x_i·x_j ≤ eps²` decides each pair.
/// The products run in single precision when that is safe (twice the speed of double), with a
/// proven error bound: a pair is accepted or rejected on the single-precision value only when it
/// lies farther from the boundary than the bound, and otherwise its distance is recomputed
/// exactly in double precision as `Σ (x_ik − x_jk)²`. The decisions are therefore those of the
/// exact double-precision distance, whatever the precision of the products.
///
/// The bound: with unit roundoff u of the product precision and d features, rounding X to that
/// precision and summing d products in any order (with or without FMA) moves `x_i·x_j` by at most
/// `(γ_d(1+u)² + 2u + u²)·‖x_i‖‖x_j‖`, γ_d = d·u/(1 − d·u), and `‖x_i‖‖x_j‖ ≤ (‖x_i‖² + ‖x_j‖²)/2`;
/// another 6u of `‖x_i‖² + ‖x_j‖² + eps²` covers rounding the thresholds themselves.
struct RadiusGraph {
    /// The number of rows within `eps` of each row, the row itself included.
    var counts: [Int32]
    /// The pairs within `eps`, `first[e] > second[e]`.
    var first: [Int32] = []
    var second: [Int32] = []

    /// Rows per tile side: a 2048 × 2048 single-precision tile is 16 MiB, which stays in a
    /// server's last-level cache between `gemm` writing it and the scan reading it.
    static let tile = 2048

    init(_ x: NDArray<Double>, eps: Double, norms: NDArray<Double>) throws(LearnError) {
        let (n, d) = (x.shape[0], x.shape[1])
        counts = [Int32](repeating: 1, count: n)
        let largest = norms.scalars.max() ?? 0
        let singleIsSafe = Double(d) * Double(Float.ulpOfOne) < 0.01 && largest < 1e30
        if singleIsSafe {
            try scan(x, x.astype(Float.self), eps: eps, norms: norms)
        } else {
            try scan(x, x, eps: eps, norms: norms)
        }
    }

    private mutating func scan<T: NDFloatingPoint & SIMDScalar>(
        _ x: NDArray<Double>, _ rounded: NDArray<T>, eps: Double, norms: NDArray<Double>
    ) throws(LearnError) {
        let (n, d) = (x.shape[0], x.shape[1])
        let u = Double(T.ulpOfOne) / 2
        let gamma = Double(d) * u / (1 - Double(d) * u)
        let k = (gamma * (1 + u) * (1 + u) + 2 * u + u * u) * 1.01 + 6 * u
        let (keps, eps2) = (6 * u, eps * eps)
        // Definitely a neighbour when x_i·x_j ≥ high_i + high_j; definitely not when < low_i + low_j.
        let highRow = norms.scalars.map { T(((1 + k) * $0 - (1 - keps) * eps2) / 2) }
        let highColumn = norms.scalars.map { T((1 + k) * $0 / 2) }
        let lowRow = norms.scalars.map { T(((1 - k) * $0 - (1 + keps) * eps2) / 2) }
        let lowColumn = norms.scalars.map { T((1 - k) * $0 / 2) }
        let side = RadiusGraph.tile
        var block = NDArray<T>.empty([Swift.min(side, n), Swift.min(side, n)])
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
                block.withUnsafeBufferPointer { products in
                    x.withUnsafeBufferPointer { exact in
                        let width = j1 - j0
                        for i in i0..<i1 {
                            let end = i0 == j0 ? i : j1  // diagonal tiles: the strict lower triangle
                            scanRow(
                                i, j0..<end, products.baseAddress! + (i - i0) * width - j0,
                                high: (highRow[i], highColumn), low: (lowRow[i], lowColumn), eps2: eps2,
                                exact: exact.baseAddress!, features: d)
                        }
                    }
                }
            }
        }
    }

    /// Scans row `i` against columns `range`; `products[j]` is x_i·x_j for j in `range`.
    @inline(__always)
    private mutating func scanRow<T: NDFloatingPoint & SIMDScalar>(
        _ i: Int, _ range: Range<Int>, _ products: UnsafePointer<T>, high: (T, [T]), low: (T, [T]),
        eps2: Double, exact: UnsafePointer<Double>, features d: Int
    ) {
        high.1.withUnsafeBufferPointer { highColumn in
            low.1.withUnsafeBufferPointer { lowColumn in
                let (highRow, lowRow) = (SIMD8<T>(repeating: high.0), SIMD8<T>(repeating: low.0))
                var j = range.lowerBound
                while j < range.upperBound {
                    if j + 8 <= range.upperBound {
                        let c = UnsafeRawPointer(products + j).loadUnaligned(as: SIMD8<T>.self)
                        let floor =
                            lowRow
                            + UnsafeRawPointer(lowColumn.baseAddress! + j).loadUnaligned(as: SIMD8<T>.self)
                        if !any(c .>= floor) {
                            j += 8
                            continue
                        }
                        let ceiling =
                            highRow
                            + UnsafeRawPointer(highColumn.baseAddress! + j).loadUnaligned(as: SIMD8<T>.self)
                        for lane in 0..<8 where c[lane] >= floor[lane] {
                            decide(i, j + lane, sure: c[lane] >= ceiling[lane], eps2, exact, d)
                        }
                        j += 8
                    } else {
                        let c = products[j]
                        if c >= low.0 + lowColumn[j] {
                            decide(i, j, sure: c >= high.0 + highColumn[j], eps2, exact, d)
                        }
                        j += 1
                    }
                }
            }
        }
    }

    /// Records the pair (i, j) if it is surely within eps or its exact distance is.
    @inline(__always)
    private mutating func decide(
        _ i: Int, _ j: Int, sure: Bool, _ eps2: Double, _ x: UnsafePointer<Double>, _ d: Int
    ) {
        if !sure && squaredDistance(x + i * d, x + j * d, d) > eps2 { return }
        counts[i] += 1
        counts[j] += 1
        first.append(Int32(i))
        second.append(Int32(j))
    }
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
