/// Seeded random arrays, reproducible bit for bit for a seed on every run and machine and for any
/// thread count.
///
/// Elements are generated in blocks of `RandomStream.blockLength`; block `k` draws from its own
/// SplitMix64 stream keyed by the seed and `k`, so blocks can be filled in parallel and an
/// element's value depends only on the seed and its index. Normal deviates use Marsaglia's polar
/// method with `RandomStream.log`, which uses only correctly rounded IEEE operations, so that no
/// platform's libm changes a value.
extension NDArray where Scalar: NDFloatingPoint {
    /// Uniform samples from `[low, high)` (`numpy.random.uniform`).
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1, seed: UInt64) -> NDArray {
        let (lowValue, span) = (low._double, high._double - low._double)
        return generate(shape, seed: seed) { stream, out, n in
            for i in 0..<n { out[i] = Scalar(lowValue + span * stream.nextUnit()) }
        }
    }

    /// Normal samples with the given mean and standard deviation (`numpy.random.normal`).
    public static func normal(_ shape: [Int], mean: Scalar = 0, std: Scalar = 1, seed: UInt64) -> NDArray {
        let (centre, scale) = (mean._double, std._double)
        return generate(shape, seed: seed) { stream, out, n in
            var i = 0
            while i < n {
                let (x, y) = stream.nextNormalPair()
                out[i] = Scalar(centre + scale * x)
                if i + 1 < n { out[i + 1] = Scalar(centre + scale * y) }
                i += 2
            }
        }
    }

    private static func generate(
        _ shape: [Int], seed: UInt64,
        _ fill: (inout RandomStream, UnsafeMutablePointer<Scalar>, Int) -> Void
    ) -> NDArray {
        trapping { try validate(shape, "random") }
        let array = NDArray(uninitializedShape: shape)
        let base = UncheckedSendable(array.mutableBase)
        let blocks = (array.count + RandomStream.blockLength - 1) / RandomStream.blockLength
        Parallelism.forEachChunk(blocks, grain: 16) { chunk in
            for block in chunk {
                var stream = RandomStream(seed: seed, block: UInt64(block))
                let start = block * RandomStream.blockLength
                let n = Swift.min(RandomStream.blockLength, array.count - start)
                fill(&stream, base.value + start, n)
            }
        }
        return array
    }
}

/// A SplitMix64 stream: 64-bit state, full period, passes BigCrush; one per block of elements.
struct RandomStream {
    /// Elements drawn from one stream.
    static let blockLength = 4096

    private var generator: SplitMix64

    init(seed: UInt64, block: UInt64) {
        generator = SplitMix64(seed: SplitMix64.mix(seed ^ SplitMix64.mix(block &+ 0x632B_E59B_D9B4_E019)))
    }

    mutating func next() -> UInt64 { generator.next() }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Two independent standard normal deviates (Marsaglia's polar method).
    mutating func nextNormalPair() -> (Double, Double) {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * RandomStream.log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    /// The natural logarithm of a positive, finite `x`, within 2 ulp, from IEEE operations only:
    /// `x = m·2^e` with `m` in [√½, √2), then `log m = 2·atanh(f)`, `f = (m-1)/(m+1)`, by its series.
    static func log(_ x: Double) -> Double {
        var exponent = Double(x.exponent)
        var m = x.significand
        if m > 1.4142135623730951 {
            m *= 0.5
            exponent += 1
        }
        let f = (m - 1) / (m + 1)
        let f2 = f * f
        var term = f
        var series = f
        var k = 3.0
        while k < 40 {
            term *= f2
            series += term / k
            k += 2
        }
        return 2 * series + exponent * 0.6931471805599453
    }
}
