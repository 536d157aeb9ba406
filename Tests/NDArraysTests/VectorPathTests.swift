import CVectorMath
import Foundation
import Testing

@testable import NDArrays

/// Every vector path this machine supports (scalar libm, libmvec AVX2, libmvec AVX-512), each run
/// explicitly whatever path the process uses: the ulp bounds UnaryFunctionTests and BinaryTests
/// document (4 ulps for the functions, 2 for power), and position independence — an element's
/// result is the same bits alone, in a tail or in a whole vector.
struct VectorPathTests {
    static let functions: [(UnaryOperation, @Sendable (Double) -> Double, @Sendable (Float) -> Float)] = [
        (.sqrt, { Foundation.sqrt($0) }, { Foundation.sqrtf($0) }),
        (.exp, { Foundation.exp($0) }, { Foundation.expf($0) }),
        (.log, { Foundation.log($0) }, { Foundation.logf($0) }),
        (.log2, { Foundation.log2($0) }, { Foundation.log2f($0) }),
        (.log10, { Foundation.log10($0) }, { Foundation.log10f($0) }),
        (.sin, { Foundation.sin($0) }, { Foundation.sinf($0) }),
        (.cos, { Foundation.cos($0) }, { Foundation.cosf($0) }),
        (.tan, { Foundation.tan($0) }, { Foundation.tanf($0) }),
        (.arcsin, { Foundation.asin($0) }, { Foundation.asinf($0) }),
        (.arccos, { Foundation.acos($0) }, { Foundation.acosf($0) }),
        (.arctan, { Foundation.atan($0) }, { Foundation.atanf($0) }),
        (.erf, { Foundation.erf($0) }, { Foundation.erff($0) }),
    ]

    /// 1031 values over the function's domain (and a little outside), then values that take
    /// libmvec's special-case branches: NaN, infinities, signed zeros, subnormals, huge arguments,
    /// exp's overflow and underflow thresholds.
    static func inputs(_ f: UnaryOperation) -> [Double] {
        let range = f == .arcsin || f == .arccos ? 1.05 : 30
        let ordinary = NDArray<Double>.uniform([1031], low: -range, high: range, seed: 7).scalars
        let awkward: [Double] = [
            .nan, .infinity, -.infinity, 0, -0.0, 1, -1, 0.5, .leastNonzeroMagnitude, 1e6, -1e6, 1e22,
            .leastNormalMagnitude / 3, .greatestFiniteMagnitude, 709.78, 709.79, -745.1, -708.4, 88.7,
            -103.9,
        ]
        return ordinary + awkward
    }

