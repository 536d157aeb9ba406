/// Scalar operations of the host body, matching the CPU library's semantics (NaN-propagating
/// minimum and maximum, wrapping integers). Square roots, powers and transcendental functions run
/// through `VectorMath` instead.
enum HostMath {
    /// The operations that need no math library; the others run through `VectorMath`.
    static func elementary<T: BinaryFloatingPoint>(_ op: UnaryOperation, _ x: T) -> T {
        switch op {
        case .negative: -x
        case .abs: Swift.abs(x)
        case .floor: x.rounded(.down)
        case .ceil: x.rounded(.up)
        case .logicalNot: x == 0 ? 1 : 0
        default: preconditionFailure("\(op) is computed by VectorMath")
        }
    }

    static func binary<T: BinaryFloatingPoint>(_ op: BinaryOperation, _ a: T, _ b: T) -> T {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .minimum: a < b || a.isNaN ? a : b
        case .maximum: a > b || a.isNaN ? a : b
        default: preconditionFailure("\(op) is not arithmetic")
        }
    }

    /// `negative` and `abs` of integers, wrapping at the minimum as the CPU library does.
    static func integer<T: FixedWidthInteger>(_ op: UnaryOperation, _ x: T) -> T {
        op == .negative || (op == .abs && x < 0) ? 0 &- x : x
    }

    static func integer<T: FixedWidthInteger>(_ op: BinaryOperation, _ a: T, _ b: T) -> T {
        switch op {
        case .add: a &+ b
        case .subtract: a &- b
        case .multiply: a &* b
        case .minimum: Swift.min(a, b)
        case .maximum: Swift.max(a, b)
        default: preconditionFailure("\(op) is not defined for integers")
        }
    }

    static func compare<T: Comparable>(_ op: BinaryOperation, _ a: T, _ b: T) -> Bool {
        switch op {
        case .less: a < b
        case .lessEqual: a <= b
        case .greater: a > b
        case .greaterEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        default: preconditionFailure("\(op) is not a comparison")
        }
    }
}
