import Testing

@testable import Workloads

/// `bach report`: medians per benchmark, series and size from result files written here, against
/// medians computed by hand.
struct ResultsSummaryTests {
    static let ours = [
        // 2^10: three trials, totals 0.3, 0.1, 0.2 → median 0.2.
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 1024, "median_total_s": 0.2, "validation": "ok", "init_s": [0.0,0.0,0.0], "runtime_s": [0.3,0.1,0.2]}"#,
        // 2^12: two lines pooled, totals 0.41, 0.11 and 0.2, 0.3 → median (0.2 + 0.3) / 2 = 0.25.
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 4096, "median_total_s": 0.26, "validation": "ok", "init_s": [0.01,0.01], "runtime_s": [0.4,0.1]}"#,
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 4096, "median_total_s": 0.25, "validation": "ok", "init_s": [0.0,0.0], "runtime_s": [0.2,0.3]}"#,
        // 2^14: a line without per-trial times counts once at its median; the failed line not at all.
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 16384, "median_total_s": 0.7, "validation": "ok"}"#,
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 16384, "median_total_s": 9.0, "validation": "output 0 at 1: got 1.0, expected 2.0", "init_s": [0.0], "runtime_s": [9.0]}"#,
        // 2^16: only an error.
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "size": 65536, "median_total_s": null, "validation": "error: boom"}"#,
        "not json at all",
        #"{"benchmark": "blackscholes_torch", "mode": "cpu", "median_total_s": 0.1, "validation": "ok"}"#,
    ]
    static let bach = [
        #"{"benchmark": "blackscholes_torch", "mode": "bach", "size": 1024, "median_total_s": 0.05, "validation": "ok", "init_s": [0.0], "runtime_s": [0.05]}"#
    ]
    static let peers = [
        // A peer's time is its runtime: its init (creating the inputs) is left out.
        #"{"benchmark": "blackscholes", "library": "numpy", "size": 1024, "trials": 3, "median_init_s": 1.0, "median_runtime_s": 0.03, "validation": "reference"}"#,
        #"{"benchmark": "blackscholes", "library": "torch", "size": 1024, "trials": 3, "median_init_s": 1.0, "median_runtime_s": 0.01, "validation": "MISMATCH"}"#,
        #"{"benchmark": "haversine", "library": "numpy", "size": 1024, "trials": 3, "median_init_s": 1.0, "median_runtime_s": 0.02, "validation": "reference"}"#,
    ]

    private func summary() throws -> (ResultsSummary, [String], TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.write("blackscholes_torch_cpu.jsonl", Self.ours)
        try folder.write("blackscholes_torch_bach.jsonl", Self.bach)
        try folder.write("peers_1024.jsonl", Self.peers)
        try folder.write("notes.txt", ["not a results file"])
        let (summary, warnings) = try ResultsSummary.load(ResultsFolder(path: folder.path))
        return (summary, warnings, folder)
    }

    @Test func mediansPoolEveryValidTrialPerSize() throws {
        let (summary, warnings, folder) = try summary()
        defer { folder.remove() }
        #expect(summary.groups.map(\.benchmark) == ["blackscholes_torch", "haversine"])
        let group = summary.groups[0]
        #expect(group.series.map(\.label) == ["cpu", "bach", "numpy (peer)", "torch (peer)"])
        let cpu = group.series[0].points
        #expect(cpu.map(\.size) == [1024, 4096, 16384, 65536])
        #expect(cpu.map(\.median) == [0.2, 0.25, 0.7, nil])
        #expect(cpu.map(\.trials) == [3, 4, 1, 0])
        #expect(cpu[3].failure == "error: boom")
        #expect(group.series[1].points == [.init(size: 1024, median: 0.05, trials: 1, failure: nil)])
        #expect(group.series[2].points == [.init(size: 1024, median: 0.03, trials: 1, failure: nil)])
        #expect(group.series[3].points == [.init(size: 1024, median: nil, trials: 0, failure: "MISMATCH")])
        #expect(summary.groups[1].series.map(\.label) == ["numpy (peer)"])
        #expect(summary.groups[1].series[0].points.map(\.median) == [0.02])
        #expect(warnings.count == 2)
        #expect(
            warnings[0].hasPrefix(
                folder.path + "/blackscholes_torch_cpu.jsonl:7: skipped, not JSON, at byte 0"))
        #expect(
            warnings[1]
                == folder.path
                + "/blackscholes_torch_cpu.jsonl:8: skipped, expected a positive whole 'size', found nothing")
    }

    @Test func theMarkdownHasARowPerSizeAndAColumnPerSeries() throws {
        let (summary, _, folder) = try summary()
        defer { folder.remove() }
        let expected = """
            ## blackscholes_torch

            Median seconds per size: init + runtime for our modes, runtime for peers; over every valid trial.

            | size | cpu | bach | numpy (peer) | torch (peer) |
            |---:|---:|---:|---:|---:|
            | 2^10 | 0.200 | 0.0500 | 0.0300 | failed |
            | 2^12 | 0.250 | – | – | – |
            | 2^14 | 0.700 | – | – | – |
            | 2^16 | failed | – | – | – |

            ## haversine

            Median seconds per size: init + runtime for our modes, runtime for peers; over every valid trial.

            | size | numpy (peer) |
            |---:|---:|
            | 2^10 | 0.0200 |

            """
        #expect(summary.markdown() == expected)
    }

    @Test func aPeerJoinsEveryFlavourOfItsWorkload() {
        let records = [
            ResultRecord(
                benchmark: "haversine_cupy", series: "gpu", size: 1 << 20, times: [0.5], validation: "ok"),
            ResultRecord(
                benchmark: "haversine_torch", series: "gpu", size: 1 << 20, times: [0.4], validation: "ok"),
            ResultRecord(
                benchmark: "haversine", series: "cupy", isPeer: true, size: 1 << 20, times: [0.3],
                validation: "ok"),
        ]
        let summary = ResultsSummary(records: records)
        #expect(summary.groups.map(\.benchmark) == ["haversine_torch", "haversine_cupy"])
        #expect(summary.groups.allSatisfy { $0.series.map(\.label) == ["gpu", "cupy (peer)"] })
    }

    /// Runs whose options change what they measure are series of their own; runs of one series on
    /// different devices are pooled but reported.
    @Test func optionsMakeSeriesOfTheirOwnAndMixedDevicesAreReported() throws {
        func record(_ mode: String, _ options: String, device: String = "none (CPU)") throws -> ResultRecord {
            try ResultRecord(
                line: #"{"benchmark": "pca", "mode": "\#(mode)", "size": 16, "median_total_s": 0.1, "#
                    + #""validation": "ok", "device": "\#(device)"\#(options)}"#)
        }
        let records = [
            try record("bach", #", "force_cpu": true, "gpu_memory": null, "fusion": true"#),
            try record("bach", #", "force_cpu": false, "gpu_memory": 16777216, "fusion": false"#),
            try record("gpu", #", "gpu_memory": 1536"#),
            try record("cpu", #", "gpu_memory": 65536"#),
            try record(
                "bach", #", "force_cpu": false, "gpu_memory": null, "fusion": true"#, device: "NVIDIA H100"),
            try record("bach", ""),
        ]
        #expect(
            records.map(\.series) == [
                "bach force-cpu", "bach no-fusion budget 16 MiB", "gpu budget 1536 B", "cpu", "bach", "bach",
            ])
        #expect(records[4].device == "NVIDIA H100")
        let summary = ResultsSummary(records: records)
        #expect(
            summary.groups[0].series.map(\.name) == [
                "cpu", "gpu budget 1536 B", "bach", "bach force-cpu", "bach no-fusion budget 16 MiB",
            ])
        #expect(summary.mixedDevices == ["pca bach pools runs on NVIDIA H100 and none (CPU)"])
        #expect(ResultRecord.series(mode: "gpu", gpuMemory: 3 << 30) == "gpu budget 3 GiB")
        #expect(ResultRecord.series(mode: "bach", inMemory: true) == "bach in-memory")
        #expect(ResultRecord.series(mode: "cpu", inMemory: true) == "cpu")
    }

    @Test func anUnreadableFolderIsAnErrorNamingIt() {
        #expect(
            throws: ResultsError.cannotRead(path: "/nonexistent/results", reason: "No such file or directory")
        ) {
            try ResultsSummary.load(ResultsFolder(path: "/nonexistent/results"))
        }
    }

    @Test func recordsSayWhatWasExpected() {
        #expect(throws: ResultsError.malformedLine("expected a string 'mode', found 3.0")) {
            try ResultRecord(line: #"{"benchmark": "pca", "mode": 3, "size": 16, "validation": "ok"}"#)
        }
        #expect(throws: ResultsError.malformedLine("expected a positive whole 'size', found 1.5")) {
            try ResultRecord(line: #"{"benchmark": "pca", "mode": "cpu", "size": 1.5, "validation": "ok"}"#)
        }
        #expect(
            throws: ResultsError.malformedLine(
                "expected a number 'median_total_s' of seconds, found \"fast\"")
        ) {
            try ResultRecord(
                line:
                    #"{"benchmark": "pca", "mode": "cpu", "size": 16, "median_total_s": "fast", "validation": "ok"}"#
            )
        }
        #expect(throws: ResultsError.malformedLine("expected a JSON object, found [1]")) {
            try ResultRecord(line: "[1]")
        }
    }

    /// The line a run writes reads back as the record of that run.
    @Test func aWrittenLineReadsBack() throws {
        let report = try BenchmarkRunner.run(
            BenchmarkConfiguration(benchmark: .haversineTorch, mode: .cpu, size: 1024, trials: 3)
        ) { _ in }
        let line = ResultLine.encode(report)
        let value = try JSONValue(parsing: line)
        for key in [
            "benchmark", "mode", "size", "device", "trials", "median_init_s", "median_runtime_s",
            "median_total_s",
            "validation", "batches", "bytes_to_device", "bytes_from_device", "peak_device_bytes",
        ] {
            #expect(value[key] != nil, "\(key)")
        }
        let record = try ResultRecord(line: line)
        #expect(record.benchmark == "haversine_torch" && record.series == "cpu" && record.size == 1024)
        #expect(record.times == zip(report.initTimes, report.runtimes).map { $0 + $1 })
        #expect(record.isValid)
        let failed = try ResultRecord(
            line: ResultLine.encodeError(
                BenchmarkConfiguration(benchmark: .pca, mode: .gpu, size: 16, device: .simulated), "not yet"))
        #expect(
            failed
                == ResultRecord(
                    benchmark: "pca", series: "gpu", size: 16, times: [], validation: "error: not yet"))
    }

    @Test func secondsPrintWithThreeSignificantDigitsAndTicksInTheirUnit() {
        #expect(Seconds.text(0.000412345) == "0.000412")
        #expect(Seconds.text(12.345) == "12.3")
        #expect(Seconds.text(1234.5) == "1235")
        #expect(Seconds.text(0.25) == "0.250")
        #expect(Seconds.text(-0.0015) == "-0.00150")
        #expect(Seconds.text(0) == "0")
        #expect(Seconds.label(0.002) == "2 ms")
        #expect(Seconds.label(5e-7) == "500 ns")
        #expect(Seconds.label(1e-5) == "10 µs")
        #expect(Seconds.label(100) == "100 s")
        #expect(Seconds.label(0.001) == "1 ms")
    }
}
