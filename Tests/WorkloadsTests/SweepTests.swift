import Testing

@testable import Workloads

/// `bach all`: the seed's sizes, the options' lists, what a plan leaves out and resumes, and the
/// whole quick sweep on the simulated device through the library.
struct SweepTests {
    /// The ranges of the seed's `benchmarks/run_all.sh` (last version), copied from it.
    @Test func seedSweepsAreTheSeeds() {
        let expected: [(Benchmark, [ClosedRange<Int>])] = [
            (.blackscholesTorch, [16...31, 16...27, 16...31]),
            (.blackscholesCupy, [16...31, 16...27, 16...31]),
            (.crimeIndex, [13...31, 13...27, 13...31]), (.tsvd, [10...22, 10...20, 10...20]),
            (.pca, [4...18, 4...12, 4...19]), (.dbscan, [8...16, 8...22, 8...21]),
            (.haversineTorch, [20...32, 20...28, 20...32]), (.haversineCupy, [20...32, 20...28, 20...32]),
        ]
        for (benchmark, ranges) in expected {
            for (mode, range) in zip([Mode.cpu, .gpu, .bach], ranges) {
                #expect(SizeSweep.seedRange(benchmark, mode) == range, "\(benchmark) \(mode)")
                #expect(SizeSweep.seed.log2Sizes(benchmark, mode) == Array(range))
            }
        }
        #expect(SizeSweep.quick.log2Sizes(.pca, .gpu) == [4, 6])
        #expect(SizeSweep.quick.log2Sizes(.dbscan, .bach) == [8, 10])
        #expect(SizeSweep.quick.log2Sizes(.haversineTorch, .cpu) == [10, 12])
        #expect(SizeSweep(.seed, maximum: 22).log2Sizes(.haversineTorch, .cpu) == [20, 21, 22])
        #expect(SizeSweep(.quick, maximum: 11).log2Sizes(.tsvd, .bach) == [10])
        #expect(SizeSweep(.seed, maximum: 10).log2Sizes(.haversineTorch, .bach) == [])
    }

