import BachRuntime
import BachFrames
import Devices
import Frames
import GPUArrays
import GPUFrames

/// Runs crime_index as the seed's `run` does: the files are written when absent (not timed), Init
/// is reading them (cpu: Frames; gpu: Frames, then the upload, as `cudf.read_csv` reads onto the
/// device; bach: recording the lazy reads, which index the files), Runtime is the program and
/// its sum back on the host (bach: the whole evaluation, the reads included, batch by batch; with
/// `inMemory`, the files are read eagerly in Init and Runtime is the program alone, as in cpu mode).
enum CrimeIndexRunner {
    /// Bytes mode gpu holds on the device at `size` rows: three integer columns, their conversions
    /// to doubles and the program's temporaries (an upper estimate).
    static func workingSet(size: Int) -> Int { 8 * size * MemoryLayout<Double>.stride }

    static func run(_ configuration: BenchmarkConfiguration, note: (String) -> Void) throws -> BenchmarkReport
    {
        let data = CrimeIndexData(
            size: configuration.size, random: configuration.randomData, directory: configuration.dataDirectory
        )
        let device = try BenchmarkRunner.openDevice(configuration, note: note)
        let bach = BenchmarkRunner.runtime(configuration, device)
        let context = try configuration.mode == .gpu ? GPUContext(device: device!) : nil
        var (dataTimes, initTimes, runtimes) = ([Double](), [Double](), [Double]())
        var total = Double.nan
        var counters: RuntimeCounters?
        for _ in 0..<configuration.trials {
            device?.resetCounters()
            let start = ContinuousClock.now
            try data.ensure()
            dataTimes.append((ContinuousClock.now - start).seconds)
            let trial = try runTrial(configuration, data.paths, bach: bach, context: context)
            initTimes.append(trial.initTime)
            runtimes.append(trial.runtime)
            total = trial.total
            counters = configuration.mode == .bach ? bach.counters : nil
        }
        try bach.releaseDeviceMemory()
        let (valid, validation) = try validate(total, configuration, data)
        return BenchmarkReport(
            configuration, dataTimes: dataTimes, initTimes: initTimes, runtimes: runtimes, device: device,
            counters: counters, valid: valid, validation: validation)
    }

