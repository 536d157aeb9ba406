import BachRuntime
import BachNumeric
import Devices
import Frames
import NDArrays
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import BachFrames

/// The lazy `readCSV` against Frames' whole read: the same frame however the rows are batched,
/// programs over its columns that page through a device budget, and errors raised when the read is
/// recorded.
struct ReadCSVTests {
    /// 3000 rows: an integer column, a float column with missing values, a boolean column, and a
    /// text column with quoted separators.
    static let text: String = {
        var lines = ["id,price,flag,city"]
        for row in 0..<3000 {
            let id = "\(row * 7 - 900)"
            let price = row % 9 == 2 ? "NA" : "\(Double(row % 101) * 0.25 - 3)"
            let city = row % 4 == 0 ? "\"Paris, France\"" : "Lyon"
            lines.append("\(id),\(price),\(row % 3 == 0 ? "True" : "False"),\(city)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func batchesReadWhatAWholeReadReads() throws {
        let path = temporaryFile(Self.text)
        defer { unlink(path) }
        let expected = try readCSV(path, types: ["price": .float64])
        #expect(try expected.series("price", as: Double.self).countPresent() < 3000)
        for (label, bach) in try runtimes() {
            let frame = try bach.readCSV(path, types: ["price": .float64])
            #expect(frame.rowCount == 3000 && frame.columnNames == ["id", "price", "flag", "city"])
            #expect(try frame.value() == expected, "\(label)")
            if label == "cpu" { #expect(bach.counters.stages[0].batches > 1, "\(bach.counters.stages)") }
        }
    }

    @Test func programsOverColumnsPageThroughTheDevice() throws {
        let path = temporaryFile(Self.text)
        defer { unlink(path) }
        let whole = try readCSV(path, types: ["price": .float64])
        let (id, price, flag) = (
            try whole.series("id", as: Int64.self), try whole.series("price", as: Double.self),
            try whole.series("flag", as: Bool.self)
        )
        let expected = (try price.mask(flag, 0).sum(), try (id * 2).where(id > 0).sum(), price.max())
        let device = try SimulatedDevice(memory: 64 << 10)
        let bach = Bach(device: device)
        let file = try CSVFile(path: path, options: CSVOptions(types: ["price": .float64]))
        let frame = try bach.readCSV(file, checkpointEvery: 100)
        let lazyPrice = try frame.series("price", as: Double.self)
        let lazyID = try frame.series("id", as: Int64.self)
        let total = try lazyPrice.mask(try frame.series("flag", as: Bool.self), 0).sum()
        let positive = try (lazyID * 2).where(lazyID > 0).sum()
        let largest = lazyPrice.max()
        try bach.evaluate()
        #expect(close(try total.value(), expected.0))
        #expect(try positive.value() == expected.1)
        #expect(try largest.value() == expected.2)
        let stage = bach.counters.stages[0]
        #expect(stage.batches > 4 && device.counters.peakBytes <= 64 << 10, "\(stage)")
        #expect(stage.calls.filter { $0.name == "read_csv" }.count == 1, "one read serves every column")
        #expect(stage.calls.contains { $0.name == "sum" && $0.backend == .gpu })
        #expect(bach.counters.device.bytesFromDevice < 64 * stage.batches, "only partial results come back")
    }

    @Test func columnsOfOneFileAlignWithColumnsOfAnother() throws {
        let first = temporaryFile((0..<2000).map { "\($0)" }.joined(separator: "\n") + "\n", name: "first")
        let second = temporaryFile(
            (0..<2000).map { "\($0 * 3)" }.joined(separator: "\n") + "\n", name: "second")
        defer {
            unlink(first)
            unlink(second)
        }
        let bach = Bach(
            device: try SimulatedDevice(memory: 64 << 20), options: Bach.Options(maximumDeviceBatch: 300))
        let read = { (path: String) in
            try bach.readCSV(path, header: nil, types: ["0": .float64]).series("0", as: Double.self)
        }
        #expect(try (read(second) - read(first) * 3).sum().value() == 0)
        #expect(try (read(second) + read(first)).sum().value() == 4 * 1999 * 1000)
        let integers = { (path: String) in try bach.readCSV(path, header: nil).series("0", as: Int64.self) }
        let difference = try integers(first) * 3 - integers(second)
        #expect(try difference.min().value() == 0 && difference.max().value() == 0)
    }

    @Test func aReadFeedingTheDeviceIsBatchedByItsTransfers() throws {
        let path = temporaryFile((0..<20_000).map { "\($0 % 1000).5" }.joined(separator: "\n") + "\n")
        defer { unlink(path) }
        // Plenty of device memory: only the bytes each batch moves to the device (8 per row here,
        // parsed on the host) bound the batches, so that parsing overlaps with the device's work.
        let bach = Bach(
            device: try SimulatedDevice(memory: 1 << 30),
            options: Bach.Options(deviceBatchTransferBytes: 1 << 16)
        )
        let total = try bach.readCSV(path, header: nil).series("0", as: Double.self).sum().value()
        #expect(total == 20 * (499_500 + 500))
        #expect(bach.counters.stages[0].batches == 3, "\(bach.counters.stages)")
    }

    @Test func errorsAreRaisedWhenTheReadIsRecorded() throws {
        let bach = Bach()
        #expect {
            try bach.readCSV("/nonexistent/bach-frames.csv")
        } throws: { error in
            guard case CSVError.cannotOpen(let path, _) = error else { return false }
            return path == "/nonexistent/bach-frames.csv"
        }
        let path = temporaryFile("a,b\n1,2\n3,x\n")
        defer { unlink(path) }
        #expect(throws: CSVError.badValue(line: 3, column: 2, expected: "an integer", found: "x")) {
            try bach.readCSV(path, types: ["b": .int64])
        }
        let frame = try bach.readCSV(path)
        #expect(
            throws: FrameError.typeMismatch(
                operation: "series(\"b\")", expected: "a column of float64", found: "string")
        ) {
            try frame.series("b", as: Double.self)
        }
        #expect(throws: FrameError.unknownColumn(operation: "series", name: "c", available: ["a", "b"])) {
            try frame.series("c", as: Double.self)
        }
    }

    @Test func aFrameInMemoryIsLazyToo() throws {
        let frame = try readCSV(text: Self.text, types: ["price": .float64])
        let bach = Bach(
            device: try SimulatedDevice(memory: 64 << 20), options: Bach.Options(maximumDeviceBatch: 512))
        let lazy = bach.lazy(frame)
        #expect(try lazy.value() == frame)
        let price = try lazy.series("price", as: Double.self)
        #expect(close(try price.mean().value(), try frame.series("price", as: Double.self).mean()))
    }
}
