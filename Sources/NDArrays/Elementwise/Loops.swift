/// The loops every kernel is built from. They are generic but always called from code that knows
/// the element type, so each is compiled (and vectorised) once per type.

/// out[i] = f(a[i], b[i]), with a branch per broadcast pattern so the common loops are plain.
@inline(__always)
func map2<A, B, O>(
    _ a: Operand<A>, _ b: Operand<B>, _ out: UnsafeMutablePointer<O>, _ n: Int,
    _ f: (A, B) -> O
) {
    let x = a.base
    let y = b.base
    switch (a.stride, b.stride) {
    case (1, 1):
        for i in 0..<n { out[i] = f(x[i], y[i]) }
    case (1, _):
        let v = y.pointee
        for i in 0..<n { out[i] = f(x[i], v) }
    case (_, 1):
        let u = x.pointee
        for i in 0..<n { out[i] = f(u, y[i]) }
    default:
        out.update(repeating: f(x.pointee, y.pointee), count: n)
    }
}

/// out[i] = f(a[i]) over contiguous elements.
@inline(__always)
func map1<A, O>(_ a: UnsafePointer<A>, _ out: UnsafeMutablePointer<O>, _ n: Int, _ f: (A) -> O) {
    for i in 0..<n { out[i] = f(a[i]) }
}

/// out[i] = cond[i] ? a[i] : b[i].
@inline(__always)
func select<S>(
    _ cond: Operand<Bool>, _ a: Operand<S>, _ b: Operand<S>, _ out: UnsafeMutablePointer<S>,
    _ n: Int
) {
    let c = cond.base
    let x = a.base
    let y = b.base
    if cond.stride == 0 {
        let chosen = c.pointee ? a : b
        for i in 0..<n { out[i] = chosen.base[i * chosen.stride] }
    } else if a.stride == 1 && b.stride == 1 {
        for i in 0..<n { out[i] = c[i] ? x[i] : y[i] }
    } else if a.stride == 0 && b.stride == 1 {
        // A constant where the condition holds (pandas' `mask(cond, value)`): a plain loop, which
        // vectorises, instead of the strided one.
        let v = x.pointee
        for i in 0..<n { out[i] = c[i] ? v : y[i] }
    } else if a.stride == 1 && b.stride == 0 {
        let v = y.pointee
        for i in 0..<n { out[i] = c[i] ? x[i] : v }
    } else {
        for i in 0..<n { out[i] = c[i] ? x[i * a.stride] : y[i * b.stride] }
    }
}

/// The leaf size of pairwise sums: blocks this long are summed with eight running sums.
let pairwiseLeaf = 1024

/// Splits a pairwise-sum range in two; the split depends on the length alone, so a sum is the same
/// however many threads compute it.
@inline(__always)
func pairwiseSplit(_ n: Int) -> Int { (n / 2) & ~7 }

/// Sums with NumPy-like accuracy (pairwise above `pairwiseLeaf`), in parallel for long inputs.
@inline(__always)
func pairwiseSum<S>(
    _ p: UnsafePointer<S>, _ n: Int, zero: S, _ add: (S, S) -> S,
    leaf: (UnsafePointer<S>, Int) -> S
) -> S {
    func tree(_ p: UnsafePointer<S>, _ n: Int) -> S {
        if n <= pairwiseLeaf { return leaf(p, n) }
        let half = pairwiseSplit(n)
        return add(tree(p, half), tree(p + half, n - half))
    }
    var depth = 0
    while (1 << depth) < Parallelism.threads * 2 && n >> (depth + 1) >= Grain.cheap { depth += 1 }
    if depth == 0 || Parallelism.threads == 1 { return tree(p, n) }
    var ranges = [(start: 0, count: n)]
    for _ in 0..<depth {
        ranges = ranges.flatMap { range in
            let half = pairwiseSplit(range.count)
            return [(range.start, half), (range.start + half, range.count - half)]
        }
    }
    var sums = [S](repeating: zero, count: ranges.count)
    sums.withUnsafeMutableBufferPointer { sums in
        let results = UncheckedSendable(sums)
        Parallelism.forEachChunk(ranges.count, grain: 1) { chunk in
            for i in chunk { results.value[i] = tree(p + ranges[i].start, ranges[i].count) }
        }
    }
    while sums.count > 1 {
        sums = stride(from: 0, to: sums.count, by: 2).map { add(sums[$0], sums[$0 + 1]) }
    }
    return sums[0]
}

/// The first index of the smallest (or largest) element; the first NaN wins, as in NumPy.
@inline(__always)
func extremum<S: Comparable>(
    _ p: UnsafePointer<S>, _ n: Int, largest: Bool, isNaN: (S) -> Bool
) -> (index: Int, value: S) {
    var best = 0
    var value = p[0]
    if isNaN(value) { return (0, value) }
    for i in 1..<Swift.max(n, 1) {
        let x = p[i]
        if largest ? x > value : x < value {
            best = i
            value = x
        } else if isNaN(x) {
            return (i, x)
        }
    }
    return (best, value)
}
