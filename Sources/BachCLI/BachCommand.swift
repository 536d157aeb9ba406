import ArgumentParser

/// `bach`: runs the benchmarks of the Offload Annotations paper through Bach for Swift, checks the
/// installation, and fuzzes the runtime against the CPU library.
@main
struct BachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bach",
        abstract: "Offload annotations for Swift: benchmarks, diagnostics and differential fuzzing.",
        subcommands: [
            Bench.self, All.self, Report.self, Annotations.self, Doctor.self, Fuzz.self, Micro.self,
        ]
    )
}
