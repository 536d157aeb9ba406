import CVectorMath
import Testing

@testable import NDArrays

/// CVectorMath's block kernels on every vector path this machine has (AVX2, AVX-512), each
/// against the Swift loop it replaces (`loopBinary`, `loopCompare`, `select`, `loopUnary`), bit for
/// bit: NaNs (quiet, signalling, negative, with payloads), signed zeros, infinities, subnormals and
/// integer extremes, every pair of them, lengths 0 through 70 from unaligned starts, and every
/// operand pattern (array or broadcast value on either side). Nothing is written past the n
/// results, and the scalar path leaves the work to the Swift loop.
struct BlockKernelTests {
    static let vectorPaths = VectorMath.availablePaths.filter { $0 != .scalar }
    static let arithmetic: [BinaryOperation] = [.add, .subtract, .multiply, .divide, .minimum, .maximum]
    static let comparisons: [BinaryOperation] = [
        .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual,
    ]

    @Test(arguments: vectorPaths, arithmetic)
    func arithmeticMatchesTheSwiftLoops(_ path: VectorMath.Path, _ op: BinaryOperation) {
        checkBinary(Double.self, op, path)
        checkBinary(Float.self, op, path)
        if op != .divide {
            checkBinary(Int64.self, op, path)
            checkBinary(Int32.self, op, path)
        }
    }

    @Test(arguments: vectorPaths, comparisons)
    func comparisonsMatchTheSwiftLoops(_ path: VectorMath.Path, _ op: BinaryOperation) {
        checkCompare(Double.self, op, path)
        checkCompare(Float.self, op, path)
        checkCompare(Int64.self, op, path)
        checkCompare(Int32.self, op, path)
    }

    @Test(arguments: vectorPaths)
    func selectionMatchesTheSwiftLoop(_ path: VectorMath.Path) {
        checkSelect(Double.self, path)
        checkSelect(Float.self, path)
        checkSelect(Int64.self, path)
        checkSelect(Int32.self, path)
    }

    @Test(arguments: vectorPaths, [UnaryOperation.negative, .abs])
    func signOperationsMatchTheSwiftLoops(_ path: VectorMath.Path, _ op: UnaryOperation) {
        checkSign(Double.self, op, path)
        checkSign(Float.self, op, path)
        checkSign(Int64.self, op, path)
        checkSign(Int32.self, op, path)
    }

    /// Hand-checked cases of NumPy's semantics, independent of the Swift loops.
    @Test(arguments: vectorPaths)
    func numpySemantics(_ path: VectorMath.Path) {
        let x: [Double] = [.nan, 1, 0, -0.0, 2, .nan]
        let y: [Double] = [1, .nan, -0.0, 0, .nan, 3]
        let minimum = run(Double.self, .minimum, x, 1, y, 1, x.count, path)!
        #expect(minimum[0].isNaN && minimum[1].isNaN && minimum[4].isNaN && minimum[5].isNaN)
        #expect(minimum[2].bitPattern == (-0.0).bitPattern && minimum[3].bitPattern == (0.0).bitPattern)
        let maximum = run(Double.self, .maximum, x, 1, y, 1, x.count, path)!
        #expect(maximum.enumerated().allSatisfy { $0.offset == 2 || $0.offset == 3 || $0.element.isNaN })
        let less = compare(Double.self, .less, x, 1, y, 1, x.count, path)!
        #expect(less == [0, 0, 0, 0, 0, 0])
        let notEqual = compare(Double.self, .notEqual, x, 1, y, 1, x.count, path)!
        #expect(notEqual == [1, 1, 0, 0, 1, 1])
        let wrapped = run(Int32.self, .multiply, [Int32.max, .min], 1, [2], 0, 2, path)!
        #expect(wrapped == [-2, 0])
    }

