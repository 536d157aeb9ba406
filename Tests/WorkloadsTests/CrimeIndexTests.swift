import Devices
import Foundation
import Testing

@testable import Workloads

#if canImport(Glibc)
    import Glibc
#endif

/// crime_index in every mode at small sizes, with the seed's constant data and with varied data
/// (missing values included): cpu against the closed form or a loop over the generated values,
/// gpu and bach against cpu, bach paging through a small simulated device, fused or not.
struct CrimeIndexTests {
    /// `body` with a data folder of its own, deleted afterwards.
    func withDirectory<R>(_ name: String, _ body: (String) throws -> R) throws -> R {
        let directory = NSTemporaryDirectory() + "bach-workloads-\(getpid())-\(name)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    func configuration(
        _ mode: Mode, size: Int, random: Bool, in directory: String, device: DeviceChoice = .simulated,
        budget: Int? = nil, forceCPU: Bool = false, fusion: Bool = true, inMemory: Bool = false
    ) -> BenchmarkConfiguration {
        var configuration = BenchmarkConfiguration(
            benchmark: .crimeIndex, mode: mode, size: size, device: device, gpuMemory: budget,
            forceCPU: forceCPU,
            randomData: random, fusion: fusion)
        configuration.dataDirectory = directory
        configuration.inMemory = inMemory
        return configuration
    }

    @Test(arguments: [(1 << 12, false), (1 << 12, true), (20_000, true)])
    func everyModeValidates(size: Int, random: Bool) throws {
        try withDirectory("\(size)-\(random)") { directory in try everyModeValidates(size, random, directory)
        }
    }

    func everyModeValidates(_ size: Int, _ random: Bool, _ directory: String) throws {
        let configurations = [
            configuration(.cpu, size: size, random: random, in: directory),
            configuration(.gpu, size: size, random: random, in: directory),
            configuration(.bach, size: size, random: random, in: directory),
            configuration(.bach, size: size, random: random, in: directory, budget: 64 << 10),
            configuration(.bach, size: size, random: random, in: directory, forceCPU: true),
            configuration(.bach, size: size, random: random, in: directory, fusion: false),
            configuration(.bach, size: size, random: random, in: directory, budget: 64 << 10, inMemory: true),
            configuration(.bach, size: size, random: random, in: directory, forceCPU: true, inMemory: true),
        ]
        for configuration in configurations {
            let report = try BenchmarkRunner.run(configuration) { _ in }
            let label =
                "\(configuration.mode) \(configuration.gpuMemory ?? 0) \(configuration.fusion) \(configuration.inMemory)"
            #expect(report.valid, "\(label): \(report.validation)")
            if configuration.mode == .cpu && !random {
                #expect(report.validation.contains("closed form"))
            }
            if let budget = configuration.gpuMemory {
                #expect(
                    report.deviceCounters.peakBytes <= budget && (report.runtime?.batches ?? 0) >= 4,
                    "\(label)")
            }
            if configuration.mode == .bach && configuration.fusion {
                #expect(report.runtime?.fusedCalls == 11, "\(label): one pass of eleven calls")
            }
        }
    }

    @Test func theFilesAreWrittenOnceAsTheSeedWritesThem() throws {
        try withDirectory("files") { try theFilesAreWrittenOnce(in: $0) }
    }

    func theFilesAreWrittenOnce(in directory: String) throws {
        let data = CrimeIndexData(size: 5, random: false, directory: directory)
        #expect(try data.ensure())
        #expect(try !data.ensure(), "files already present are kept")
        let texts = data.paths.map { path -> String in
            let file = fopen(path, "rb")!
            defer { fclose(file) }
            var bytes = [UInt8](repeating: 0, count: 64)
            return String(decoding: bytes[0..<fread(&bytes, 1, 64, file)], as: UTF8.self)
        }
        #expect(texts == ["500000\n", "250000\n", "1000\n"].map { String(repeating: $0, count: 5) })
        #expect(data.paths[0].hasSuffix("crime_index/total_population_5.csv"))
        let random = CrimeIndexData(size: 1000, random: true, directory: directory)
        #expect(Array(random.values(0)).count == 1000)
        #expect(random.values(0).filter { $0 == nil }.count > 0, "some values are missing")
        #expect(random.values(2).compactMap { $0 }.allSatisfy { $0 >= 0 && $0 < 2000 })
        #expect(Array(data.values(1)) == Array(repeating: 250_000, count: 5))
    }

    @Test func gpuModeNeedsTheWholeWorkingSet() {
        #expect(throws: BenchmarkError.self) {
            try withDirectory("fit") { directory in
                try BenchmarkRunner.run(
                    configuration(.gpu, size: 1 << 14, random: false, in: directory, budget: 1 << 16)
                ) { _ in }
            }
        }
    }
}