    private static func runTrial(
        _ configuration: BenchmarkConfiguration, _ paths: [String], bach: Bach, context: GPUContext?
    ) throws -> (initTime: Double, runtime: Double, total: Double) {
        let start = ContinuousClock.now
        switch configuration.mode {
        case .cpu:
            let columns = try paths.map(read)
            let ready = ContinuousClock.now
            let inputs = try columns.map { try $0.doubles }
            let total = try CrimeIndex.run(
                totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
            return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
        case .gpu:
            let context = context!
            defer { try? context.releaseMemory() }
            do {
                let columns = try paths.map { try DeviceColumn(try read($0), in: context) }
                try context.synchronize()
                let ready = ContinuousClock.now
                let inputs = try columns.map { try $0.doubles() }
                let total = try CrimeIndex.run(
                    totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
                return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
            } catch let error as GPUFrameError {
                guard case .outOfMemory = error.deviceError else { throw error }
                throw BenchmarkError.doesNotFit(
                    mode: "gpu", needed: workingSet(size: configuration.size),
                    budget: context.device.properties.memoryBudget)
            }
        case .bach where configuration.inMemory:
            let columns = try paths.map(read)
            let ready = ContinuousClock.now
            var inputs: [LazySeries<Double>]? = try zip(paths, columns).map { path, column in
                switch column {
                case .int64(let integers): bach.lazy(integers).toDouble()
                case .float64(let doubles): bach.lazy(doubles)
                case let other: throw BenchmarkError.badData(path: path, found: "\(other.type)")
                }
            }
            let lazyTotal = try CrimeIndex.run(
                totalPopulation: inputs![0], adultPopulation: inputs![1], numRobberies: inputs![2])
            inputs = nil
            let total = try lazyTotal.value()
            return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
        case .bach:
            // The reads are recorded now and run inside the evaluation; the program must not hold
            // them while it evaluates, or they would be kept whole instead of read batch by batch.
            var inputs: [LazySeries<Double>]? = try paths.map { path in
                switch try bach.readCSV(path, header: nil).columns[0] {
                case .int64(let integers): integers.toDouble()
                case .float64(let doubles): doubles
                case let other: throw BenchmarkError.badData(path: path, found: "\(other.type)")
                }
            }
            let ready = ContinuousClock.now
            let lazyTotal = try CrimeIndex.run(
                totalPopulation: inputs![0], adultPopulation: inputs![1], numRobberies: inputs![2])
            inputs = nil
            let total = try lazyTotal.value()
            return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
        }
    }

    /// One file's column as Frames reads it (pandas' `read_csv(header=None)`): integers, or
    /// doubles when a value is missing (an integer column with a missing value is float64). The
    /// program turns integers into doubles as pandas does when they meet a float, in Runtime.
    static func read(_ path: String) throws -> Column {
        try readCSV(path, header: nil).columns[0]
    }

    /// The cpu mode against the closed form (the seed's data: 0.005 per city) or a loop over the
    /// generated values; the other modes against the cpu mode.
    private static func validate(
        _ total: Double, _ configuration: BenchmarkConfiguration, _ data: CrimeIndexData
    )
        throws -> (Bool, String)
    {
        let tolerance = 1e-9
        let expected: Double
        let against: String
        if configuration.mode != .cpu {
            let inputs = try data.paths.map { try read($0).doubles }
            expected = try CrimeIndex.run(
                totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
            against = "cpu mode"
        } else if !configuration.randomData {
            expected = 0.005 * Double(configuration.size)
            against = "the closed form 0.005 n"
        } else {
            var (total, adult, robberies) = (data.values(0), data.values(1), data.values(2))
            var sum = Compensated()
            while let t = total.next(), let a = adult.next(), let r = robberies.next() {
                let value = CrimeIndex.reference(t ?? .nan, a ?? .nan, r ?? .nan)
                if !value.isNaN { sum.add(value) }
            }
            expected = sum.total
            against = "a loop over the generated values"
        }
        let difference = Swift.abs(total - expected)
        let summary = "1 value, \(total), abs diff \(difference), tolerance \(tolerance) relative"
        guard difference <= tolerance * Swift.max(1, Swift.abs(expected)) else {
            return (false, "sum \(total), expected \(expected) from \(against) (\(summary))")
        }
        return (true, "\(summary) vs \(against)")
    }
}

/// A column of the program's input on the device, as it was read.
private enum DeviceColumn {
    /// A column read as integers (no value missing).
    case integers(GPUSeries<Int64>)
    /// A column read as doubles.
    case doubles(GPUSeries<Double>)

    init(_ column: Column, in context: GPUContext) throws {
        switch column {
        case .int64(let integers): self = .integers(try GPUSeries(integers, in: context))
        default: self = .doubles(try GPUSeries(try column.doubles, in: context))
        }
    }

    /// The values as doubles: integers become doubles as pandas makes them when a float meets them.
    func doubles() throws -> GPUSeries<Double> {
        switch self {
        case .integers(let integers): try integers.toDouble()
        case .doubles(let doubles): doubles
        }
    }
}

extension Column {
    /// An integer column as doubles (converted as pandas converts them), a double column as it is.
    var doubles: Series<Double> {
        get throws {
            switch self {
            case .int64(let integers): integers.toDouble()
            case .float64(let doubles): doubles
            default: throw BenchmarkError.badData(path: name, found: "\(type)")
            }
        }
    }
}

/// Kahan–Babuška summation: a reference sum whose error does not grow with the count.
struct Compensated {
    private(set) var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let next = sum + value
        compensation += Swift.abs(sum) >= Swift.abs(value) ? (sum - next) + value : (value - next) + sum
        sum = next
    }

    var total: Double { sum + compensation }
}
