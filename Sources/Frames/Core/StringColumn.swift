import NDArrays

/// The values of a text column, stored as Apache Arrow stores strings: all the UTF-8 bytes in one
/// buffer and `count + 1` offsets, string `i` being `bytes[offsets[i]..<offsets[i + 1]]`.
///
/// Two buffers instead of one `String` per row: building a column from a CSV file is two copies,
/// slicing rows shares both buffers in O(1), and a GPU library can upload the column as it is.
public struct StringColumn: Sendable, Equatable {
    /// Byte offsets into `bytes`, one more than there are strings, non-decreasing.
    public let offsets: NDArray<Int64>
    /// The UTF-8 bytes of the strings, one after another.
    public let bytes: [UInt8]

    /// A column of the given strings.
    public init(_ strings: [String]) {
        var bytes: [UInt8] = []
        var offsets: [Int64] = [0]
        offsets.reserveCapacity(strings.count + 1)
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            offsets.append(Int64(bytes.count))
        }
        self.init(offsets: NDArray(offsets), bytes: bytes)
    }

    /// A column over existing buffers; throws unless the offsets are `count + 1` non-decreasing
    /// positions within `bytes` and every string is valid UTF-8.
    public init(validatingOffsets offsets: NDArray<Int64>, bytes: [UInt8]) throws(FrameError) {
        let scalars = offsets.scalars
        guard offsets.rank == 1, let first = scalars.first, first >= 0, let last = scalars.last,
            last <= bytes.count, zip(scalars, scalars.dropFirst()).allSatisfy({ $0 <= $1 })
        else {
            throw .invalidArgument(
                operation: "StringColumn", expected: "non-decreasing offsets within 0...\(bytes.count)",
                found: "\(offsets)")
        }
        let column = StringColumn(offsets: offsets, bytes: bytes)
        for i in 0..<column.count where column.withUTF8(i, { String(validating: $0, as: UTF8.self) }) == nil {
            throw .invalidArgument(
                operation: "StringColumn", expected: "UTF-8 text", found: "invalid bytes in row \(i)")
        }
        self = column
    }

    init(offsets: NDArray<Int64>, bytes: [UInt8]) {
        self.offsets = offsets
        self.bytes = bytes
    }

    /// The number of strings.
    public var count: Int { offsets.count - 1 }

    /// String `index`.
    public subscript(index: Int) -> String {
        withUTF8(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of string `index`, without making a `String`.
    public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    /// The strings, in order.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Strings `range`, sharing both buffers.
    public func slice(_ range: Range<Int>) -> StringColumn {
        StringColumn(offsets: offsets[range.lowerBound..<(range.upperBound + 1)], bytes: bytes)
    }

    /// Builds a column by appending each row's bytes through `body`, which gets a writer for the
    /// row and its index.
    static func build(count: Int, _ body: (Int, inout [UInt8]) -> Void) -> StringColumn {
        var bytes: [UInt8] = []
        var offsets = NDArray<Int64>.empty([count + 1])
        offsets.withUnsafeMutableBufferPointer { target in
            target[0] = 0
            for row in 0..<count {
                body(row, &bytes)
                target[row + 1] = Int64(bytes.count)
            }
        }
        return StringColumn(offsets: offsets, bytes: bytes)
    }

    /// Same strings in the same order (the buffers may differ: a slice equals its copy).
    public static func == (a: StringColumn, b: StringColumn) -> Bool {
        a.count == b.count
            && (0..<a.count).allSatisfy { i in
                a.withUTF8(i) { x in b.withUTF8(i) { y in x.elementsEqual(y) } }
            }
    }
}

extension String: FrameScalar {
    public typealias Values = StringColumn
    public static var frameType: FrameType { .string }
    public static var _placeholder: String { "" }
    public static func _count(_ values: StringColumn) -> Int { values.count }
    public static func _element(_ values: StringColumn, _ index: Int) -> String { values[index] }
    public static func _values(_ elements: [String]) -> StringColumn { StringColumn(elements) }
    public static func _slice(_ values: StringColumn, _ range: Range<Int>) -> StringColumn {
        values.slice(range)
    }

    public static func _take(_ values: StringColumn, _ indices: [Int]) -> StringColumn {
        StringColumn.build(count: indices.count) { row, bytes in
            if indices[row] >= 0 { values.withUTF8(indices[row]) { bytes.append(contentsOf: $0) } }
        }
    }

    public static func _filter(_ values: StringColumn, _ keep: NDArray<Bool>) -> StringColumn {
        let flags = keep.scalars
        return _take(values, flags.indices.filter { flags[$0] })
    }

    public static func _concatenate(_ parts: [StringColumn]) -> StringColumn {
        guard parts.count != 1 else { return parts[0] }
        let total = parts.reduce(0) { $0 + $1.count }
        var part = 0
        var row = 0
        return StringColumn.build(count: total) { _, bytes in
            while row == parts[part].count {
                part += 1
                row = 0
            }
            parts[part].withUTF8(row) { bytes.append(contentsOf: $0) }
            row += 1
        }
    }

    public static func _normalize(_ values: StringColumn, _ validity: NDArray<Bool>?) -> (
        StringColumn, NDArray<Bool>?
    ) {
        guard let validity else { return (values, nil) }
        return (values, validity.withUnsafeBufferPointer { $0.allSatisfy { $0 } } ? nil : validity)
    }

    public static func _less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    public static func _select(
        _ replace: NDArray<Bool>, _ other: StringColumn, into values: inout StringColumn
    ) {
        let flags = replace.scalars
        let old = values
        values = StringColumn.build(count: old.count) { row, bytes in
            let source = flags[row] ? other : old
            source.withUTF8(other.count == 1 && flags[row] ? 0 : row) { bytes.append(contentsOf: $0) }
        }
    }

    /// Strings compare by their UTF-8 bytes, which orders them by code points as Python does.
    public static func _compare(_ op: BinaryOperation, _ a: StringColumn, _ b: StringColumn) -> NDArray<Bool>
    {
        var out = NDArray<Bool>.empty([a.count])
        out.withUnsafeMutableBufferPointer { target in
            for row in 0..<a.count {
                let order = a.withUTF8(row) { x in
                    b.withUTF8(b.count == 1 ? 0 : row) { y in
                        x.elementsEqual(y) ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
                    }
                }
                switch op {
                case .less: target[row] = order < 0
                case .lessEqual: target[row] = order <= 0
                case .greater: target[row] = order > 0
                case .greaterEqual: target[row] = order >= 0
                case .equal: target[row] = order == 0
                case .notEqual: target[row] = order != 0
                default: preconditionFailure("\(op) is not a comparison")
                }
            }
        }
        return out
    }

    public static func _column(_ series: Series<String>) -> Column { .string(series) }
}
