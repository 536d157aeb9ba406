import BachNumeric
import NDArrays

/// Black–Scholes option pricing, the seed's `blackscholes` workload: the same constants and the same
/// sequence of `out:` calls, written once for every array type.
public enum BlackScholes {
    /// The seed's default size (2^26 options).
    public static let defaultSize = 1 << 26

    /// The seed's inputs: every price, strike, time, rate and volatility is 4.0 (`random` gives
    /// varied inputs instead, for stronger validation).
    public static func inputs(size: Int, random: Bool) -> [NDArray<Double>] {
        (0..<5).map { index in
            random
                ? NDArray<Double>.uniform(
                    [size], low: index == 3 ? 0.01 : 1, high: index == 3 ? 0.1 : 8, seed: UInt64(index))
                : NDArray<Double>.full([size], 4.0)
        }
    }

    /// Call and put prices for the given options.
    public static func run<A: NumericArray>(price: A, strike: A, t: A, rate: A, vol: A) throws -> (
        call: A, put: A
    )
    where A.Scalar == Double {
        let size = price.count
        var tmp = try price.emptyLike(count: size)
        var volSqrt = try price.emptyLike(count: size)
        var rsig = try price.emptyLike(count: size)
        var d1 = try price.emptyLike(count: size)
        var d2 = try price.emptyLike(count: size)
        var call = try price.emptyLike(count: size)
        var put = try price.emptyLike(count: size)

        let c05 = 3.0
        let c10 = 1.5
        let invsqrt2 = 1.0 / 2.0.squareRoot()

        try A.multiply(vol, vol, out: &rsig)
        try A.multiply(rsig, c05, out: &rsig)
        try A.add(rsig, rate, out: &rsig)

        try A.sqrt(t, out: &volSqrt)
        try A.multiply(volSqrt, vol, out: &volSqrt)

        try A.multiply(rsig, t, out: &tmp)
        try A.divide(price, strike, out: &d1)
        try A.log2(d1, out: &d1)
        try A.add(d1, tmp, out: &d1)

        try A.divide(d1, volSqrt, out: &d1)
        try A.subtract(d1, volSqrt, out: &d2)

        // d1 = c05 + c05 * erf(d1 * invsqrt2)
        try A.multiply(d1, invsqrt2, out: &d1)
        try A.erf(d1, out: &d1)
        try A.multiply(d1, c05, out: &d1)
        try A.add(d1, c05, out: &d1)

        // d2 = c05 + c05 * erf(d2 * invsqrt2)
        try A.multiply(d2, invsqrt2, out: &d2)
        try A.erf(d2, out: &d2)
        try A.multiply(d2, c05, out: &d2)
        try A.add(d2, c05, out: &d2)

        // Reuse existing buffers.
        var eRT = volSqrt
        var tmp2 = rsig

        // e_rt = exp(-rate * t)
        try A.multiply(rate, -1.0, out: &eRT)
        try A.multiply(eRT, t, out: &eRT)
        try A.exp(eRT, out: &eRT)

        // call = price * d1 - e_rt * strike * d2
        try A.multiply(price, d1, out: &tmp)
        try A.multiply(eRT, strike, out: &tmp2)
        try A.multiply(tmp2, d2, out: &tmp2)
        try A.subtract(tmp, tmp2, out: &call)

        // put = e_rt * strike * (c10 - d2) - price * (c10 - d1)
        try A.multiply(eRT, strike, out: &tmp)
        try A.subtract(c10, d2, out: &tmp2)
        try A.multiply(tmp, tmp2, out: &put)
        try A.subtract(c10, d1, out: &tmp)
        try A.multiply(price, tmp, out: &tmp)
        try A.subtract(put, tmp, out: &put)

        return (call, put)
    }
}
