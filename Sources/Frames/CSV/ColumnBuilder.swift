#if canImport(Glibc)
    import Glibc
#endif

/// What the fields of one column of one chunk have turned out to be so far.
enum ColumnKind: UInt8, Sendable {
    /// Only missing values so far.
    case undecided
    case bool, integer, float, string

    /// The kind a column has when one part of it is `self` and another `other`, pandas' rules:
    /// integers and floats make floats, booleans mixed with numbers and anything mixed with text
    /// make text, and parts with only missing values take the other part's kind.
    func joined(with other: ColumnKind) -> ColumnKind {
        switch (self, other) {
        case (.undecided, _): other
        case (_, .undecided): self
        case _ where self == other: self
        case (.integer, .float), (.float, .integer): .float
        default: .string
        }
    }

    /// What a field of this kind must be, for error messages.
    var expectation: String {
        switch self {
        case .integer: "an integer"
        case .float: "a number"
        case .bool: "True or False"
        case .undecided, .string: "text"
        }
    }

    /// The kind a column fixed to `type` is parsed as.
    init(_ type: FrameType) {
        switch type {
        case .float64: self = .float
        case .int64: self = .integer
        case .bool: self = .bool
        case .string: self = .string
        }
    }
}

/// How one column is parsed: its type inferred from the fields, or fixed.
struct ColumnSpec: Sendable, Equatable {
    /// The fixed type, or nil to infer it.
    var type: FrameType?
    /// Whether a missing field is allowed (pandas refuses them in explicit int64 and bool columns).
    var missingAllowed: Bool

    /// A column whose type is inferred.
    static let inferred = ColumnSpec(type: nil, missingAllowed: true)
}

/// What appending one field to a column came to.
enum AppendStatus {
    case ok
    /// The field is not a value of the inferred kind, and earlier values need their text back:
    /// the chunk must be parsed again with this column as text.
    case needsString
    /// The field is not a value of the fixed type, of kind `expected`.
    case invalid(expected: ColumnKind)
}

/// The values of one column of one chunk as they are parsed, in a growable buffer of 8-byte slots
/// (`Int64` or `Double` bits, 0/1 for booleans, end offsets into `text` for strings) and a byte per
/// row marking missing values, allocated at the first missing value.
///
/// A builder that does not store (`storing == false`) only follows the column's kind: that is how
/// an index of a file larger than memory learns the column types.
struct ColumnBuilder {
    private(set) var kind: ColumnKind
    let fixed: Bool
    let missingAllowed: Bool
    let storing: Bool
    private(set) var count = 0
    private(set) var missingCount = 0
    private var capacity: Int
    private(set) var slots: UnsafeMutablePointer<UInt64>?
    /// Whether `slots` is this builder's own buffer rather than a region of the final column.
    private(set) var ownsSlots = true
    private(set) var missing: UnsafeMutablePointer<Bool>?
    private(set) var text: UnsafeMutablePointer<UInt8>?
    private(set) var textCount = 0
    private var textCapacity = 0
    /// Rows whose integer was written "-0" (or "-00"…): 0 as an integer, and -0.0 when a float
    /// elsewhere in the column makes pandas read every field as a float again (a column that
    /// turns float only for missing values converts its integers, and keeps 0.0).
    private(set) var negativeZeros = Set<Int>()
    /// The text buffer's first size: the bytes of the chunk, which bound its text.
    private let textReserve: Int

    /// A builder for about `expectedRows` rows. With `region`, values are written straight into
    /// that part of the final column's buffer while they fit in it, saving a copy (and the page
    /// faults of a buffer of their own); past its capacity they move to a buffer of their own.
    init(
        _ spec: ColumnSpec, storing: Bool, expectedRows: Int, expectedTextBytes: Int = 0,
        region: (base: UnsafeMutablePointer<UInt64>, capacity: Int)? = nil
    ) {
        kind = spec.type.map(ColumnKind.init) ?? .undecided
        fixed = spec.type != nil
        missingAllowed = spec.missingAllowed
        self.storing = storing
        // Text is at most the chunk's bytes: room for it is reserved (not touched) up front.
        textReserve = storing ? expectedTextBytes : 0
        if storing, let region {
            slots = region.base
            capacity = region.capacity
            ownsSlots = false
        } else {
            capacity = storing ? Swift.max(16, expectedRows) : 0
            if storing { slots = ChunkMemory.allocate(capacity * 8).assumingMemoryBound(to: UInt64.self) }
        }
    }

    /// Frees the buffers.
    func release() {
        if ownsSlots { free(slots) }
        free(missing)
        free(text)
    }

    /// Appends an integer to a column whose kind is `.integer` or `.undecided` (the tokenizer's
    /// fast path for short decimal fields).
    @inline(__always)
    mutating func appendInteger(_ value: Int64) {
        kind = .integer
        push(UInt64(bitPattern: value))
    }

    /// Appends an integer to a column whose kind is already `.integer`.
    @inline(__always)
    mutating func pushInteger(_ value: Int64) {
        push(UInt64(bitPattern: value))
    }

    /// Calls `body` with the slots of an integer column, its count, and the room left, and
    /// takes the count `body` returns: for a loop that appends many integers with the count in
    /// a register. A builder that does not store passes no slots and no room.
    @inline(__always)
    mutating func appendingIntegers(_ body: (UnsafeMutablePointer<UInt64>?, Int, Int) -> Int) {
        if storing && count == capacity { grow() }
        count = body(storing ? slots : nil, count, storing ? capacity - count : .max)
    }

