import NDArrays

/// Final column buffers that the chunks of a parse write into directly, one region per chunk.
///
/// Before parsing, the line ends of each chunk are counted (a bound on its rows, exact for
/// documents without quoted line breaks) and a first few rows are parsed to guess each column's
/// type. Numeric columns then get their final `NDArray` at once, and each chunk writes its rows at
/// its offset: when every chunk fills its region exactly, the column is the array itself and no
/// byte is copied. A wrong guess or a region overflowing (quoted line breaks) falls back to a copy.
struct ColumnRegions {
    /// One column's final buffer, typed by the guess.
    enum Storage {
        case int64(NDArray<Int64>)
        case float64(NDArray<Double>)
    }

    /// Per column, the buffer, or nil for columns that are not guessed numeric.
    let storage: [Storage?]
    /// The first row of each chunk's region.
    let bases: [Int]
    /// The rows each chunk's region holds.
    let capacities: [Int]
    /// The first slot of each column's buffer.
    private let pointers: [UnsafeMutablePointer<UInt64>?]

    /// Regions for chunks cut at `cuts`, for the columns `guesses` marks as integer or float.
    init(_ document: CSVDocument, _ layout: CSVLayout, cuts: [Int], guesses: [ColumnKind?]) {
        let chunks = cuts.count - 1
        var capacities = [Int](repeating: 0, count: chunks)
        capacities.withUnsafeMutableBufferPointer { counts in
            Parallelism.forEachTask(chunks) { index in
                counts[index] = count(
                    layout.lineEnd, in: document.bytes, from: cuts[index], to: cuts[index + 1])
            }
        }
        capacities[chunks - 1] += 1
        var bases = [0]
        for capacity in capacities { bases.append(bases.last! + capacity) }
        let total = bases.removeLast()
        var storage: [Storage?] = []
        var pointers: [UnsafeMutablePointer<UInt64>?] = []
        for guess in guesses {
            switch guess {
            case .integer?:
                var array = NDArray<Int64>.empty([total])
                pointers.append(array.withUnsafeMutableBufferPointer { Self.slots($0.baseAddress) })
                storage.append(.int64(array))
            case .float?:
                var array = NDArray<Double>.empty([total])
                pointers.append(array.withUnsafeMutableBufferPointer { Self.slots($0.baseAddress) })
                storage.append(.float64(array))
            default:
                pointers.append(nil)
                storage.append(nil)
            }
        }
        self.storage = storage
        self.bases = bases
        self.capacities = capacities
        self.pointers = pointers
    }

    /// The 8-byte slots of a buffer. The arrays are held by `storage` and never written through
    /// their own API while the chunks write here, so the address stays valid.
    private static func slots<T>(_ base: UnsafeMutablePointer<T>?) -> UnsafeMutablePointer<UInt64>? {
        base.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self) }
    }

    /// Chunk `chunk`'s region of each column (nil where the column has no buffer).
    func regions(chunk: Int) -> [(base: UnsafeMutablePointer<UInt64>, capacity: Int)?] {
        pointers.map { pointer in pointer.map { ($0 + bases[chunk], capacities[chunk]) } }
    }

    /// Column `column` as its final array when every chunk wrote its rows in place and filled its
    /// region (the last one may fall short): the buffer's first `rows` elements, with integers
    /// written by integer chunks into a float buffer converted in place. Nil otherwise.
    func inPlace(_ column: Int, _ chunks: [ParsedChunk], type: FrameType, fromText: Bool) -> Column? {
        guard let storage = storage[column], let pointer = pointers[column] else { return nil }
        for (index, chunk) in chunks.enumerated() {
            let builder = chunk.builders[column]
            guard builder.slots == pointer + bases[index],
                index == chunks.count - 1 || builder.count == capacities[index]
            else { return nil }
        }
        let rows = chunks.reduce(0) { $0 + $1.rows }
        switch (storage, type) {
        case (.int64(let array), .int64):
            return .int64(Series(unchecked: "", array[0..<rows], nil))
        case (.float64(let array), .float64):
            let doubles = UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Double.self)
            Parallelism.forEachTask(chunks.count) { index in
                let builder = chunks[index].builders[column]
                let target = doubles + bases[index]
                for i in 0..<builder.count {
                    if let missing = builder.missing, missing[i] {
                        target[i] = .nan
                    } else if builder.kind == .integer {
                        target[i] = builder.integerAsDouble(i, pointer[bases[index] + i], fromText: fromText)
                    } else if builder.kind != .float {
                        target[i] = .nan
                    }
                }
            }
            return .float64(Series(unchecked: "", array[0..<rows], nil))
        default:
            return nil
        }
    }
}