    @Test(arguments: [BinaryOperation.add, .minimum])
    func theScalarPathLeavesTheLoopToTheCaller(_ op: BinaryOperation) {
        var out = [Double](repeating: 7, count: 4)
        let x: [Double] = [1, 2, 3, 4]
        let used = out.withUnsafeMutableBufferPointer { out in
            nd_binary_path(ND_PATH_SCALAR, ND_FLOAT64, op.arithmeticCode!, x, 1, x, 1, out.baseAddress, 4)
        }
        #expect(used == 0 && out == [7, 7, 7, 7])
        var flags = [Bool](repeating: false, count: 4)
        let compared = flags.withUnsafeMutableBufferPointer {
            nd_compare_path(ND_PATH_SCALAR, ND_FLOAT64, ND_LESS, x, 1, x, 0, $0.baseAddress, 4)
        }
        #expect(compared == 0 && flags == [false, false, false, false])
    }

    @Test func integerDivisionAndBroadcastConditionsHaveNoKernel() {
        let x: [Int64] = [1, 2]
        var out: [Int64] = [0, 0]
        let divided = out.withUnsafeMutableBufferPointer {
            nd_binary_path(ND_PATH_AVX512, ND_INT64, ND_DIVIDE, x, 1, x, 1, $0.baseAddress, 2)
        }
        #expect(divided == 0 && out == [0, 0])
        let cond = [true]
        let selected = out.withUnsafeMutableBufferPointer {
            nd_select_path(ND_PATH_AVX512, ND_INT64, cond, 0, x, 1, x, 1, $0.baseAddress, 2)
        }
        #expect(selected == 0 && out == [0, 0])
    }

    /// The typed entry points that ufuncs and the fused evaluator call run the kernels of the path
    /// in use and agree with the Swift loops.
    @Test func entryPointsAgreeWithTheSwiftLoops() {
        let n = 1000
        let a = (0..<n).map { Double.samples[$0 % Double.samples.count] }
        let b = (0..<n).map { Double.samples[($0 / 7) % Double.samples.count] }
        for op in Self.arithmetic {
            let got = [Double](unsafeUninitializedCapacity: n) { out, count in
                withOperands(a, 1, b, 1) {
                    if op == .divide {
                        Double._floatBinary(op, $0, $1, out.baseAddress!, n)
                    } else {
                        Double._binary(op, $0, $1, out.baseAddress!, n)
                    }
                }
                count = n
            }
            let want = reference(Double.self, op, a, 1, b, 1, n)
            #expect(a.indices.allSatisfy { same(op, a[$0], b[$0], got[$0], want[$0]) }, "\(op)")
        }
        let cond = (0..<n).map { $0 % 3 == 0 }
        let chosen = [Double](unsafeUninitializedCapacity: n) { out, count in
            cond.withUnsafeBufferPointer { cond in
                withOperands(a, 1, b, 1) {
                    Double._select(Operand(cond.baseAddress!, stride: 1), $0, $1, out.baseAddress!, n)
                }
            }
            count = n
        }
        #expect(chosen.indices.allSatisfy { chosen[$0].kernelBits == (cond[$0] ? a[$0] : b[$0]).kernelBits })
        let flags = [Bool](unsafeUninitializedCapacity: n) { out, count in
            withOperands(a, 1, b, 1) { Double._compare(.greater, $0, $1, out.baseAddress!, n) }
            count = n
        }
        #expect(flags.indices.allSatisfy { flags[$0] == (a[$0] > b[$0]) })
    }
}

// MARK: - Checks

/// Element types with the samples and Swift reference loops the checks use.
protocol KernelScalar: NDNumeric {
    /// Special and ordinary values; the checks combine every pair.
    static var samples: [Self] { get }
    static func reference(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int)
    static func reference(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int)
    var kernelBits: UInt64 { get }
    var isNaNValue: Bool { get }
}

extension KernelScalar where Self: BinaryFloatingPoint {
    var isNaNValue: Bool { isNaN }
}

extension KernelScalar where Self: FixedWidthInteger {
    var isNaNValue: Bool { false }
    var kernelBits: UInt64 { UInt64(truncatingIfNeeded: self) }
}

