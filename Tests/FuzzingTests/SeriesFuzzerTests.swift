import Devices
import Frames
import NDArrays
import Testing

@testable import Fuzzing

/// The series fuzzer: programs are reproducible, well formed and cover the series API; Frames,
/// GPUFrames and BachFrames agree on them; the comparison and the shrinking catch planted faults.
struct SeriesFuzzerTests {
    /// `bach fuzz --series --programs 200 --seed 7 --max-size 4096`: each program eagerly with
    /// Frames and GPUFrames (simulated device) and through BachFrames fused, unfused and on the CPU,
    /// with device budgets of 8 KiB to 1 MiB so that series page through the device in batches.
    @Test func twoHundredSeriesProgramsAgree() throws {
        let fuzzer = SeriesFuzzer(device: .simulated, maximumSize: 1 << 12)
        var mismatches: [String] = []
        var coverage = Fuzzer.Coverage()
        for index in 0..<200 {
            let (mismatch, covered) = try fuzzer.check(seed: Fuzzer.programSeed(7, index))
            if let mismatch { mismatches.append("\(mismatch)") }
            coverage.deviceStages += covered.deviceStages
            coverage.batches += covered.batches
            coverage.fusedCalls += covered.fusedCalls
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).joined(separator: "\n"))")
        #expect(coverage.fusedCalls > 1000, "programs fuse chains of series calls")
        #expect(
            coverage.deviceStages > 200 && coverage.batches > 4 * coverage.deviceStages,
            "series page through the device in batches")
    }

    @Test func programsAreReproducibleWellFormedAndCoverTheAPI() {
        var seen: Set<String> = []
        var kinds: Set<SeriesKind> = []
        for index in 0..<300 {
            let seed = Fuzzer.programSeed(3, index)
            let program = SeriesProgram.generate(seed: seed, maximumSize: 1 << 12)
            #expect(program.isWellFormed)
            #expect("\(program)" == "\(SeriesProgram.generate(seed: seed, maximumSize: 1 << 12))")
            #expect(program.rows <= 1 << 12)
            let inputs = program.inputSeries()
            #expect(inputs.map(\.count) == Array(repeating: program.rows, count: program.inputs.count))
            #expect(inputs.map(\.type.rawValue) == program.inputs.map(\.kind.rawValue))
            kinds.formUnion(program.inputs.map(\.kind))
            for step in program.steps { seen.insert(Self.family(step)) }
        }
        #expect(kinds == Set(SeriesKind.allCases))
        #expect(
            seen == [
                "arithmetic", "arithmeticScalar", "negate", "compare", "compareScalar", "logical", "not",
                "select",
                "fill", "isMissing", "toDouble", "reduce", "unique", "group",
            ])
    }

    @Test func inputsAreMissingWhereTheirPatternSays() {
        var program = SeriesProgram.generate(seed: 1, maximumSize: 64)
        program.rows = 10
        program.inputs = [
            SeriesInput(kind: .double, missing: .all, pooled: false),
            SeriesInput(kind: .int64, missing: .leading(0.5), pooled: true),
            SeriesInput(kind: .bool, missing: .none, pooled: false),
        ]
        let inputs = program.inputSeries()
        guard case .float64(let a) = inputs[0], case .int64(let b) = inputs[1], case .bool(let c) = inputs[2]
        else {
            Issue.record("input types \(inputs.map(\.type))")
            return
        }
        #expect(a.missingCount == 10)
        #expect((0..<10).map { b[$0] == nil } == (0..<10).map { $0 < 5 })
        #expect(b.elements.compactMap { $0 }.allSatisfy { (-3...3).contains($0) })
        #expect(c.missingCount == 0)
        #expect(
            program.inputSeries().map { "\($0)" } == inputs.map { "\($0)" },
            "the same seed gives the same rows")
    }

    @Test func aPlantedFaultIsFoundAndShrunk() throws {
        var fuzzer = SeriesFuzzer(device: .simulated, maximumSize: 1 << 10)
        fuzzer.fault = .sumOffByOne
        let program = SeriesProgram(
            seed: 5, rows: 700,
            inputs: [
                SeriesInput(kind: .int64, missing: .scattered(0.2), pooled: false),
                SeriesInput(kind: .double, missing: .none, pooled: false),
            ],
            steps: [
                .arithmeticScalar(.multiply, 0, .int64(3), reversed: false), .negate(1), .reduce(.sum, 2),
            ],
            budget: 8 << 10, cpuBatchBytes: 4 << 10, cpuOnly: [])
        let detail = try #require(try fuzzer.run(program).detail)
        #expect(detail.hasPrefix("GPUFrames: r0: "), "\(detail)")
        let shrunk = try program.shrunk { try fuzzer.run($0).detail }
        #expect(shrunk.program.rows == 1, "a sum off by one differs at every length")
        #expect(shrunk.program.steps.count == 2, "the negation is not needed: \(shrunk.program)")

        let seed = try #require(
            (0..<100).map { Fuzzer.programSeed(1, $0) }.first { seed in
                let generated = SeriesProgram.generate(seed: seed, maximumSize: 1 << 10)
                let kinds = generated.variableKinds ?? []
                return generated.steps.contains { step in
                    guard case .reduce(.sum, let a) = step else { return false }
                    return kinds[a] == .int64
                }
            })
        let mismatch = try #require(try fuzzer.check(seed: seed).mismatch)
        #expect(mismatch.replay == "bach fuzz --series --replay \(seed) --max-size 1024 --device simulated")
        #expect(mismatch.program == fuzzer.describe(seed: seed))

        fuzzer.fault = .whereAsMask
        var selection = program
        selection.inputs.append(SeriesInput(kind: .bool, missing: .none, pooled: false))
        selection.steps = [.select(0, condition: 2, .missing, keepWhere: true)]
        let found = try #require(try fuzzer.run(selection).detail)
        #expect(found.contains("v3: row"), "\(found)")
        fuzzer.fault = nil
        #expect(try fuzzer.run(selection).detail == nil)
        #expect(try fuzzer.run(program).detail == nil)
    }

    @Test func theComparisonIsMissingAware() {
        let comparison = SeriesComparison()
        let x = Column.float64(Series<Double>([1, nil, -0.0], name: "v0"))
        let expected = SeriesOutcome(series: [x], results: [.integer(3), .number(1.5), .absent])
        let bounds: [SeriesBound] = [.exact, .within(1e-9, squared: false), .exact]
        #expect(comparison.mismatch(expected, expected, bounds: bounds) == nil)
        func with(_ series: Column? = nil, _ results: [SeriesResult?]? = nil) -> SeriesOutcome {
            SeriesOutcome(series: [series ?? x], results: results ?? expected.results)
        }
        let present = Column.float64(Series<Double>([1, 0, -0.0], name: "v0"))
        #expect(comparison.mismatch(expected, with(present), bounds: bounds) != nil, "missing against zero")
        let zero = Column.float64(Series<Double>([1, nil, 0.0], name: "v0"))
        #expect(comparison.mismatch(expected, with(zero), bounds: bounds) != nil, "signed zeros")
        #expect(comparison.mismatch(expected, with(x.renamed("v1")), bounds: bounds) != nil, "names")
        let integers = Column.int64(Series<Int64>([1, nil, 0], name: "v0"))
        #expect(comparison.mismatch(expected, with(integers), bounds: bounds) != nil, "types")
        #expect(
            comparison.mismatch(
                expected, with(nil, [.integer(3), .number(1.5 + 1e-10), .absent]), bounds: bounds)
                == nil, "within the tolerance")
        #expect(
            comparison.mismatch(
                expected, with(nil, [.integer(3), .number(1.5 + 1e-8), .absent]), bounds: bounds)
                != nil, "beyond the tolerance")
        #expect(
            comparison.mismatch(expected, with(nil, [.integer(4), .number(1.5), .absent]), bounds: bounds)
                != nil)
        #expect(
            comparison.mismatch(
                expected, with(nil, [.integer(3), .number(1.5), .integer(0)]), bounds: bounds)
                != nil, "an extremum of nothing is absent")
        #expect(
            comparison.mismatch(expected, with(nil, [nil, nil, nil]), bounds: bounds) == nil,
            "results a library lacks are not compared")
        #expect(comparison.mismatch(expected, SeriesOutcome(error: "failed"), bounds: bounds) != nil)
        #expect(
            comparison.mismatch(SeriesOutcome(error: "bad"), SeriesOutcome(error: "bad too"), bounds: bounds)
                == nil)
        #expect(comparison.mismatch(SeriesOutcome(error: "bad"), expected, bounds: bounds) != nil)
    }

    @Test func uniqueAndGroupsCompareInOrderAndWithinEachGroupsTolerance() throws {
        let comparison = SeriesComparison()
        let unique = SeriesOutcome(results: [.column(Series<Int64>([3, 1, 2], name: "v0").column)])
        #expect(comparison.mismatch(unique, unique, bounds: [.exact]) == nil)
        let reordered = SeriesOutcome(results: [.column(Series<Int64>([1, 3, 2], name: "v0").column)])
        #expect(comparison.mismatch(unique, reordered, bounds: [.exact]) != nil, "first appearance order")

        func grouped(_ sums: [Double], counts: [Int64] = [2, 1]) throws -> SeriesOutcome {
            SeriesOutcome(results: [
                .frame(
                    try DataFrame([
                        .int64(Series<Int64>([0, 1], name: "v0")), .float64(Series<Double>(sums, name: "v1")),
                        .int64(Series<Int64>(counts, name: "v2")),
                    ]))
            ])
        }
        let bound = SeriesBound.groups(["v1": [1e-9, 0]])
        let reference = try grouped([1.5, 2])
        #expect(comparison.mismatch(reference, try grouped([1.5 + 1e-10, 2]), bounds: [bound]) == nil)
        #expect(comparison.mismatch(reference, try grouped([1.5, 2 + 1e-12]), bounds: [bound]) != nil)
        #expect(
            comparison.mismatch(reference, try grouped([1.5, 2], counts: [2, 2]), bounds: [bound]) != nil)
    }

    /// The bounds follow `Comparison`'s for array reductions: exact where batching cannot change
    /// the result, a tolerance from the values present where it can.
    @Test func boundsAreExactWhereBatchingCannotMatter() {
        var program = SeriesProgram.generate(seed: 2, maximumSize: 16)
        program.inputs = [
            SeriesInput(kind: .double, missing: .none, pooled: false),
            SeriesInput(kind: .int64, missing: .none, pooled: false),
        ]
        program.steps = [.reduce(.sum, 0), .reduce(.sum, 1), .reduce(.max, 0), .reduce(.std, 0), .unique(1)]
        let reference = SeriesOutcome(
            series: [
                Series<Double>([1, 2, 3], name: "v0").column, Series<Int64>([1, 2, 3], name: "v1").column,
            ])
        let bounds = SeriesComparison.bounds(program, reference)
        #expect(bounds.count == 5)
        guard case .within(let sum, false) = bounds[0], case .exact = bounds[1], case .exact = bounds[2],
            case .within(_, true) = bounds[3], case .exact = bounds[4]
        else {
            Issue.record("bounds \(bounds)")
            return
        }
        #expect(sum > 0 && sum < 1e-10)
    }

    private static func family(_ step: SeriesStep) -> String {
        switch step {
        case .arithmetic: "arithmetic"
        case .arithmeticScalar: "arithmeticScalar"
        case .negate: "negate"
        case .compare: "compare"
        case .compareScalar: "compareScalar"
        case .logical: "logical"
        case .not: "not"
        case .select: "select"
        case .fill: "fill"
        case .isMissing: "isMissing"
        case .toDouble: "toDouble"
        case .reduce: "reduce"
        case .unique: "unique"
        case .group: "group"
        }
    }
}
