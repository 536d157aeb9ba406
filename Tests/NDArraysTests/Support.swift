import Foundation
import Testing

@testable import NDArrays

/// Lengths that exercise the SIMD bodies and tails (not multiples of 4 or 8), one element, none,
/// and sizes large enough to be split over threads.
let awkwardLengths = [0, 1, 3, 7, 8, 13, 1023, 1025]
let threadedLength = 300_007

/// Whether `a` and `b` agree to within `ulps` units in the last place of the larger, treating two
/// NaNs as equal and requiring infinities and signed zeros to match exactly.
func close<T: BinaryFloatingPoint>(_ a: T, _ b: T, ulps: T = 4) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite || a == 0 || b == 0 {
        return a == b && (a != 0 || a.sign == b.sign) || Swift.abs(a - b) <= T.leastNormalMagnitude * ulps
    }
    return Swift.abs(a - b) <= ulps * Swift.max(a.ulp, b.ulp)
}

/// Whether every element pair is `close`.
func allClose<T: NDFloatingPoint>(_ a: NDArray<T>, _ b: [T], ulps: T = 4) -> Bool {
    a.count == b.count && zip(a.scalars, b).allSatisfy { close($0, $1, ulps: ulps) }
}

/// Whether `a` and `b` agree within an absolute and relative tolerance (numpy.allclose).
func allClose<T: NDFloatingPoint>(_ a: NDArray<T>, _ b: NDArray<T>, tolerance: T) -> Bool {
    a.shape == b.shape
        && zip(a.scalars, b.scalars).allSatisfy { x, y in
            Swift.abs(x - y) <= tolerance * (1 + Swift.max(Swift.abs(x), Swift.abs(y)))
        }
}

/// A deterministic array of `n` doubles spread over [-range, range].
func sample(_ n: Int, range: Double = 10, seed: UInt64 = 1) -> NDArray<Double> {
    NDArray<Double>.uniform([n], low: -range, high: range, seed: seed)
}

/// The special values every ufunc must handle.
let specials: [Double] = [
    .nan, .infinity, -.infinity, 0, -0.0, 1, -1, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
]

/// Runs `body` with NDArrays restricted to one thread, then restores the default.
func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
    Parallelism.threads = 1
    defer { Parallelism.threads = 0 }
    return try body()
}
