import ArgumentParser
import BachLearn
import BachRuntime
import BachNumeric
import Workloads

/// `bach annotations`: every function the annotated libraries offer, with its CPU and GPU
/// implementations, its split types and whether it fuses.
struct Annotations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every annotated function: CPU and GPU implementations, split types, fusion.")

    @Flag(help: "One JSON object per function instead of a table.")
    var json = false

    mutating func run() {
        let functions = NumericCatalog.functions + LearnCatalog.functions
        if json {
            for function in functions {
                let fields = [
                    ("library", function.library), ("name", function.name), ("cpu", function.cpu),
                    ("gpu", function.gpu ?? "none (CPU only)"), ("split_types", function.splitTypes),
                ].map { "\(JSONValue.quote($0.0)): \(JSONValue.quote($0.1))" }
                print("{" + (fields + ["\"fuses\": \(function.fuses)"]).joined(separator: ", ") + "}")
            }
            return
        }
        print("| library | function | CPU | GPU | split types | fuses |")
        print("|---|---|---|---|---|---|")
        for function in functions {
            print(
                "| \(function.library) | \(function.name) | \(function.cpu) | \(function.gpu ?? "— (CPU only)") "
                    + "| \(function.splitTypes) | \(function.fuses ? "yes" : "no") |")
        }
        print("\(functions.count) annotated functions")
    }
}
