import NDArrays

/// A `FrameScalar` whose values live in an `NDArray`: `Double`, `Int64` and `Bool`.
public protocol FrameArrayScalar: FrameScalar, NDScalar where Values == NDArray<Self> {}

/// A numeric `FrameScalar`: `Double` and `Int64`.
public protocol FrameNumeric: FrameArrayScalar, NDNumeric {}

extension FrameArrayScalar {
    public static func _count(_ values: NDArray<Self>) -> Int { values.count }

    public static func _element(_ values: NDArray<Self>, _ index: Int) -> Self { values[index] }

    public static func _values(_ elements: [Self]) -> NDArray<Self> { NDArray(elements) }

    public static func _slice(_ values: NDArray<Self>, _ range: Range<Int>) -> NDArray<Self> { values[range] }

    public static func _take(_ values: NDArray<Self>, _ indices: [Int]) -> NDArray<Self> {
        var out = NDArray<Self>.empty([indices.count])
        values.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for (i, index) in indices.enumerated() {
                    target[i] = index >= 0 ? source[index] : _placeholder
                }
            }
        }
        return out
    }

    public static func _filter(_ values: NDArray<Self>, _ keep: NDArray<Bool>) -> NDArray<Self> {
        let kept = keep.withUnsafeBufferPointer { flags in flags.reduce(0) { $0 + ($1 ? 1 : 0) } }
        var out = NDArray<Self>.empty([kept])
        guard kept > 0 else { return out }
        values.withUnsafeBufferPointer { source in
            keep.withUnsafeBufferPointer { flags in
                out.withUnsafeMutableBufferPointer { target in
                    var j = 0
                    for i in 0..<source.count {
                        target[j] = source[i]
                        j &+= flags[i] ? 1 : 0
                        if j == kept { break }
                    }
                }
            }
        }
        return out
    }

    public static func _concatenate(_ parts: [NDArray<Self>]) -> NDArray<Self> {
        guard parts.count != 1 else { return parts[0] }
        return (try? concatenate(parts)) ?? NDArray<Self>.empty([0])
    }

    public static func _normalize(_ values: NDArray<Self>, _ validity: NDArray<Bool>?) -> (
        NDArray<Self>, NDArray<Bool>?
    ) {
        guard let validity else { return (values, nil) }
        let allPresent = validity.withUnsafeBufferPointer { $0.allSatisfy { $0 } }
        return (values, allPresent ? nil : validity)
    }
}

extension FrameArrayScalar {
    public static func _select(
        _ replace: NDArray<Bool>, _ other: NDArray<Self>, into values: inout NDArray<Self>
    ) {
        var buffer = NDArray<Self>.empty([0])
        swap(&buffer, &values)
        trapping { () throws(NDArrayError) in try `where`(replace, other, buffer, out: &buffer) }
        values = buffer
    }
}

extension FrameNumeric {
    public static func _compare(_ op: BinaryOperation, _ a: NDArray<Self>, _ b: NDArray<Self>) -> NDArray<
        Bool
    > {
        trapping { () throws(NDArrayError) -> NDArray<Bool> in try apply(op, a, b) }
    }
}

extension Double: FrameNumeric {
    public static var frameType: FrameType { .float64 }
    public static var _placeholder: Double { .nan }
    public static func _isMissing(_ value: Double) -> Bool { value.isNaN }
    public static func _less(_ a: Double, _ b: Double) -> Bool { a < b }

    public static func _normalize(_ values: NDArray<Double>, _ validity: NDArray<Bool>?) -> (
        NDArray<Double>, NDArray<Bool>?
    ) {
        guard let validity else { return (values, nil) }
        return ((try? `where`(validity, values, Double.nan)) ?? values, nil)
    }

    public static func _column(_ series: Series<Double>) -> Column { .float64(series) }
}

extension Int64: FrameNumeric {
    public static var frameType: FrameType { .int64 }
    public static var _placeholder: Int64 { 0 }
    public static func _less(_ a: Int64, _ b: Int64) -> Bool { a < b }
    public static func _column(_ series: Series<Int64>) -> Column { .int64(series) }
}

extension Bool: FrameArrayScalar {
    public static var frameType: FrameType { .bool }
    public static var _placeholder: Bool { false }
    public static func _less(_ a: Bool, _ b: Bool) -> Bool { !a && b }

    /// Booleans order false before true; the comparison is computed from `a != b` and `b`.
    public static func _compare(_ op: BinaryOperation, _ a: NDArray<Bool>, _ b: NDArray<Bool>) -> NDArray<
        Bool
    > {
        trapping { () throws(NDArrayError) -> NDArray<Bool> in
            let differ = try logicalXor(a, b)
            switch op {
            case .notEqual: return differ
            case .equal: return logicalNot(differ)
            case .less: return try logicalAnd(differ, b)
            case .greater: return try logicalAnd(differ, a)
            case .lessEqual: return try logicalOr(logicalNot(differ), b)
            case .greaterEqual: return try logicalOr(logicalNot(differ), a)
            default: preconditionFailure("\(op) is not a comparison")
            }
        }
    }
    public static func _column(_ series: Series<Bool>) -> Column { .bool(series) }
}
