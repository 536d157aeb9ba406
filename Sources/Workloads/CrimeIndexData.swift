import NDArrays

#if canImport(Glibc)
    import Glibc
#endif

/// The files crime_index reads: one column of integers per file, no header, one city per line,
/// written when absent (not timed) into `<data directory>/crime_index/`.
///
/// The seed's data repeats one value per file (`500000`, `250000`, `1000`); `random` data varies
/// every city (and writes `NA`, which reads as missing, in about 1% of the lines; an empty line would
/// be skipped, as pandas skips blank lines) so that every
/// branch of the program and the skipping of missing values are checked.
struct CrimeIndexData {
    let size: Int
    let random: Bool
    let directory: String

    /// The three files' paths, in `CrimeIndex.columns` order.
    var paths: [String] {
        CrimeIndex.columns.map { "\(directory)/crime_index/\($0)_\(size)\(random ? "_random" : "").csv" }
    }

    /// Writes the files that do not exist yet; returns whether it wrote any.
    @discardableResult
    func ensure() throws(DataFileError) -> Bool {
        var wrote = false
        for (column, path) in paths.enumerated() where access(path, F_OK) != 0 {
            for folder in [directory, "\(directory)/crime_index"]
            where mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw DataFileError(path: folder, reason: String(cString: strerror(errno)))
            }
            try writeFile(column, to: path)
            wrote = true
        }
        return wrote
    }

    /// The values of column `column` in order (nil where the file says `NA`), generated one at a
    /// time as the files hold them, so that no column is ever whole in memory.
    func values(_ column: Int) -> ColumnValues {
        ColumnValues(column: column, random: random, count: size)
    }

    /// Writes a file through a temporary name, so that an interrupted write leaves no partial file.
    private func writeFile(_ column: Int, to path: String) throws(DataFileError) {
        let temporary = path + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DataFileError(path: temporary, reason: String(cString: strerror(errno)))
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        var failure: DataFileError?
        func flush() {
            var written = 0
            while written < buffer.count && failure == nil {
                let result = buffer.withUnsafeBytes {
                    write(descriptor, $0.baseAddress! + written, $0.count - written)
                }
                if result < 0 {
                    failure = DataFileError(path: temporary, reason: String(cString: strerror(errno)))
                } else {
                    written += result
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
        if random {
            for value in values(column) where failure == nil {
                buffer += Array((value.map { String(Int($0)) } ?? "NA").utf8)
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= 1 << 22 { flush() }
            }
        } else {
            let line = Array("\(Int(CrimeIndex.seedValues[column]))\n".utf8)
            let linesPerBlock = (1 << 22) / line.count
            let block = (0..<linesPerBlock).flatMap { _ in line }
            var remaining = size
            while remaining > 0 && failure == nil {
                let lines = Swift.min(remaining, linesPerBlock)
                buffer += block.prefix(lines * line.count)
                flush()
                remaining -= lines
            }
        }
        flush()
        close(descriptor)
        if let failure { throw failure }
        guard rename(temporary, path) == 0 else {
            throw DataFileError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// A data file that could not be written.
public struct DataFileError: Error, CustomStringConvertible {
    /// The file or folder.
    public let path: String
    /// What the system said.
    public let reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}

/// The values of one column of the data, generated one at a time.
struct ColumnValues: Sequence, IteratorProtocol {
    private var generator: SplitMix64
    private var remaining: Int
    private let constant: Double?
    private let scale: UInt64

    init(column: Int, random: Bool, count: Int) {
        generator = SplitMix64(seed: UInt64(column + 1) &* 0x9E37_79B9)
        remaining = count
        constant = random ? nil : CrimeIndex.seedValues[column]
        scale = UInt64([1_000_000, 500_000, 2000][column])
    }

    mutating func next() -> Double?? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        if let constant { return .some(constant) }
        let draw = generator.next()
        return .some(draw % 100 == 0 ? nil : Double((draw >> 8) % scale))
    }
}

extension BenchmarkConfiguration {
    /// Where benchmarks keep the data files they write: `$BACH_DATA` when set, else `.build-data`
    /// in the current directory (the package, when run with `swift run`; git-ignored).
    public static var defaultDataDirectory: String {
        getenv("BACH_DATA").map { String(cString: $0) } ?? ".build-data"
    }
}
