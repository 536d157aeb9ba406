import Bach
import BachFrames
import Devices
import Frames
import GPUArrays
import GPUFrames

/// Runs crime_index as the seed's `run` does: the files are written when absent (not timed), Init
/// is reading them (cpu: Frames; gpu: Frames, then the upload, as `cudf.read_csv` reads onto the
/// device; bach: recording the lazy reads, which index the files), Runtime is the program and
/// its sum back on the host (bach: the whole evaluation, the reads included, batch by batch).
enum CrimeIndexRunner {
    static func run(_ configuration: BenchmarkConfiguration, note: (String) -> Void) throws -> BenchmarkReport
    {
        let data = CrimeIndexData(
            size: configuration.size, random: configuration.randomData, directory: configuration.dataDirectory
        )
        let device = try BenchmarkRunner.openDevice(configuration, note: note)
        let bach = Bach(
            device: device,
            options: Bach.Options(forceCPU: configuration.forceCPU, fusion: configuration.fusion))
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
            configuration: configuration, dataTimes: dataTimes, initTimes: initTimes, runtimes: runtimes,
            device: device.map { $0.properties.description } ?? "none (CPU)", valid: valid,
            validation: validation,
            runtime: counters, deviceCounters: counters?.device ?? device?.counters ?? DeviceCounters(),
            deviceLiveBytesAfter: device?.counters.liveBytes ?? 0)
    }

    private static func runTrial(
        _ configuration: BenchmarkConfiguration, _ paths: [String], bach: Bach, context: GPUContext?
    ) throws -> (initTime: Double, runtime: Double, total: Double) {
        let start = ContinuousClock.now
        switch configuration.mode {
        case .cpu:
            let inputs = try paths.map(read)
            let ready = ContinuousClock.now
            let total = try CrimeIndex.run(
                totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
            return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
        case .gpu:
            let context = context!
            defer { try? context.releaseMemory() }
            do {
                let inputs = try paths.map { try GPUSeries(try read($0), in: context) }
                try context.synchronize()
                let ready = ContinuousClock.now
                let total = try CrimeIndex.run(
                    totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
                return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
            } catch let error as GPUFrameError {
                guard case .outOfMemory = error.deviceError else { throw error }
                throw BenchmarkError.doesNotFit(
                    mode: "gpu", needed: 8 * configuration.size * MemoryLayout<Double>.stride,
                    budget: context.device.properties.memoryBudget)
            }
        case .bach:
            // The reads are recorded now and run inside the evaluation; the program must not hold
            // them while it evaluates, or they would be kept whole instead of read batch by batch.
            var inputs: [LazySeries<Double>]? = try paths.map { path in
                try bach.readCSV(path, header: nil, types: ["0": .float64]).series("0", as: Double.self)
            }
            let ready = ContinuousClock.now
            let lazyTotal = try CrimeIndex.run(
                totalPopulation: inputs![0], adultPopulation: inputs![1], numRobberies: inputs![2])
            inputs = nil
            let total = try lazyTotal.value()
            return ((ready - start).seconds, (ContinuousClock.now - ready).seconds, total)
        }
    }

    /// One file's column as Frames reads it (pandas' `read_csv(header=None, dtype=float64)`: the
    /// values are integers, read as doubles so that the whole program is in one element type and
    /// fuses; every value below 2^53 is exact either way).
    static func read(_ path: String) throws -> Series<Double> {
        try readCSV(path, header: nil, types: ["0": .float64]).series("0", as: Double.self)
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
            let inputs = try data.paths.map(read)
            expected = try CrimeIndex.run(
                totalPopulation: inputs[0], adultPopulation: inputs[1], numRobberies: inputs[2])
            against = "cpu mode"
        } else if !configuration.randomData {
            expected = 0.005 * Double(configuration.size)
            against = "the closed form 0.005 n"
        } else {
            let columns = (0..<3).map { data.values($0) }
            var sum = Compensated()
            for row in 0..<configuration.size {
                let value = CrimeIndex.reference(
                    columns[0][row] ?? .nan, columns[1][row] ?? .nan, columns[2][row] ?? .nan)
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
