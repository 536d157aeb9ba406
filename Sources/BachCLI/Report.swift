import ArgumentParser
import Workloads

/// `bach report`: the seed's `parse.sh` — median times per benchmark, mode and size from the
/// results files, as markdown tables, and an SVG chart per benchmark.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise the results files: median times per benchmark, mode and size, and SVG charts.",
        discussion: """
            Reads every .jsonl file in the results folder: the files of `bach all` (or lines of \
            `bach bench --json`) and peer files. To add the Python peers, run on the same machine \
            python3 scripts/peers.py -s LOG2 --trials 5 --json >> results/peers_LOG2.jsonl \
            once per size (for example for s in 20 22 24 26); libraries that are missing are skipped. \
            A peer of blackscholes joins both blackscholes_torch and blackscholes_cupy. Prints one markdown \
            table per benchmark (median seconds: init + runtime for our modes, runtime for peers, over every \
            valid trial) and writes <charts>/<benchmark>.svg: median seconds (log scale) against size (log2), \
            one line per mode and per peer. Runs with --no-fusion, --force-cpu or --gpu-memory form series of \
            their own; a series with runs from several devices is named in a warning (keep one results folder \
            per machine). Lines that cannot be read are skipped with a warning.
            """)

    @Option(help: "The results folder.")
    var results: String = "results"

    @Option(help: "Where to write the SVG charts (default: <results>/charts).")
    var charts: String?

    mutating func run() throws {
        let folder = ResultsFolder(path: results)
        let chartFolder = ResultsFolder(path: charts ?? results + "/charts")
        do {
            let (summary, warnings) = try ResultsSummary.load(folder)
            for warning in warnings + summary.mixedDevices {
                standardError("bach report: warning: \(warning)")
            }
            guard !summary.groups.isEmpty else {
                standardError("bach report: no results in \(results)/ (run `bach all` first)")
                throw ExitCode.failure
            }
            print(summary.markdown())
            for group in summary.groups {
                let path = chartFolder.path + "/" + group.benchmark + ".svg"
                try chartFolder.write(LineChart(group).svg(), to: path)
                print("Chart: \(path)")
            }
        } catch let error as ResultsError {
            standardError("bach report: \(error)")
            throw ExitCode.failure
        }
    }
}
