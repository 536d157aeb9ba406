#if canImport(Glibc)
    import Glibc
#endif

/// The folder of results files (`results/` by default), as the seed's `run_all.sh` keeps them: one
/// file per benchmark and mode, `<benchmark>_<mode>.jsonl`, one JSON line per run, appended as
/// runs finish so that an interrupted sweep keeps what it measured. Peer results sit beside them as
/// `peers_*.jsonl`; the report reads every `.jsonl` file in the folder.
public struct ResultsFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// The folder at `path` (relative to the working directory, or absolute); nothing is created
    /// until something is written.
    public init(path: String) {
        self.path = path
    }

    /// The file of our runs of `benchmark` in `mode`.
    public func file(_ benchmark: Benchmark, _ mode: Mode) -> String {
        path + "/" + benchmark.name + "_" + mode.rawValue + ".jsonl"
    }

    /// The paths of the `.jsonl` files in the folder, sorted by name.
    public func files() throws(ResultsError) -> [String] {
        guard let directory = opendir(path) else { throw .cannotRead(path: path, reason: Self.reason()) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".jsonl") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted().map { path + "/" + $0 }
    }

    /// The records of `file` (none if it does not exist), and one warning per line that is not a
    /// record, naming the file, the line and what was wrong; blank lines are ignored.
    public func records(in file: String) throws(ResultsError) -> (records: [ResultRecord], warnings: [String])
    {
        guard let text = try Self.contents(of: file) else { return ([], []) }
        var records: [ResultRecord] = []
        var warnings: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            do {
                records.append(try ResultRecord(line: trimmed))
            } catch {
                warnings.append("\(file):\(index + 1): skipped, \(error)")
            }
        }
        return (records, warnings)
    }

    /// Appends `line` and a newline to `file`, creating the folder and the file if needed. A file
    /// whose last line was cut short (an interrupted run) gets a newline first, so that the new line
    /// stays whole.
    public func append(_ line: String, to file: String) throws(ResultsError) {
        try create()
        let descriptor = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: file, reason: Self.reason()) }
        defer { close(descriptor) }
        var status = stat()
        var last: UInt8 = UInt8(ascii: "\n")
        if fstat(descriptor, &status) == 0, status.st_size > 0 {
            let reader = open(file, O_RDONLY | O_CLOEXEC)
            if reader >= 0 {
                _ = pread(reader, &last, 1, off_t(status.st_size - 1))
                close(reader)
            }
        }
        let bytes = Array(((last == UInt8(ascii: "\n") ? "" : "\n") + line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .cannotWrite(path: file, reason: Self.reason()) }
    }

    /// Creates the folder and its parents if they do not exist.
    public func create() throws(ResultsError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                throw .cannotWrite(path: path, reason: Self.reason())
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: path, reason: "expected a folder, found a file")
        }
    }

    /// Writes `text` to `file` in the folder, replacing it (through a temporary file and a rename,
    /// so that a reader never sees half a chart).
    public func write(_ text: String, to file: String) throws(ResultsError) {
        try create()
        let temporary = file + ".\(getpid()).tmp"
        guard let handle = fopen(temporary, "wb") else {
            throw .cannotWrite(path: file, reason: Self.reason())
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, handle)
        let closed = fclose(handle)
        guard written == bytes.count, closed == 0, rename(temporary, file) == 0 else {
            let reason = Self.reason()
            unlink(temporary)
            throw .cannotWrite(path: file, reason: reason)
        }
    }

    /// The text of `file`, or nil if it does not exist.
    private static func contents(of file: String) throws(ResultsError) -> String? {
        guard let handle = fopen(file, "rb") else {
            if errno == ENOENT { return nil }
            throw .cannotRead(path: file, reason: reason())
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, handle)
            bytes.append(contentsOf: chunk[0..<count])
            if count < chunk.count { break }
        }
        guard ferror(handle) == 0 else { throw .cannotRead(path: file, reason: "read error") }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}

/// Why results could not be read or written.
public enum ResultsError: Error, Equatable, CustomStringConvertible {
    /// A folder or file could not be read.
    case cannotRead(path: String, reason: String)
    /// A folder or file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A line is not a result record; the text says what was expected and found.
    case malformedLine(String)

    /// The path and the system's reason, or the line's problem.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .malformedLine(let problem): problem
        }
    }
}
