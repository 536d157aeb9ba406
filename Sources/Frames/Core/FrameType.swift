import NDArrays

/// The element types a column can have, named as pandas names its dtypes.
public enum FrameType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float64, int64, bool, string

    /// The pandas name, e.g. "float64".
    public var description: String { rawValue }
}

/// An element type of `Series`: `Double`, `Int64`, `Bool` or `String`.
///
/// The underscored requirements are per-type entry points: generic code in Frames reaches a loop
/// compiled for the concrete type through them (one dynamic dispatch per call, never per
/// element). They are not meant to be called directly.
public protocol FrameScalar: Sendable, Hashable, CustomStringConvertible {
    /// How the values of a column of this type are stored: `NDArray<Self>` for numbers and
    /// booleans (so that they can be uploaded to a device or split by rows), `StringColumn` for text.
    associatedtype Values: Sendable
    /// The pandas dtype.
    static var frameType: FrameType { get }
    /// What a missing slot holds (NaN for `Double`; 0, `false` or "" otherwise).
    static var _placeholder: Self { get }
    /// The number of values.
    static func _count(_ values: Values) -> Int
    /// The value at `index`.
    static func _element(_ values: Values, _ index: Int) -> Self
    /// Values from elements.
    static func _values(_ elements: [Self]) -> Values
    /// Rows `range`, sharing storage where the type allows it.
    static func _slice(_ values: Values, _ range: Range<Int>) -> Values
    /// The values at `indices`; an index of -1 gives the placeholder.
    static func _take(_ values: Values, _ indices: [Int]) -> Values
    /// The values whose `keep` entry is true.
    static func _filter(_ values: Values, _ keep: NDArray<Bool>) -> Values
    /// The parts one after another.
    static func _concatenate(_ parts: [Values]) -> Values
    /// Normalises a validity mask: `Double` writes NaN into missing slots and drops the mask (in
    /// pandas a float64 NaN *is* the missing value); other types drop a mask with no missing value.
    static func _normalize(_ values: Values, _ validity: NDArray<Bool>?) -> (Values, NDArray<Bool>?)
    /// `values[i] = replace[i] ? other[i] : values[i]`; `other` has one value (broadcast) or as
    /// many as `values`. Written in place when `values` holds the only reference to its buffer.
    static func _select(_ replace: NDArray<Bool>, _ other: Values, into values: inout Values)
    /// `a[i] op b[i]`; `b` has one value (broadcast) or as many as `a`. NaN compares as IEEE 754
    /// says (only `!=` holds), the placeholder of a missing value as the value it is.
    static func _compare(_ op: BinaryOperation, _ a: Values, _ b: Values) -> NDArray<Bool>
    /// Whether a stored value means "missing" by itself (NaN for `Double`, never otherwise).
    static func _isMissing(_ value: Self) -> Bool
    /// Whether `a` sorts before `b` (numbers by value, false before true, text by code points).
    static func _less(_ a: Self, _ b: Self) -> Bool
    /// Codes for the rows in order of first appearance; `validity` false rows get the code of
    /// a nil unique (missing is one group of its own).
    static func _factorize(_ values: Values, _ validity: NDArray<Bool>?) -> Factorization<Self>
    /// The series as a type-erased column.
    static func _column(_ series: Series<Self>) -> Column
}

/// Rows mapped to distinct values in order of first appearance (pandas' `factorize`, with missing
/// values as a value of their own so that callers choose whether to drop them).
public struct Factorization<Scalar: FrameScalar>: Sendable {
    /// For each row, the index of its value in `uniques`.
    public var codes: [Int]
    /// The distinct values in order of first appearance; nil stands for missing.
    public var uniques: [Scalar?]
}

extension FrameScalar {
    /// Never: only `Double` has values that mean "missing".
    public static func _isMissing(_ value: Self) -> Bool { false }

    /// Factorisation through a dictionary: compiled once per element type, as the default
    /// implementation of a requirement.
    public static func _factorize(_ values: Values, _ validity: NDArray<Bool>?) -> Factorization<Self> {
        let count = _count(values)
        var table: [Self: Int] = [:]
        var missingCode: Int?
        var result = Factorization<Self>(codes: [], uniques: [])
        result.codes.reserveCapacity(count)
        let present = validity?.scalars
        for row in 0..<count {
            if let present, !present[row] {
                if missingCode == nil {
                    missingCode = result.uniques.count
                    result.uniques.append(nil)
                }
                result.codes.append(missingCode!)
                continue
            }
            let value = _element(values, row)
            if _isMissing(value) {
                if missingCode == nil {
                    missingCode = result.uniques.count
                    result.uniques.append(nil)
                }
                result.codes.append(missingCode!)
                continue
            }
            if let code = table[value] {
                result.codes.append(code)
            } else {
                table[value] = result.uniques.count
                result.codes.append(result.uniques.count)
                result.uniques.append(value)
            }
        }
        return result
    }
}
