#if canImport(Glibc)
    import Glibc
#endif

/// Scalar operations of the host body, one definition per IR operation, matching the CPU library's
/// semantics (NaN-propagating minimum and maximum, wrapping integers).
enum HostMath {
    static func unary(_ op: UnaryOperation, _ x: Double) -> Double {
        switch op {
        case .negative: -x
        case .abs: Swift.abs(x)
        case .sqrt: x.squareRoot()
        case .floor: x.rounded(.down)
        case .ceil: x.rounded(.up)
        case .exp: Glibc.exp(x)
        case .log: Glibc.log(x)
        case .log2: Glibc.log2(x)
        case .log10: Glibc.log10(x)
        case .sin: Glibc.sin(x)
        case .cos: Glibc.cos(x)
        case .tan: Glibc.tan(x)
        case .arcsin: Glibc.asin(x)
        case .arccos: Glibc.acos(x)
        case .arctan: Glibc.atan(x)
        case .erf: Glibc.erf(x)
        case .logicalNot: x == 0 ? 1 : 0
        }
    }

    static func unary(_ op: UnaryOperation, _ x: Float) -> Float {
        switch op {
        case .negative: -x
        case .abs: Swift.abs(x)
        case .sqrt: x.squareRoot()
        case .floor: x.rounded(.down)
        case .ceil: x.rounded(.up)
        case .exp: Glibc.expf(x)
        case .log: Glibc.logf(x)
        case .log2: Glibc.log2f(x)
        case .log10: Glibc.log10f(x)
        case .sin: Glibc.sinf(x)
        case .cos: Glibc.cosf(x)
        case .tan: Glibc.tanf(x)
        case .arcsin: Glibc.asinf(x)
        case .arccos: Glibc.acosf(x)
        case .arctan: Glibc.atanf(x)
        case .erf: Glibc.erff(x)
        case .logicalNot: x == 0 ? 1 : 0
        }
    }

    static func binary<T: BinaryFloatingPoint>(_ op: BinaryOperation, _ a: T, _ b: T) -> T {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power:
            T.self == Float.self ? T(Glibc.powf(Float(a), Float(b))) : T(Glibc.pow(Double(a), Double(b)))
        case .minimum: a < b || a.isNaN ? a : b
        case .maximum: a > b || a.isNaN ? a : b
        default: preconditionFailure("\(op) is not arithmetic")
        }
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