    @Test func listsTakeNamesAndIndicesInTheirOrderWithoutRepeats() throws {
        #expect(
            try SweepOptions.benchmarks("haversine_torch, 0,6,BLACKSCHOLES_CUPY") == [
                .haversineTorch, .blackscholesTorch, .blackscholesCupy,
            ])
        #expect(try SweepOptions.modes("bach,CPU,bach") == [.bach, .cpu])
    }

    @Test func badListsSayWhatWasExpected() {
        #expect(
            throws: SweepError.unknownBenchmark(
                "blackscholes", expected: Benchmark.allCases.map(\.name).joined(separator: ", ") + " or 0-7")
        ) {
            try SweepOptions.benchmarks("0,blackscholes")
        }
        #expect(
            throws: SweepError.unknownBenchmark(
                "8", expected: Benchmark.allCases.map(\.name).joined(separator: ", ") + " or 0-7")
        ) {
            try SweepOptions.benchmarks("8")
        }
        #expect(throws: SweepError.unknownMode("numpy")) { try SweepOptions.modes("cpu,numpy") }
        #expect(throws: SweepError.emptyItem(option: "--modes", list: "cpu,,gpu")) {
            try SweepOptions.modes("cpu,,gpu")
        }
        #expect(throws: SweepError.emptyItem(option: "--benchmarks", list: "")) {
            try SweepOptions.benchmarks("")
        }
        #expect(
            SweepError.unknownMode("numpy").description
                == "unknown mode 'numpy' in --modes: expected cpu, gpu or bach")
    }

    @Test func aPlanRunsOnlyTheSizesNotDoneYet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            "haversine_torch_cpu.jsonl",
            [
                line("haversine_torch", "cpu", 1 << 20, validation: "ok"),
                line("haversine_torch", "cpu", 1 << 22, validation: "output 0 at 3: got 1.0, expected 2.0"),
                line("haversine_torch", "cpu", 1 << 23, validation: "ok"),
                #"{"benchmark": "haversine_torch", "mode": "cpu", "size": 2097152, "validation": "ok""#,
                line("haversine_cupy", "cpu", 1 << 24, validation: "ok"),
                line("haversine_torch", "bach", 1 << 24, validation: "ok"),
            ])
        var options = SweepOptions(results: folder.path)
        options.benchmarks = [.haversineTorch]
        options.modes = [.cpu]
        options.sizes = SizeSweep(.seed, maximum: 24)
        let plan = try SweepPlan(options, device: .available)
        // 2^20 and 2^23 are done; 2^22 failed and 2^21's line is cut short, so both run again; the
        // lines of another benchmark and another mode in the file do not count.
        #expect(plan.runs.map(\.log2Size) == [21, 22, 24])
        #expect(plan.alreadyDone == 2)
        #expect(plan.warnings.count == 1)
        #expect(
            plan.warnings.first?.hasPrefix(folder.path + "/haversine_torch_cpu.jsonl:4: skipped, not JSON")
                == true)
        #expect(
            plan.notes == [
                "haversine_torch cpu: 2 sizes already in \(folder.path)/haversine_torch_cpu.jsonl, skipped"
            ])
    }

    /// A sweep with a device budget counts only runs made with that budget as done (the cpu mode
    /// has no budget to match).
    @Test func aBudgetedSweepCountsOnlyRunsWithItsBudget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let budgeted = #", "gpu_memory": 65536"#
        for mode in ["cpu", "bach"] {
            try folder.write(
                "haversine_torch_\(mode).jsonl",
                [
                    line("haversine_torch", mode, 1024, validation: "ok"),
                    String(line("haversine_torch", mode, 4096, validation: "ok").dropLast()) + budgeted + "}",
                ])
        }
        var options = SweepOptions(results: folder.path)
        options.benchmarks = [.haversineTorch]
        options.modes = [.cpu, .bach]
        options.sizes = .quick
        options.gpuMemory = 65536
        #expect(
            try SweepPlan(options, device: .available).runs == [
                SweepRun(.haversineTorch, .bach, log2Size: 10)
            ])
        options.gpuMemory = nil
        #expect(
            try SweepPlan(options, device: .available).runs == [
                SweepRun(.haversineTorch, .bach, log2Size: 12)
            ])
    }

    @Test func gpuWithoutADeviceAndOversizedRunsAreSkippedWithANote() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = SweepOptions(results: folder.path)
        options.benchmarks = [.blackscholesTorch, .tsvd, .haversineTorch]
        options.sizes = SizeSweep(.seed, maximum: 25)
        // The runner's estimates: Black-Scholes 12 arrays of doubles, 96 bytes per element (2^21
        // needs 192 MiB); haversine 5 arrays, 40 bytes per element (2^22 needs 160 MiB); tsvd 512
        // features and two 512×512 matrices (2^15 rows need 133 MiB).
        let plan = try SweepPlan(options, device: .none(reason: "no libcuda"), memory: 100 << 20)
        let expected: [SweepRun] =
            (16...20).map { SweepRun(.blackscholesTorch, .cpu, log2Size: $0) }
            + (16...20).map { SweepRun(.blackscholesTorch, .bach, log2Size: $0) }
            + (10...14).map { SweepRun(.tsvd, .cpu, log2Size: $0) }
            + (10...14).map { SweepRun(.tsvd, .bach, log2Size: $0) }
            + (20...21).map { SweepRun(.haversineTorch, .cpu, log2Size: $0) }
            + (20...21).map { SweepRun(.haversineTorch, .bach, log2Size: $0) }
        #expect(plan.runs == expected)
        #expect(plan.runs.allSatisfy { $0.mode != .gpu })
        #expect(
            plan.notes.first == "gpu: skipped, no CUDA device (no libcuda); use --device simulated to run it")
        #expect(
            plan.notes.contains(
                "haversine_torch cpu: 2^22…2^25 skipped, about 0.2 GiB at 2^22 exceeds this machine's 0.1 GiB (--max-size caps the sweep)"
            ))
        #expect(plan.notes.contains { $0.hasPrefix("tsvd bach: 2^15…2^20 skipped") })
    }

    /// `bach all --quick --device simulated` with one trial: every benchmark, every mode, two small
    /// sizes, all validated, one line per size in each file; a second sweep finds everything
    /// done and runs nothing.
    @Test func theQuickSweepOnTheSimulatedDeviceRunsEverythingOnceAndResumes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = SweepOptions(results: folder.path)
        options.sizes = .quick
        options.trials = 1
        options.device = .simulated
        options.dataDirectory = folder.path
        let runnable = Benchmark.allCases
        let plan = try SweepPlan(options, device: .available)
        #expect(plan.runs.count == runnable.count * 3 * 2)
        var progress: [String] = []
        let outcome = try Sweep.run(plan, options, progress: { progress.append($0) }, note: { _ in })
        #expect(outcome.ran == plan.runs.count)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.map { "\($0.run): \($0.reason)" })")
        #expect(progress.first?.hasPrefix("[1/\(plan.runs.count)] blackscholes_torch cpu 2^10 … ") == true)
        #expect(progress.allSatisfy { $0.hasSuffix(" s ok") })
        for benchmark in runnable {
            for mode in Mode.allCases {
                let (records, warnings) = try options.results.records(
                    in: options.results.file(benchmark, mode))
                #expect(warnings.isEmpty)
                #expect(records.map(\.size) == SizeSweep.quickSizes(benchmark).map { 1 << $0 })
                #expect(
                    records.allSatisfy {
                        $0.isValid && $0.benchmark == benchmark.name && $0.series == mode.rawValue
                    })
                #expect(records.allSatisfy { $0.times.count == 1 })
            }
        }
        let again = try SweepPlan(options, device: .available)
        #expect(again.runs.isEmpty)
        #expect(again.alreadyDone == plan.runs.count)
    }

    /// A run that throws (mode gpu over a budget below its working set) is recorded with the error
    /// in `validation`, the sweep goes on to the next size and mode, and the failure is listed.
    @Test func aFailedRunIsRecordedAndTheSweepGoesOn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = SweepOptions(results: folder.path)
        options.benchmarks = [.haversineTorch]
        options.modes = [.gpu, .bach]
        options.sizes = .quick
        options.trials = 1
        options.device = .simulated
        options.gpuMemory = 16 << 10
        let plan = try SweepPlan(options, device: .available)
        var progress: [String] = []
        let outcome = try Sweep.run(plan, options, progress: { progress.append($0) }, note: { _ in })
        #expect(outcome.ran == 4)
        #expect(
            outcome.failures.map(\.run) == [
                SweepRun(.haversineTorch, .gpu, log2Size: 10), SweepRun(.haversineTorch, .gpu, log2Size: 12),
            ])
        #expect(
            progress[0].hasPrefix(
                "[1/4] haversine_torch gpu 2^10 … error: mode gpu keeps all data on the device"))
        #expect(progress[2].hasPrefix("[3/4] haversine_torch bach 2^10 … ") && progress[2].hasSuffix(" s ok"))
        let (gpu, _) = try options.results.records(in: options.results.file(.haversineTorch, .gpu))
        #expect(gpu.map(\.size) == [1024, 4096])
        #expect(
            gpu.allSatisfy {
                !$0.isValid && $0.times.isEmpty && $0.validation.hasPrefix("error: mode gpu keeps all data")
            })
        let (bach, _) = try options.results.records(in: options.results.file(.haversineTorch, .bach))
        #expect(bach.allSatisfy { $0.isValid })
        // Bach paged the 2^12 run through the 16 KiB budget.
        let raw = try folder.lines("haversine_torch_bach.jsonl")
        let batches = try JSONValue(parsing: raw[1])["batches"]?.number ?? 0
        #expect(batches > 1)
        // The failed sizes are run again by the next sweep; the valid ones are not.
        #expect(try SweepPlan(options, device: .available).runs.map(\.mode) == [.gpu, .gpu])
    }

    @Test func aResultsPathThatIsNotAFolderIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("file", ["x"])
        var options = SweepOptions(results: folder.path + "/file")
        options.benchmarks = [.haversineTorch]
        options.modes = [.cpu]
        #expect(
            throws: ResultsError.cannotRead(
                path: folder.path + "/file/haversine_torch_cpu.jsonl", reason: "Not a directory")
        ) {
            try SweepPlan(options, device: .available)
        }
        #expect(
            throws: ResultsError.cannotWrite(
                path: folder.path + "/file", reason: "expected a folder, found a file")
        ) {
            try options.results.append("{}", to: options.results.file(.haversineTorch, .cpu))
        }
    }

    @Test func appendingAfterALineCutShortKeepsTheNewLineWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let results = ResultsFolder(path: folder.path + "/nested/results")
        let file = results.file(.haversineTorch, .cpu)
        try results.append(line("haversine_torch", "cpu", 1024, validation: "ok"), to: file)
        try results.append(#"{"benchmark": "haversine_torch", "mo"#, to: file)
        let full = try TemporaryFolder.read(file)
        try TemporaryFolder.overwrite(file, String(full.dropLast()))
        try results.append(line("haversine_torch", "cpu", 4096, validation: "ok"), to: file)
        let (records, warnings) = try results.records(in: file)
        #expect(records.map(\.size) == [1024, 4096])
        #expect(warnings.count == 1 && warnings[0].hasPrefix(file + ":2: skipped"))
    }

    private func line(_ benchmark: String, _ mode: String, _ size: Int, validation: String) -> String {
        #"{"benchmark": "\#(benchmark)", "mode": "\#(mode)", "size": \#(size), "trials": 1, "median_init_s": 0.0, "#
            + #""median_runtime_s": 0.5, "median_total_s": 0.5, "validation": "\#(validation)"}"#
    }
}