    @Test(arguments: VectorMath.availablePaths, functions.indices)
    func doublesWithinFourUlps(_ path: VectorMath.Path, _ index: Int) {
        let (f, reference, _) = Self.functions[index]
        let x = Self.inputs(f)
        for (value, got) in zip(x, compute(f, x, on: path)) {
            #expect(
                close(got, reference(value)),
                "\(f)(\(value)) on \(path.name) = \(got), expected \(reference(value))")
        }
    }

    @Test(arguments: VectorMath.availablePaths, functions.indices)
    func floatsWithinFourUlps(_ path: VectorMath.Path, _ index: Int) {
        let (f, _, reference) = Self.functions[index]
        let x = Self.inputs(f).map { Float($0) }
        for (value, got) in zip(x, compute(f, x, on: path)) {
            #expect(
                close(got, reference(value)),
                "\(f)(\(value)) on \(path.name) = \(got), expected \(reference(value))")
        }
    }

    @Test(arguments: VectorMath.availablePaths, functions.indices)
    func resultsDoNotDependOnPosition(_ path: VectorMath.Path, _ index: Int) {
        let f = Self.functions[index].0
        let x = Self.inputs(f)
        let whole = compute(f, x, on: path)
        for i in x.indices {
            #expect(same(compute(f, [x[i]], on: path), [whole[i]]), "\(f)(\(x[i])) alone on \(path.name)")
        }
        for start in 1...17 {
            let shifted = compute(f, Array(x[start...]), on: path)
            #expect(same(shifted, Array(whole[start...])), "\(f) from element \(start) on \(path.name)")
        }
        let floats = x.map { Float($0) }
        let wholeFloats = compute(f, floats, on: path)
        for start in 1...17 {
            let shifted = compute(f, Array(floats[start...]), on: path)
            #expect(
                same(shifted, Array(wholeFloats[start...])), "\(f) of floats from \(start) on \(path.name)")
        }
    }

    @Test(arguments: VectorMath.availablePaths)
    func powerWithinTwoUlpsAndBroadcastsTheSameBits(_ path: VectorMath.Path) {
        let base = NDArray<Double>.uniform([1029], low: 0, high: 3, seed: 8).scalars + specials
        let exponent =
            NDArray<Double>.uniform([1029], low: -3, high: 3, seed: 9).scalars + specials.reversed()
        let result = power(base, exponent, on: path)
        for ((x, y), got) in zip(zip(base, exponent), result) {
            #expect(close(got, Foundation.pow(x, y), ulps: 2), "pow(\(x), \(y)) on \(path.name) = \(got)")
        }
        for i in base.indices {
            #expect(
                same(power([base[i]], [exponent[i]], on: path), [result[i]]),
                "pow(\(base[i]), \(exponent[i])) alone")
        }
        let squares = power(base, [2.5], on: path)
        #expect(
            same(squares, power(base, Array(repeating: 2.5, count: base.count), on: path)),
            "broadcast exponent")
        let powersOfTwo = power([2.5], exponent, on: path)
        #expect(
            same(powersOfTwo, power(Array(repeating: 2.5, count: base.count), exponent, on: path)),
            "broadcast base")

        let floats = power(base.map { Float($0) }, exponent.map { Float($0) }, on: path)
        for ((x, y), got) in zip(zip(base, exponent), floats) {
            let expected = Foundation.powf(Float(x), Float(y))
            #expect(close(got, expected, ulps: 2), "powf(\(x), \(y)) on \(path.name) = \(got)")
        }
        let floatSquares = power(base.map { Float($0) }, [Float(2.5)], on: path)
        #expect(
            same(
                floatSquares,
                power(base.map { Float($0) }, Array(repeating: 2.5, count: base.count), on: path)))
    }

    @Test func ndArraysComputesOnThePathInUse() throws {
        let x = Self.inputs(.exp)
        let path = VectorMath.path
        #expect(same(exp(NDArray(x)).scalars, compute(.exp, x, on: path)))
        #expect(same(erf(NDArray(x)).scalars, compute(.erf, x, on: path)))
        let positive = x.map { Swift.abs($0) }
        #expect(same(sqrt(NDArray(positive)).scalars, compute(.sqrt, positive, on: path)))
        #expect(same(try power(NDArray(positive), NDArray(x)).scalars, power(positive, x, on: path)))
        #expect(VectorMath.usesLibmvec == (path != .scalar))
        #expect(VectorMath.description.hasPrefix(path.description))
    }

    @Test func environmentValueAsksForANarrowerPath() {
        #expect(VectorMath.chosen(for: "avx2", available: .avx512) == (.avx2, true))
        #expect(VectorMath.chosen(for: "scalar", available: .avx512) == (.scalar, true))
        #expect(
            VectorMath.chosen(for: "avx512", available: .avx2) == (.avx2, true), "never wider than available")
        #expect(VectorMath.chosen(for: "sse4", available: .avx512) == (.avx512, false))
        #expect(VectorMath.chosen(for: nil, available: .avx2) == (.avx2, false))
        #expect(
            VectorMath.availablePaths.first == .scalar
                && VectorMath.availablePaths.last == VectorMath.widestPath)
        if getenv("NDARRAYS_VECTOR_WIDTH") == nil { #expect(VectorMath.path == VectorMath.widestPath) }
    }

    #if os(Linux) && arch(x86_64)
        /// The CPU check (cpuid and the OS's saved state from xgetbv) agrees with the flags the
        /// kernel reports, which it clears for register state it does not save.
        @Test func detectionAgreesWithTheKernelsFlags() throws {
            let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            let line = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
            let flags = Set(line.split(separator: " ").map(String.init))
            let cpu: VectorMath.Path =
                flags.contains("avx512f") && flags.contains("avx2") && flags.contains("fma")
                ? .avx512 : flags.contains("avx2") && flags.contains("fma") ? .avx2 : .scalar
            let libmvec = dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL)
            defer { if let libmvec { dlclose(libmvec) } }
            let erf512 = libmvec.flatMap { dlsym($0, "_ZGVeN8v_erf") } != nil
            let erf256 = libmvec.flatMap { dlsym($0, "_ZGVdN4v_erf") } != nil
            let expected: VectorMath.Path = erf512 ? cpu : erf256 ? Swift.min(cpu, .avx2) : .scalar
            #expect(VectorMath.widestPath == expected)
        }
    #endif

    /// Outputs of 4 MiB and more are written with non-temporal stores on the vector paths; the
    /// results are IEEE arithmetic, the same as the scalar loop's, from an unaligned start.
    @Test(arguments: 0..<4)
    func streamingStoresMatchScalarArithmetic(_ op: Int) {
        let n = (1 << 19) + 5
        let a = NDArray<Double>.uniform([n], low: -5, high: 5, seed: 10).scalars
        let b = NDArray<Double>.uniform([n], low: 1, high: 5, seed: 11).scalars
        let streams = VectorMath.path != .scalar
        var out = [Double](repeating: .nan, count: n + 1)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    let target = out.baseAddress! + 1
                    let used = nd_stream_f64(Int32(op), a.baseAddress!, 1, b.baseAddress!, 1, target, n) != 0
                    #expect(used == streams)
                    guard used else { return }
                    #expect((0..<n).allSatisfy { target[$0] == arithmetic(op, a[$0], b[$0]) })
                    #expect(out[0].isNaN, "nothing written before the output")
                    _ = nd_stream_f64(Int32(op), a.baseAddress!, 1, b.baseAddress! + 7, 0, target, n)
                    #expect(
                        (0..<n).allSatisfy { target[$0] == arithmetic(op, a[$0], b[7]) }, "broadcast operand")
                }
            }
        }
        let floats = NDArray<Float>.uniform([(1 << 20) + 3], low: 1, high: 5, seed: 12).scalars
        var floatOut = [Float](repeating: 0, count: floats.count)
        floats.withUnsafeBufferPointer { x in
            floatOut.withUnsafeMutableBufferPointer { out in
                let used =
                    nd_stream_f32(
                        Int32(op), x.baseAddress!, 1, x.baseAddress! + 1, 0, out.baseAddress! + 3, 1 << 20)
                    != 0
                #expect(used == streams)
                guard used else { return }
                #expect(out[0] == 0 && out[1] == 0 && out[2] == 0, "nothing written before the output")
                #expect((0..<(1 << 20)).allSatisfy { out[$0 + 3] == arithmetic(op, x[$0], x[1]) })
            }
        }
    }
}