    /// Appends the field `text[0..<length]`, whose quotes (if any) are already removed.
    mutating func append(
        _ field: UnsafePointer<UInt8>, _ length: Int, markers: MissingMarkers
    ) -> AppendStatus {
        // A field that reads as a value is a missing-value marker only if some marker reads as
        // a value (not so for pandas' defaults): most fields skip the lookup.
        func isMissing(readsAsValue: Bool) -> Bool {
            (!readsAsValue || markers.includesValue) && markers.contains(field, length)
        }
        switch kind {
        case .integer:
            if let value = parseInteger(field, length) {
                if isMissing(readsAsValue: true) { return appendMissing() }
                if value == 0 { noteZero(field, length) }
                push(UInt64(bitPattern: value))
                return .ok
            }
            if isMissing(readsAsValue: false) { return appendMissing() }
            if fixed { return .invalid(expected: .integer) }
            guard let value = parseDouble(field, length) else { return textNeeded(field, length) }
            convertToFloat()
            push(value.bitPattern)
        case .float:
            if let value = parseDouble(field, length) {
                if isMissing(readsAsValue: true) { return appendMissing() }
                push(value.bitPattern)
                return .ok
            }
            if isMissing(readsAsValue: false) { return appendMissing() }
            if fixed { return .invalid(expected: .float) }
            return textNeeded(field, length)
        case .bool:
            if let value = parseBool(field, length) {
                if isMissing(readsAsValue: true) { return appendMissing() }
                push(value ? 1 : 0)
                return .ok
            }
            if isMissing(readsAsValue: false) { return appendMissing() }
            if fixed { return .invalid(expected: .bool) }
            return textNeeded(field, length)
        case .string:
            if markers.contains(field, length) { return appendMissing() }
            pushText(field, length)
        case .undecided:
            if markers.contains(field, length) { return appendMissing() }
            if let value = parseInteger(field, length) {
                kind = .integer
                if value == 0 { noteZero(field, length) }
                push(UInt64(bitPattern: value))
            } else if let value = parseDouble(field, length) {
                kind = .float
                push(value.bitPattern)
            } else if let value = parseBool(field, length) {
                kind = .bool
                push(value ? 1 : 0)
            } else {
                kind = .string
                pushText(field, length)
            }
        }
        return .ok
    }

    /// Appends a missing value (an empty or NA field, or a field the row does not have).
    mutating func appendMissing() -> AppendStatus {
        guard missingAllowed else {
            return .invalid(expected: kind)
        }
        if storing {
            if missing == nil {
                missing = ChunkMemory.allocate(capacity).assumingMemoryBound(to: Bool.self)
                missing!.initialize(repeating: false, count: capacity)
            }
            missing![count] = true
        }
        missingCount += 1
        push(kind == .string ? UInt64(textCount) : 0)
        return .ok
    }

    @inline(__always)
    private mutating func push(_ bits: UInt64) {
        if storing {
            if count == capacity { grow() }
            slots.unsafelyUnwrapped[count] = bits
        }
        count &+= 1
    }

    private mutating func pushText(_ field: UnsafePointer<UInt8>, _ length: Int) {
        if storing {
            if textCount + length > textCapacity {
                textCapacity = Swift.max(textCount + length, textCapacity * 2, textReserve, 4096)
                text = ChunkMemory.grow(text, keeping: textCount, to: textCapacity).assumingMemoryBound(
                    to: UInt8.self)
            }
            (text! + textCount).update(from: field, count: length)
        }
        textCount += length
        push(UInt64(textCount))
    }

    /// A field that fits no kind but text: switches to text when nothing read so far needs its
    /// text back (all missing, or nothing stored), else asks for the chunk to be parsed again.
    private mutating func textNeeded(_ field: UnsafePointer<UInt8>, _ length: Int) -> AppendStatus {
        guard !storing else { return .needsString }
        kind = .string
        pushText(field, length)
        return .ok
    }

    /// Records the current row if the zero `field` has a minus sign.
    private mutating func noteZero(_ field: UnsafePointer<UInt8>, _ length: Int) {
        if UnsafeBufferPointer(start: field, count: length).contains(ASCII.minus) {
            negativeZeros.insert(count)
        }
    }

    /// The double an integer slot stands for; -0.0 for the rows in `negativeZeros` when the
    /// column holds floats (`fromText`).
    func integerAsDouble(_ row: Int, _ bits: UInt64, fromText: Bool) -> Double {
        fromText && bits == 0 && negativeZeros.contains(row) ? -0.0 : Double(Int64(bitPattern: bits))
    }

    /// Rewrites the integers read so far as doubles (pandas: a float makes an integer column float).
    private mutating func convertToFloat() {
        kind = .float
        guard storing, let slots else { return }
        for i in 0..<count where missing?[i] != true {
            slots[i] = integerAsDouble(i, slots[i], fromText: true).bitPattern
        }
        negativeZeros = []
    }

    private mutating func grow() {
        let old = capacity
        capacity = Swift.max(16, capacity * 2)
        let grown = ChunkMemory.allocate(capacity * 8).assumingMemoryBound(to: UInt64.self)
        if let slots { grown.update(from: slots, count: count) }
        if ownsSlots { free(slots) }
        slots = grown
        ownsSlots = true
        if let missing {
            let more = ChunkMemory.grow(missing, keeping: old, to: capacity).assumingMemoryBound(
                to: Bool.self)
            (more + old).initialize(repeating: false, count: capacity - old)
            self.missing = more
        }
    }
}
