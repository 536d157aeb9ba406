import NDArrays

/// The `k` nearest fitted points of every query row, by brute force: scikit-learn's `ArgKmin`
/// reduction for the Euclidean metric, computed the way it computes it so that ties come out the
/// same.
///
/// Query rows go in blocks; for each block one `gemm` gives `−2 · x · yᵀ`, whose rows are then
/// scanned in parallel parts, each small enough to stay in cache. The fitted points' squared norms
/// are added to the products, so
/// every candidate's key is `‖y‖² − 2 x·y` (the query's own norm, equal for all candidates, is
/// added at the end). Candidates enter a max-heap of size k in index order with scikit-learn's
/// `heap_push`: a candidate replaces the heap's root only when strictly closer, so of equal
/// distances the earlier index is kept, and the eviction among equal keys follows the same heap
/// layout. The result rows are sorted by distance, then index.
struct ArgKmin {
    /// The k nearest indices of each query, nearest first (queries × k).
    var indices: [Int]
    /// Their keys `‖y‖² − 2 x·y`, in the same layout.
    var keys: [Double]
    let k: Int

    /// Elements of one part's share of the distance block (256 KiB of doubles).
    static let blockElements = 1 << 15

    init(queries x: NDArray<Double>, fitted y: NDArray<Double>, squaredNorms: NDArray<Double>, k: Int)
        throws(LearnError)
    {
        let (m, n) = (x.shape[0], y.shape[0])
        self.k = k
        var indices = [Int](repeating: 0, count: m * k)
        var keys = [Double](repeating: .infinity, count: m * k)
        // One `gemm` per block of rows, whose rows are then scanned in parallel parts.
        let rowsPerBlock = Swift.max(1, Swift.min(m, ArgKmin.parts * ArgKmin.blockElements / Swift.max(n, 1)))
        var block = NDArray<Double>.empty([rowsPerBlock, n])
        var start = 0
        while start < m {
            let rows = Swift.min(rowsPerBlock, m - start)
            if rows != block.shape[0] { block = NDArray<Double>.empty([rows, n]) }
            let queries = try linearAlgebra { () throws(NDArrayError) in try x.slice(start..<(start + rows)) }
            try linearAlgebra { () throws(NDArrayError) in
                try gemm(queries, y, transposeB: true, alpha: -2, into: &block)
            }
            block.withUnsafeBufferPointer { distances in
                squaredNorms.withUnsafeBufferPointer { norms in
                    keys.withUnsafeMutableBufferPointer { keys in
                        indices.withUnsafeMutableBufferPointer { indices in
                            let shared = Shared(
                                (
                                    distances.baseAddress!, norms.baseAddress!, keys.baseAddress! + start * k,
                                    indices.baseAddress! + start * k
                                ))
                            Concurrency.forEachPart(rows, parts: ArgKmin.parts, grain: 256) { _, part in
                                let (distances, norms, keys, indices) = shared.value
                                for r in part {
                                    let offset = r * k
                                    ArgKmin.select(
                                        distances + r * n, norms, n, keys + offset, indices + offset, k)
                                }
                            }
                        }
                    }
                }
            }
            start += rows
        }
        self.indices = indices
        self.keys = keys
    }

    /// Row parts scanned in parallel.
    static let parts = 8

    /// Pushes candidates 0..<n of one query, keyed `row[j] + norms[j]`, into its heap in index
    /// order, then sorts the heap.
    @inline(__always)
    static func select(
        _ row: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ n: Int,
        _ heapKeys: UnsafeMutablePointer<Double>,
        _ heapIndices: UnsafeMutablePointer<Int>, _ k: Int
    ) {
        var j = 0
        while j + 8 <= n {
            // Skip 8 candidates at once when none is below the heap's root.
            if !noneBelow(row + j, norms + j, heapKeys[0]) {
                for t in j..<(j + 8) {
                    let key = row[t] + norms[t]
                    if key < heapKeys[0] { push(heapKeys, heapIndices, k, key, t) }
                }
            }
            j += 8
        }
        while j < n {
            let key = row[j] + norms[j]
            if key < heapKeys[0] { push(heapKeys, heapIndices, k, key, j) }
            j += 1
        }
        sort(heapKeys, heapIndices, k)
    }

    /// Whether none of the 8 keys `products[t] + norms[t]` is below `root`: the sign bits of the
    /// vector differences, ORed (`a < b` exactly when `a − b` is negative; `x − x` is +0).
    @inline(__always)
    static func noneBelow(_ products: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ root: Double)
        -> Bool
    {
        let keys =
            UnsafeRawPointer(products).loadUnaligned(as: SIMD8<Double>.self)
            + UnsafeRawPointer(norms).loadUnaligned(as: SIMD8<Double>.self)
        let signs = unsafeBitCast(keys - SIMD8(repeating: root), to: SIMD8<UInt64>.self)
        let half = signs.lowHalf | signs.highHalf
        let quarter = half.lowHalf | half.highHalf
        return (quarter[0] | quarter[1]) & 0x8000_0000_0000_0000 == 0
    }

    /// scikit-learn's `heap_push` into a max-heap of `size` keys whose root is the largest; the
    /// caller has checked that `key` is below the root.
    @inline(__always)
    static func push(
        _ keys: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int>, _ size: Int,
        _ key: Double,
        _ index: Int
    ) {
        keys[0] = key
        indices[0] = index
        var current = 0
        while true {
            let left = 2 * current + 1
            let right = left + 1
            var swap: Int
            if left >= size {
                break
            } else if right >= size {
                if keys[left] > key { swap = left } else { break }
            } else if keys[left] >= keys[right] {
                if key < keys[left] { swap = left } else { break }
            } else {
                if key < keys[right] { swap = right } else { break }
            }
            keys[current] = keys[swap]
            indices[current] = indices[swap]
            keys[swap] = key
            indices[swap] = index
            current = swap
        }
    }

    /// Sorts one heap's entries by key, then index.
    static func sort(_ keys: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int>, _ size: Int)
    {
        for i in 1..<Swift.max(size, 1) {
            let (key, index) = (keys[i], indices[i])
            var j = i - 1
            while j >= 0 && (keys[j] > key || (keys[j] == key && indices[j] > index)) {
                keys[j + 1] = keys[j]
                indices[j + 1] = indices[j]
                j -= 1
            }
            keys[j + 1] = key
            indices[j + 1] = index
        }
    }
}

/// The squared Euclidean norm of each row of `x` (`row_norms(x, squared=True)`).
func squaredRowNorms(_ x: NDArray<Double>) -> NDArray<Double> {
    let (n, d) = (x.shape[0], x.shape[1])
    var norms = NDArray<Double>.empty([n])
    x.withUnsafeBufferPointer { x in
        norms.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                var total = 0.0
                for j in 0..<d { total += x[i * d + j] * x[i * d + j] }
                out[i] = total
            }
        }
    }
    return norms
}
