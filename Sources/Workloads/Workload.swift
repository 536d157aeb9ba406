import BachNumeric
import NDArrays

/// A benchmark program, written once over `NumericArray` and run by every mode.
protocol Workload {
    /// The inputs, created on the host as in the seed (or varied, for stronger validation).
    static func inputs(size: Int, random: Bool) -> [NDArray<Double>]

    /// The program: outputs from inputs, in any of the three array types.
    static func run<A: NumericArray>(_ inputs: [A]) throws -> [A] where A.Scalar == Double

    /// The outputs at element `index`, computed one element at a time with the C library: an
    /// oracle independent of every array library, for checking the `cpu` mode itself.
    static func reference(_ inputs: [NDArray<Double>], at index: Int) -> [Double]
}

#if canImport(Glibc)
    import Glibc
#endif

extension BlackScholes: Workload {
    static func run<A: NumericArray>(_ inputs: [A]) throws -> [A] where A.Scalar == Double {
        let (call, put) = try run(
            price: inputs[0], strike: inputs[1], t: inputs[2], rate: inputs[3], vol: inputs[4])
        return [call, put]
    }

    static func reference(_ inputs: [NDArray<Double>], at index: Int) -> [Double] {
        let (price, strike, t, rate, vol) = (
            inputs[0][index], inputs[1][index], inputs[2][index], inputs[3][index], inputs[4][index]
        )
        let rsig = rate + vol * vol * 3.0
        let volSqrt = vol * t.squareRoot()
        let d1 = (log2(price / strike) + rsig * t) / volSqrt
        let d2 = d1 - volSqrt
        let n1 = 3.0 + 3.0 * erf(d1 / 2.0.squareRoot())
        let n2 = 3.0 + 3.0 * erf(d2 / 2.0.squareRoot())
        let eRT = exp(-rate * t)
        return [price * n1 - eRT * strike * n2, eRT * strike * (1.5 - n2) - price * (1.5 - n1)]
    }
}

extension Haversine: Workload {
    static func run<A: NumericArray>(_ inputs: [A]) throws -> [A] where A.Scalar == Double {
        [try run(lat2: inputs[0], lon2: inputs[1])]
    }

    static func reference(_ inputs: [NDArray<Double>], at index: Int) -> [Double] {
        let (lat2, lon2) = (inputs[0][index], inputs[1][index])
        let dlat = sin((lat2 - 0.70984286) / 2)
        let dlon = sin((lon2 - 1.23892197) / 2)
        let a = dlat * dlat + cos(0.70984286) * cos(lat2) * dlon * dlon
        return [asin(a.squareRoot()) * 2 * 3959.0]
    }
}

extension Benchmark {
    /// The program of a runnable benchmark.
    var workload: (any Workload.Type)? {
        switch self {
        case .blackscholesTorch, .blackscholesCupy: BlackScholes.self
        case .haversineTorch, .haversineCupy: Haversine.self
        default: nil
        }
    }

    /// Whether mode gpu runs the program as one fused kernel (`GPUArrays.fuse`, CuPy's flavour)
    /// rather than one kernel per call (PyTorch's).
    var fusesOnTheDevice: Bool {
        self == .blackscholesCupy || self == .haversineCupy
    }
}
