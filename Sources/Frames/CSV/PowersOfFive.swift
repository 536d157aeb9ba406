// The 128-bit approximations of 5^q that the Eisel-Lemire algorithm multiplies by (the table of
// Lemire's "Number Parsing at a Gigabyte per Second", 2021), computed once on first use with exact
// big-integer arithmetic instead of being pasted in as 1 302 constants.

/// For q in -342...308, `powersOfFive[q + 342]` holds the 128 most significant bits of 5^q
/// (normalised so that the top bit is set): truncated for q >= 0, and for q < 0 the value
/// `floor(2^b / 5^-q) + 1` truncated to 128 bits, with `b` as the published table uses it.
let powersOfFive: [(high: UInt64, low: UInt64)] = {
    var table = [(high: UInt64, low: UInt64)](repeating: (0, 0), count: 651)
    var power = BigNumber(1)
    for q in 0...308 {
        table[q + 342] = power.top128()
        power.multiply(by: 5)
    }
    // 2^precision / 5^k stays exact under repeated division by 5 (floor(floor(x / a) / b) equals
    // floor(x / (a b))), and 1 728 bits exceed the largest `b` below (2 * 795 + 128).
    let precision = 1728
    var reciprocal = BigNumber.powerOfTwo(precision)
    var fivePower = BigNumber(1)
    for k in 1...342 {
        reciprocal.divide(by: 5)
        fivePower.multiply(by: 5)
        let z = fivePower.bitWidth
        let b = k <= 27 ? z + 127 : 2 * z + 128
        var value = reciprocal.shiftedRight(by: precision - b)
        value.add(1)
        table[342 - k] = value.top128()
    }
    return table
}()

/// A non-negative integer of any size, just big enough for the table above.
struct BigNumber {
    /// 64-bit limbs, least significant first.
    private(set) var limbs: [UInt64]

    init(_ value: UInt64) { limbs = [value] }

    /// 2^exponent.
    static func powerOfTwo(_ exponent: Int) -> BigNumber {
        var number = BigNumber(0)
        number.limbs = Array(repeating: 0, count: exponent / 64 + 1)
        number.limbs[exponent / 64] = 1 << UInt64(exponent % 64)
        return number
    }

    /// The number of significant bits.
    var bitWidth: Int {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 64 + 64 - limbs[top].leadingZeroBitCount
    }

    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let (high, low) = limbs[i].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limbs[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
    }

    /// Replaces the number by its quotient, rounded down.
    mutating func divide(by divisor: UInt64) {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let (quotient, rest) = divisor.dividingFullWidth((remainder, limbs[i]))
            limbs[i] = quotient
            remainder = rest
        }
    }

    mutating func add(_ value: UInt64) {
        var carry = value
        var i = 0
        while carry != 0 {
            if i == limbs.count { limbs.append(0) }
            let (sum, overflow) = limbs[i].addingReportingOverflow(carry)
            limbs[i] = sum
            carry = overflow ? 1 : 0
            i += 1
        }
    }

    /// floor(self / 2^count).
    func shiftedRight(by count: Int) -> BigNumber {
        var result = BigNumber(0)
        let words = count / 64
        let bits = UInt64(count % 64)
        guard words < limbs.count else { return result }
        result.limbs = (words..<limbs.count).map { i in
            let low = limbs[i] >> bits
            let high = bits == 0 || i + 1 >= limbs.count ? 0 : limbs[i + 1] << (64 - bits)
            return low | high
        }
        return result
    }

    /// The 128 most significant bits, shifted so that the top bit is set (truncating).
    func top128() -> (high: UInt64, low: UInt64) {
        let width = bitWidth
        let shifted: BigNumber
        if width >= 128 {
            shifted = shiftedRight(by: width - 128)
        } else {
            var copy = self
            copy.limbs += [0, 0, 0]
            for _ in 0..<(128 - width) { copy.multiply(by: 2) }
            shifted = copy
        }
        let words = shifted.limbs + [0, 0]
        return (words[1], words[0])
    }
}
