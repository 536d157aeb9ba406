/// SplitMix64 (Steele, Lea and Flood): a 64-bit state advanced by a constant and finalised by two
/// multiply-xorshift rounds. Full period, passes BigCrush, and the same sequence on every machine,
/// so that seeded data (NDArrays' `uniform`/`normal` blocks, generated files, fuzzed programs)
/// reproduces anywhere.
///
/// ```swift
/// var random = SplitMix64(seed: 7)
/// let draw = random.next()              // a UInt64
/// let die = Int.random(in: 1...6, using: &random)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The generator whose first draw mixes `seed + 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: a bijection of 64-bit values that spreads every input bit over
    /// every output bit (also useful to derive independent seeds).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
