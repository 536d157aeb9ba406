// A NumPy-style workload written once and run eagerly (NDArray, every core) and lazily (LazyArray,
// through Bach: the GPU where CUDA is found, here also a simulated device that pages the data
// through 2 MiB of "device memory"). The results agree.
import BachNumeric

/// The standard normal cumulative distribution function.
func normalCDF<A: NumericArray>(_ x: A) throws -> A where A.Scalar == Double {
    0.5 + 0.5 * (try A.erf(x / 2.0.squareRoot()))
}

/// Black–Scholes prices of European call options and their deltas.
func callOptions<A: NumericArray>(
    spot: A, strike: A, years: A, rate: Double, volatility: Double
) throws -> (price: A, delta: A) where A.Scalar == Double {
    let spread = volatility * (try A.sqrt(years))
    let d1 = (try A.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / spread
    let d2 = d1 - spread
    let delta = try normalCDF(d1)
    let price = spot * delta - strike * (try A.exp(-rate * years)) * (try normalCDF(d2))
    return (price, delta)
}

/// The mean price, the largest price and the mean price of the options deep in the money
/// (delta above 0.9), counting the others as 0.
func summary<A: ReducibleArray>(price: A, delta: A) throws -> [A.Reduced] where A.Scalar == Double {
    [try A.mean(price), try A.max(price), try A.mean(A.select(delta .> 0.9, price, 0.0))]
}

let n = 1 << 20
let spot = NDArray<Double>.uniform([n], low: 50, high: 150, seed: 1)
let strike = NDArray<Double>.uniform([n], low: 80, high: 120, seed: 2)
let years = NDArray<Double>.uniform([n], low: 0.1, high: 2, seed: 3)

// Eagerly: each call runs at once.
let eager = try callOptions(spot: spot, strike: strike, years: years, rate: 0.03, volatility: 0.25)
let expected = try summary(price: eager.price, delta: eager.delta)
print("NDArray:", expected)

// Lazily, the same source: calls are recorded, then placed, fused and run in batches.
for bach in [try Bach(.auto), Bach(device: try SimulatedDevice(memory: 2 << 20))] {
    let lazy = try callOptions(
        spot: bach.lazy(spot), strike: bach.lazy(strike), years: bach.lazy(years), rate: 0.03,
        volatility: 0.25)
    let found = try summary(price: lazy.price, delta: lazy.delta).map { try $0.value() }
    let device = bach.device.map { $0.properties.name } ?? "the CPU"
    print("LazyArray on \(device):", found, "in", bach.counters.stages.count, "stage(s)")
    for (a, b) in zip(expected, found) where abs(a - b) > 1e-9 * Swift.max(1, abs(a)) {
        fatalError("the lazy result \(b) differs from the eager \(a)")
    }
}
