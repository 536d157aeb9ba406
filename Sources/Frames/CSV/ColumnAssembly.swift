import NDArrays

/// The type a parsed column ends up with, by pandas' inference rules: integers with a missing
/// value become float64 (NaN), a column with no value at all is float64 (string when it has no
/// rows, pandas' `object`), booleans keep missing values in a mask.
func finalType(_ kind: ColumnKind, spec: ColumnSpec, hasMissing: Bool, rows: Int) -> FrameType {
    if let type = spec.type { return type }
    switch kind {
    case .undecided: return rows == 0 ? .string : .float64
    case .integer: return hasMissing ? .float64 : .int64
    case .float: return .float64
    case .bool: return .bool
    case .string: return .string
    }
}

/// Joins the chunks' builders into one column per name: the buffer they wrote into when that is
/// the whole column already, else a copy of each chunk's part, made in parallel.
func assembleColumns(
    _ chunks: [ParsedChunk], regions: ColumnRegions? = nil, names: [String], specs: [ColumnSpec]
) -> [Column] {
    var rowBase = [0]
    for chunk in chunks { rowBase.append(rowBase.last! + chunk.rows) }
    let rows = rowBase.last!
    let kinds = DocumentParser.joinedKinds(chunks, columns: names.count)
    return names.indices.map { column in
        let hasMissing = chunks.contains { $0.builders[column].missingCount > 0 }
        let type = finalType(kinds[column], spec: specs[column], hasMissing: hasMissing, rows: rows)
        let parts = ColumnParts(chunks: chunks, column: column, rowBase: rowBase)
        let name = names[column]
        let fromText = kinds[column] == .float
        if let column = regions?.inPlace(column, chunks, type: type, fromText: fromText) {
            return column.renamed(name)
        }
        switch type {
        case .float64: return .float64(Series(unchecked: name, parts.doubles(rows, fromText: fromText), nil))
        case .int64: return .int64(Series(unchecked: name, parts.integers(rows), nil))
        case .bool:
            return .bool(
                Series(unchecked: name, parts.booleans(rows), hasMissing ? parts.validity(rows) : nil))
        case .string:
            return .string(
                Series(unchecked: name, parts.strings(rows), hasMissing ? parts.validity(rows) : nil))
        }
    }
}

/// One column's builders across chunks, and where each chunk's rows go.
private struct ColumnParts {
    let chunks: [ParsedChunk]
    let column: Int
    let rowBase: [Int]

    /// Fills a new array of `rows` elements, each chunk's part on its own thread.
    private func fill<S: NDScalar>(
        _ rows: Int, _ body: (ColumnBuilder, UnsafeMutablePointer<S>) -> Void
    ) -> NDArray<S> {
        var out = NDArray<S>.empty([rows])
        out.withUnsafeMutableBufferPointer { target in
            guard let base = target.baseAddress else { return }
            Parallelism.forEachTask(chunks.count) { index in
                body(chunks[index].builders[column], base + rowBase[index])
            }
        }
        return out
    }

    /// The values as doubles; `fromText` as in `ColumnBuilder.integerAsDouble`.
    func doubles(_ rows: Int, fromText: Bool) -> NDArray<Double> {
        fill(rows) { builder, target in
            let missing = builder.missing
            for i in 0..<builder.count {
                if let missing, missing[i] {
                    target[i] = .nan
                    continue
                }
                let bits = builder.slots.unsafelyUnwrapped[i]
                switch builder.kind {
                case .integer: target[i] = builder.integerAsDouble(i, bits, fromText: fromText)
                case .float: target[i] = Double(bitPattern: bits)
                default: target[i] = .nan
                }
            }
        }
    }

    func integers(_ rows: Int) -> NDArray<Int64> {
        fill(rows) { builder, target in
            guard builder.count > 0 else { return }
            UnsafeMutableRawPointer(target).copyMemory(from: builder.slots!, byteCount: builder.count * 8)
        }
    }

    func booleans(_ rows: Int) -> NDArray<Bool> {
        fill(rows) { builder, target in
            for i in 0..<builder.count { target[i] = builder.kind == .bool && builder.slots![i] != 0 }
        }
    }

    func validity(_ rows: Int) -> NDArray<Bool> {
        fill(rows) { builder, target in
            guard let missing = builder.missing else {
                target.update(repeating: true, count: builder.count)
                return
            }
            for i in 0..<builder.count { target[i] = !missing[i] }
        }
    }

    func strings(_ rows: Int) -> StringColumn {
        var textBase = [0]
        for chunk in chunks { textBase.append(textBase.last! + chunk.builders[column].textCount) }
        let offsets: NDArray<Int64> = {
            var out = NDArray<Int64>.empty([rows + 1])
            out.withUnsafeMutableBufferPointer { target in
                target[0] = 0
                let base = target.baseAddress! + 1
                Parallelism.forEachTask(chunks.count) { index in
                    let builder = chunks[index].builders[column]
                    let shift = Int64(textBase[index])
                    for i in 0..<builder.count {
                        base[rowBase[index] + i] =
                            shift + Int64(builder.kind == .string ? builder.slots![i] : 0)
                    }
                }
            }
            return out
        }()
        let bytes = [UInt8](unsafeUninitializedCapacity: textBase.last!) { buffer, initialized in
            if let base = buffer.baseAddress {
                Parallelism.forEachTask(chunks.count) { index in
                    let builder = chunks[index].builders[column]
                    if builder.textCount > 0 {
                        (base + textBase[index]).initialize(from: builder.text!, count: builder.textCount)
                    }
                }
            }
            initialized = textBase.last!
        }
        return StringColumn(offsets: offsets, bytes: bytes)
    }
}
