/// Independent seeds for the separate random draws of one seeded call (centres, noise, shuffle),
/// derived from the user's `randomState` by SplitMix64's finaliser so that changing one draw's
/// size never shifts another's values.
enum Seeds {
    /// The seed of draw number `stream` of a call seeded with `state`.
    static func derive(_ state: UInt64, stream: UInt64) -> UInt64 {
        var z = state &+ (stream &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
