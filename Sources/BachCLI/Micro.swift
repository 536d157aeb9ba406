import ArgumentParser
import NDArrays
import Workloads

/// `bach micro`: times the NDArrays kernels the foundation issue names (add, multiply, exp, log,
/// sin, erf, sqrt, sum) at 2^16, 2^20 and 2^24 doubles, on one thread and on every core, on the
/// vector path in use (`NDARRAYS_VECTOR_WIDTH` picks a narrower one to compare).
///
/// Elementwise kernels write into an existing array (`out:`), as `scripts/numpy_micro.py` does for
/// NumPy, so that both sides time the kernel rather than the allocator. Each cell is the median of
/// repeated runs lasting at least `--seconds` in all.
struct Micro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time NDArrays kernels (add, multiply, exp, log, sin, erf, sqrt, sum) on 1 and all cores.")

    @Option(help: "Sizes as powers of two, comma-separated.")
    var sizes: String = "16,20,24"

    @Option(help: "Minimum seconds spent per cell.")
    var seconds: Double = 0.3

    mutating func run() throws {
        let exponents = try sizes.split(separator: ",").map { text in
            guard let exponent = Int(text), (0...30).contains(exponent) else {
                throw ValidationError("--sizes: expected powers of two between 0 and 30, found '\(text)'")
            }
            return exponent
        }
        let cores = Parallelism.availableCores
        print("vector math: \(VectorMath.description)")
        print("operation  size   1 thread (ms)   \(cores) threads (ms)   speed-up")
        for exponent in exponents {
            let n = 1 << exponent
            let a = NDArray<Double>.uniform([n], low: 0.5, high: 2, seed: 1)
            let b = NDArray<Double>.uniform([n], low: 0.5, high: 2, seed: 2)
            var out = NDArray<Double>.empty([n])
            let cases: [(String, () -> Void)] = [
                ("add", { try! add(a, b, out: &out) }),
                ("multiply", { try! multiply(a, b, out: &out) }),
                ("exp", { try! exp(a, out: &out) }),
                ("log", { try! log(a, out: &out) }),
                ("sin", { try! sin(a, out: &out) }),
                ("erf", { try! erf(a, out: &out) }),
                ("sqrt", { try! sqrt(a, out: &out) }),
                ("sum", { _ = sum(a) }),
            ]
            for (name, body) in cases {
                Parallelism.threads = 1
                let single = median(seconds: seconds, body)
                Parallelism.threads = 0
                let multi = median(seconds: seconds, body)
                print(
                    pad(name, 10) + " 2^\(exponent)  "
                        + format(single * 1e3, width: 14) + format(multi * 1e3, width: 16)
                        + format(single / multi, width: 11) + "x")
            }
        }
    }
}

/// The median duration of `body` over runs that take at least `seconds` in all (3 runs at least).
func median(seconds: Double, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    var spent = 0.0
    while times.count < 3 || spent < seconds {
        let start = ContinuousClock.now
        body()
        let elapsed = (ContinuousClock.now - start).seconds
        times.append(elapsed)
        spent += elapsed
    }
    times.sort()
    return times[times.count / 2]
}

/// A number with three decimals, right-aligned in `width` columns.
func format(_ value: Double, width: Int) -> String {
    let text = "\((value * 1000).rounded() / 1000)"
    return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
}

/// `text` left-aligned in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: Swift.max(0, width - text.count))
}