extension Double: KernelScalar {
    static let samples: [Double] =
        [
            .nan, -.nan, Double(nan: 0x2345, signaling: false), .signalingNaN, .infinity, -.infinity, 0, -0.0,
            1,
            -1, 0.5, -2.75, 3, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude / 3,
            .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, 1e300,
        ] + NDArray<Double>.uniform([11], low: -100, high: 100, seed: 21).scalars
    static func reference(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { loopBinary(op, a, b, out, n) }
    static func reference(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { loopUnary(op, a, out, n) }
    var kernelBits: UInt64 { bitPattern }
}

extension Float: KernelScalar {
    static let samples: [Float] =
        [
            .nan, -.nan, Float(nan: 0x345, signaling: false), .signalingNaN, .infinity, -.infinity, 0, -0.0,
            1, -1,
            0.5, -2.75, 3, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude / 3,
            .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-38, 1e38,
        ] + NDArray<Float>.uniform([11], low: -100, high: 100, seed: 22).scalars
    static func reference(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { loopBinary(op, a, b, out, n) }
    static func reference(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { loopUnary(op, a, out, n) }
    var kernelBits: UInt64 { UInt64(bitPattern) }
}

extension Int64: KernelScalar {
    static let samples: [Int64] =
        [
            0, 1, -1, 2, -2, .min, .max, .min + 1, .max - 1, 1 << 32, -(1 << 32), 3_000_000_007,
            123_456_789_012,
        ]
        + (0..<11).map { Int64(truncatingIfNeeded: ($0 &+ 5) &* 0x9E37_79B9_7F4A_7C15) }
    static func reference(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { loopBinary(op, a, b, out, n) }
    static func reference(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { loopUnary(op, a, out, n) }
}

extension Int32: KernelScalar {
    static let samples: [Int32] =
        [0, 1, -1, 2, -2, .min, .max, .min + 1, .max - 1, 1 << 16, -(1 << 16), 46341, -7]
        + (0..<11).map { Int32(truncatingIfNeeded: ($0 &+ 5) &* 0x9E37_79B9) }
    static func reference(
        _ op: BinaryOperation, _ a: Operand<Self>, _ b: Operand<Self>, _ out: UnsafeMutablePointer<Self>,
        _ n: Int
    ) { loopBinary(op, a, b, out, n) }
    static func reference(
        _ op: UnaryOperation, _ a: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, _ n: Int
    ) { loopUnary(op, a, out, n) }
}

/// The operand layouts: array or broadcast value on each side, at unaligned starts.
let strides = [(1, 1), (1, 0), (0, 1), (0, 0)]
let starts = [(0, 0, 0), (1, 3, 2), (3, 1, 1)]
let guardCount = 9

/// Operands for a run of `n` elements: the first with the samples in order, the second in a
/// different order, so that across lengths every sample meets many others; every pair of samples
/// meets in the runs longer than the square of the sample count (see `pairs`).
func operands<S: KernelScalar>(_: S.Type, _ n: Int) -> (a: [S], b: [S]) {
    let p = S.samples.count
    return ((0..<n).map { S.samples[$0 % p] }, (0..<n).map { S.samples[($0 * 5 + $0 / p + n) % p] })
}

/// Every pair of samples, as two runs.
func pairs<S: KernelScalar>(_: S.Type) -> (a: [S], b: [S]) {
    let p = S.samples.count
    return ((0..<(p * p)).map { S.samples[$0 % p] }, (0..<(p * p)).map { S.samples[$0 / p] })
}

/// Whether a kernel's result is the reference's bits; when both operands of a commutative
/// operation are NaN, x86 returns one of their payloads and which one depends on the order the
/// compiler chose, so any NaN is accepted there.
func same<S: KernelScalar>(_ op: BinaryOperation, _ x: S, _ y: S, _ got: S, _ want: S) -> Bool {
    if got.kernelBits == want.kernelBits { return true }
    return (op == .add || op == .multiply) && x.isNaNValue && y.isNaNValue && got.isNaNValue
        && want.isNaNValue
}

/// `body` of two non-empty arrays as operands with strides `sa`, `sb`.
func withOperands<S, R>(_ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ body: (Operand<S>, Operand<S>) -> R) -> R
{
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            body(Operand(a.baseAddress!, stride: sa), Operand(b.baseAddress!, stride: sb))
        }
    }
}

/// The reference loop's results for operands laid out with strides `sa`, `sb`.
func reference<S: KernelScalar>(
    _: S.Type, _ op: BinaryOperation, _ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ n: Int
) -> [S] {
    var out = [S](repeating: S.samples[0], count: n)
    out.withUnsafeMutableBufferPointer { out in
        guard let base = out.baseAddress else { return }
        withOperands(a, sa, b, sb) { S.reference(op, $0, $1, base, n) }
    }
    return out
}

/// The kernel's results on `path` (nil when it declined), from the given starts, checking the
/// guard elements around the output.
func run<S: KernelScalar>(
    _: S.Type, _ op: BinaryOperation, _ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ n: Int,
    _ path: VectorMath.Path,
    starts: (Int, Int, Int) = (0, 0, 0)
) -> [S]? {
    let x = [S](repeating: S.samples[0], count: starts.0) + a
    let y = [S](repeating: S.samples[0], count: starts.1) + b
    let sentinel = S.samples[1]
    var out = [S](repeating: sentinel, count: starts.2 + n + guardCount)
    let used = out.withUnsafeMutableBufferPointer { out in
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                nd_binary_path(
                    path.code, S.blockType!, op.arithmeticCode!, x.baseAddress! + starts.0, sa,
                    y.baseAddress! + starts.1, sb, out.baseAddress! + starts.2, n)
            }
        }
    }
    #expect(out[..<starts.2].allSatisfy { $0.kernelBits == sentinel.kernelBits }, "nothing written before")
    #expect(
        out[(starts.2 + n)...].allSatisfy { $0.kernelBits == sentinel.kernelBits }, "nothing written after")
    return used == 0 ? nil : Array(out[starts.2..<(starts.2 + n)])
}

/// Like `run`, for a comparison: the Bool bytes as integers.
func compare<S: KernelScalar>(
    _: S.Type, _ op: BinaryOperation, _ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ n: Int,
    _ path: VectorMath.Path,
    outStart: Int = 0
) -> [UInt8]? {
    var out = [UInt8](repeating: 0xAA, count: outStart + n + guardCount)
    let used = out.withUnsafeMutableBytes { out in
        withOperands(a, sa, b, sb) { x, y in
            nd_compare_path(
                path.code, S.blockType!, op.comparisonCode!, x.base, sa, y.base, sb,
                out.baseAddress!.assumingMemoryBound(to: Bool.self) + outStart, n)
        }
    }
    #expect(out[..<outStart].allSatisfy { $0 == 0xAA } && out[(outStart + n)...].allSatisfy { $0 == 0xAA })
    return used == 0 ? nil : Array(out[outStart..<(outStart + n)])
}

func checkBinary<S: KernelScalar>(_ type: S.Type, _ op: BinaryOperation, _ path: VectorMath.Path) {
    func check(_ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ n: Int, starts: (Int, Int, Int)) {
        let want = reference(type, op, a, sa, b, sb, n)
        guard let got = run(type, op, a, sa, b, sb, n, path, starts: starts) else {
            Issue.record("\(S.self) \(op) on \(path.name): no kernel")
            return
        }
        let mismatch = (0..<n).first { !same(op, a[$0 * sa], b[$0 * sb], got[$0], want[$0]) }
        #expect(
            mismatch == nil,
            "\(S.self) \(op) on \(path.name), n \(n), strides \(sa), \(sb): element \(mismatch ?? 0) of \(a[(mismatch ?? 0) * sa]), \(b[(mismatch ?? 0) * sb]) gave \(got[mismatch ?? 0]), expected \(want[mismatch ?? 0])"
        )
    }
    for n in 0...70 {
        let (a, b) = operands(type, Swift.max(n, 1))
        for (sa, sb) in strides {
            for start in starts { check(a, sa, b, sb, n, starts: start) }
        }
    }
    let (a, b) = pairs(type)
    check(a, 1, b, 1, a.count, starts: (1, 2, 3))
}