/// The element types with CVectorMath entry points that take an explicit path.
protocol PathScalar: BinaryFloatingPoint {
    static func math(
        _ f: UnaryOperation, _ path: nd_vector_path, _ x: UnsafePointer<Self>?,
        _ y: UnsafeMutablePointer<Self>?, _ n: Int)
    static func power(
        _ path: nd_vector_path, _ x: UnsafePointer<Self>?, _ xs: Int, _ y: UnsafePointer<Self>?, _ ys: Int,
        _ out: UnsafeMutablePointer<Self>?, _ n: Int)
    var bits: UInt64 { get }
}

extension Double: PathScalar {
    static func math(
        _ f: UnaryOperation, _ path: nd_vector_path, _ x: UnsafePointer<Self>?,
        _ y: UnsafeMutablePointer<Self>?, _ n: Int
    ) {
        if let code = f.kernelCode {
            nd_math_path_f64(path, code, x, y, n)
        } else {
            nd_sqrt_path_f64(path, x, y, n)
        }
    }
    static func power(
        _ path: nd_vector_path, _ x: UnsafePointer<Self>?, _ xs: Int, _ y: UnsafePointer<Self>?, _ ys: Int,
        _ out: UnsafeMutablePointer<Self>?, _ n: Int
    ) { nd_pow_path_f64(path, x, xs, y, ys, out, n) }
    var bits: UInt64 { bitPattern }
}

extension Float: PathScalar {
    static func math(
        _ f: UnaryOperation, _ path: nd_vector_path, _ x: UnsafePointer<Self>?,
        _ y: UnsafeMutablePointer<Self>?, _ n: Int
    ) {
        if let code = f.kernelCode {
            nd_math_path_f32(path, code, x, y, n)
        } else {
            nd_sqrt_path_f32(path, x, y, n)
        }
    }
    static func power(
        _ path: nd_vector_path, _ x: UnsafePointer<Self>?, _ xs: Int, _ y: UnsafePointer<Self>?, _ ys: Int,
        _ out: UnsafeMutablePointer<Self>?, _ n: Int
    ) { nd_pow_path_f32(path, x, xs, y, ys, out, n) }
    var bits: UInt64 { UInt64(bitPattern) }
}

/// `f` (sqrt or a libmvec function) of every element of `x` on `path`.
func compute<T: PathScalar>(_ f: UnaryOperation, _ x: [T], on path: VectorMath.Path) -> [T] {
    var y = [T](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { T.math(f, path.code, x.baseAddress, $0.baseAddress, x.count) }
    }
    return y
}

/// `x ** y` elementwise on `path`; an operand of one element is broadcast (stride 0).
func power<T: PathScalar>(_ x: [T], _ y: [T], on path: VectorMath.Path) -> [T] {
    let n = Swift.max(x.count, y.count)
    var out = [T](repeating: 0, count: n)
    x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
            out.withUnsafeMutableBufferPointer {
                T.power(
                    path.code, x.baseAddress, x.count == n ? 1 : 0, y.baseAddress, y.count == n ? 1 : 0,
                    $0.baseAddress, n)
            }
        }
    }
    return out
}

/// `x op y` for CVectorMath's operation codes (0: +, 1: −, 2: ×, 3: ÷).
func arithmetic<T: FloatingPoint>(_ op: Int, _ x: T, _ y: T) -> T {
    switch op {
    case 0: x + y
    case 1: x - y
    case 2: x * y
    default: x / y
    }
}

/// Whether two arrays hold the same bits (NaN payloads and signs of zero included).
func same<T: PathScalar>(_ a: [T], _ b: [T]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bits == $1.bits }
}
