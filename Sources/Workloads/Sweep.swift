/// `bach all`, the seed's `run_all.sh`: every run of a plan through `BenchmarkRunner`, each result
/// appended to its results file as soon as it is measured, a progress line per run.
///
/// A run that fails validation or throws is recorded too (its `validation` says why) and the sweep
/// goes on; the outcome lists the failures.
///
/// ```swift
/// var options = SweepOptions(results: "results")
/// options.sizes = .quick
/// let plan = try SweepPlan(options, device: try DeviceAvailability.probe(.auto, budget: nil))
/// let outcome = try Sweep.run(plan, options, progress: { print($0) }, note: { print($0) })
/// // [1/24] blackscholes_torch cpu 2^10 … 0.000151 s ok
/// ```
public enum Sweep {
    /// What a sweep did.
    public struct Outcome: Sendable {
        /// Runs done (recorded, whether they passed or not).
        public var ran = 0
        /// The runs that failed validation or threw, with why.
        public var failures: [(run: SweepRun, reason: String)] = []
    }

    /// Runs `plan` with `options`' trials, device and budget. `progress` receives one line per run,
    /// `note` each distinct remark of the runner once (e.g. that bach runs on the CPU). Throws only
    /// when a result cannot be written, leaving the results of earlier runs in place.
    public static func run(
        _ plan: SweepPlan, _ options: SweepOptions, progress: (String) -> Void, note: (String) -> Void
    ) throws(ResultsError) -> Outcome {
        var outcome = Outcome()
        var noted: Set<String> = []
        for (index, run) in plan.runs.enumerated() {
            var configuration = BenchmarkConfiguration(
                benchmark: run.benchmark, mode: run.mode, size: 1 << run.log2Size, trials: options.trials,
                device: options.device, gpuMemory: options.gpuMemory)
            configuration.dataDirectory = options.dataDirectory
            let line: String
            let status: String
            do {
                let report = try BenchmarkRunner.run(configuration) { remark in
                    if noted.insert(remark).inserted { note(remark) }
                }
                line = ResultLine.encode(report)
                status = "\(Seconds.text(report.medianTotal)) s " + (report.valid ? "ok" : "FAILED")
                if !report.valid { outcome.failures.append((run, report.validation)) }
            } catch {
                line = ResultLine.encodeError(configuration, "\(error)")
                status = "error: \(error)"
                outcome.failures.append((run, "\(error)"))
            }
            try options.results.append(line, to: options.results.file(run.benchmark, run.mode))
            outcome.ran += 1
            progress("[\(index + 1)/\(plan.runs.count)] \(run) … \(status)")
        }
        return outcome
    }
}
