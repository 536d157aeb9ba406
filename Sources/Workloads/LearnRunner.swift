import BachRuntime
import Devices
import GPUArrays
import GPULearn

/// Runs tsvd, pca and dbscan as the seed's `run` does: Init is generating the inputs (the seed's
/// `gen_data`, timed for these three), Runtime is the program in the chosen mode with its
/// transfers (mode gpu copies the inputs to the device and the result back, as `run_gpu` does;
/// mode bach evaluates the lazy program). The result is validated after the trials.
enum LearnRunner {
    /// Runs `workload` as `configuration` says.
    static func run<W: LearnWorkload>(
        _ workload: W.Type, _ configuration: BenchmarkConfiguration, note: (String) -> Void
    ) throws -> BenchmarkReport {
        let device = try BenchmarkRunner.openDevice(configuration, note: note)
        let bach = BenchmarkRunner.runtime(configuration, device)
        let context = try configuration.mode == .gpu ? GPUContext(device: device!) : nil
        var (initTimes, runtimes) = ([Double](), [Double]())
        var last: (inputs: W.Inputs, output: W.Output)?
        var counters: RuntimeCounters?
        for _ in 0..<configuration.trials {
            device?.resetCounters()
            let start = ContinuousClock.now
            let inputs = try W.inputs(size: configuration.size)
            let ready = ContinuousClock.now
            let output: W.Output
            switch configuration.mode {
            case .cpu: output = try W.runCPU(inputs)
            case .gpu: output = try runOnDevice(W.self, inputs, context!, configuration)
            case .bach: output = try W.runBach(inputs, bach)
            }
            runtimes.append((ContinuousClock.now - ready).seconds)
            initTimes.append((ready - start).seconds)
            if let context { try context.releaseMemory() }
            counters = configuration.mode == .bach ? bach.counters : nil
            last = (inputs, output)
        }
        try bach.releaseDeviceMemory()
        let (inputs, output) = last!
        let reference = configuration.mode == .cpu ? nil : try W.runCPU(inputs)
        let (valid, validation) = try W.validate(output, inputs, reference: reference)
        return BenchmarkReport(
            configuration, dataTimes: runtimes.map { _ in 0 }, initTimes: initTimes, runtimes: runtimes,
            device: device, counters: counters, valid: valid, validation: validation)
    }

    /// Mode gpu: everything on the device at once, so a budget below the working set fails.
    private static func runOnDevice<W: LearnWorkload>(
        _ workload: W.Type, _ inputs: W.Inputs, _ context: GPUContext, _ configuration: BenchmarkConfiguration
    ) throws -> W.Output {
        do {
            return try W.runGPU(inputs, context)
        } catch let error as GPULearnError where error.deviceError.map(isOutOfMemory) == true {
            try? context.releaseMemory()
            throw BenchmarkError.doesNotFit(
                mode: "gpu", needed: W.workingSet(size: configuration.size),
                budget: context.device.properties.memoryBudget)
        } catch GPUArrayError.device(.outOfMemory) {
            try? context.releaseMemory()
            throw BenchmarkError.doesNotFit(
                mode: "gpu", needed: W.workingSet(size: configuration.size),
                budget: context.device.properties.memoryBudget)
        }
    }

    private static func isOutOfMemory(_ error: DeviceError) -> Bool {
        if case .outOfMemory = error { return true }
        return false
    }
}