func checkCompare<S: KernelScalar>(_ type: S.Type, _ op: BinaryOperation, _ path: VectorMath.Path) {
    func check(_ a: [S], _ sa: Int, _ b: [S], _ sb: Int, _ n: Int, outStart: Int) {
        var want = [Bool](repeating: false, count: n)
        want.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            withOperands(a, sa, b, sb) { loopCompare(op, $0, $1, base, n) }
        }
        guard let got = compare(type, op, a, sa, b, sb, n, path, outStart: outStart) else {
            Issue.record("\(S.self) \(op) on \(path.name): no kernel")
            return
        }
        #expect(
            got == want.map { $0 ? 1 : 0 }, "\(S.self) \(op) on \(path.name), n \(n), strides \(sa), \(sb)")
    }
    for n in 0...70 {
        let (a, b) = operands(type, Swift.max(n, 1))
        for (sa, sb) in strides {
            for outStart in 0..<3 { check(a, sa, b, sb, n, outStart: outStart) }
        }
    }
    let (a, b) = pairs(type)
    check(a, 1, b, 1, a.count, outStart: 1)
}

func checkSelect<S: KernelScalar>(_ type: S.Type, _ path: VectorMath.Path) {
    for n in 0...70 {
        let (a, b) = operands(type, Swift.max(n, 1))
        let cond = (0..<n).map { ($0 * 7 + n) % 3 == 0 }
        for (sa, sb) in strides {
            for start in 0..<3 {
                var want = [S](repeating: S.samples[0], count: n)
                want.withUnsafeMutableBufferPointer { out in
                    guard let base = out.baseAddress else { return }
                    cond.withUnsafeBufferPointer { cond in
                        withOperands(a, sa, b, sb) {
                            NDArrays.select(Operand(cond.baseAddress!, stride: 1), $0, $1, base, n)
                        }
                    }
                }
                let sentinel = S.samples[2]
                var got = [S](repeating: sentinel, count: start + n + guardCount)
                let c = [false] + cond
                let used = got.withUnsafeMutableBufferPointer { out in
                    c.withUnsafeBufferPointer { c in
                        withOperands(a, sa, b, sb) { x, y in
                            nd_select_path(
                                path.code, S.blockType!, c.baseAddress! + 1, 1, x.base, sa, y.base, sb,
                                out.baseAddress! + start, n)
                        }
                    }
                }
                #expect(used == 1)
                #expect(
                    got[start..<(start + n)].map(\.kernelBits) == want.map(\.kernelBits),
                    "\(S.self) where on \(path.name), n \(n), strides \(sa), \(sb)")
                #expect(got[..<start].allSatisfy { $0.kernelBits == sentinel.kernelBits })
                #expect(got[(start + n)...].allSatisfy { $0.kernelBits == sentinel.kernelBits })
            }
        }
    }
}

func checkSign<S: KernelScalar>(_ type: S.Type, _ op: UnaryOperation, _ path: VectorMath.Path) {
    for n in 0...70 {
        let a = operands(type, Swift.max(n, 1)).a
        for start in 0..<3 {
            var want = [S](repeating: S.samples[0], count: n)
            want.withUnsafeMutableBufferPointer { out in
                guard let base = out.baseAddress else { return }
                a.withUnsafeBufferPointer { S.reference(op, $0.baseAddress!, base, n) }
            }
            let sentinel = S.samples[2]
            var got = [S](repeating: sentinel, count: start + n + guardCount)
            let used = got.withUnsafeMutableBufferPointer { out in
                a.withUnsafeBufferPointer {
                    nd_sign_path(
                        path.code, S.blockType!, op.signCode!, $0.baseAddress!, out.baseAddress! + start, n)
                }
            }
            #expect(used == 1)
            #expect(
                got[start..<(start + n)].map(\.kernelBits) == want.map(\.kernelBits),
                "\(S.self) \(op) on \(path.name), n \(n)")
            #expect(got[(start + n)...].allSatisfy { $0.kernelBits == sentinel.kernelBits })
        }
    }
    var inPlace = S.samples
    let want = inPlace.map { x in
        var y = S.samples[0]
        withUnsafePointer(to: x) { x in S.reference(op, x, &y, 1) }
        return y.kernelBits
    }
    inPlace.withUnsafeMutableBufferPointer {
        _ = nd_sign_path(path.code, S.blockType!, op.signCode!, $0.baseAddress!, $0.baseAddress!, $0.count)
    }
    #expect(inPlace.map(\.kernelBits) == want, "\(S.self) \(op) in place on \(path.name)")
}
