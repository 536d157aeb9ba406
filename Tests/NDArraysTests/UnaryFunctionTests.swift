import Foundation
import Testing

@testable import NDArrays

/// Every unary ufunc against the C library's scalar function, elementwise.
struct UnaryFunctionTests {
    typealias Function = @Sendable (NDArray<Double>) -> NDArray<Double>
    static let functions: [(String, Function, @Sendable (Double) -> Double)] = [
        ("sqrt", { sqrt($0) }, { Foundation.sqrt($0) }),
        ("exp", { exp($0) }, { Foundation.exp($0) }),
        ("log", { log($0) }, { Foundation.log($0) }),
        ("log2", { log2($0) }, { Foundation.log2($0) }),
        ("log10", { log10($0) }, { Foundation.log10($0) }),
        ("sin", { sin($0) }, { Foundation.sin($0) }),
        ("cos", { cos($0) }, { Foundation.cos($0) }),
        ("tan", { tan($0) }, { Foundation.tan($0) }),
        ("arcsin", { arcsin($0) }, { Foundation.asin($0) }),
        ("arccos", { arccos($0) }, { Foundation.acos($0) }),
        ("arctan", { arctan($0) }, { Foundation.atan($0) }),
        ("erf", { erf($0) }, { Foundation.erf($0) }),
        ("floor", { floor($0) }, { Foundation.floor($0) }),
        ("ceil", { ceil($0) }, { Foundation.ceil($0) }),
        ("negative", { negative($0) }, { -$0 }),
        ("abs", { abs($0) }, { Swift.abs($0) }),
    ]

    @Test(arguments: functions.indices)
    func ordinaryValuesAndAwkwardLengths(_ index: Int) {
        let (name, function, reference) = Self.functions[index]
        for length in awkwardLengths + [threadedLength] {
            let input = sample(length, range: name.hasPrefix("arc") ? 1 : 20)
            let result = function(input)
            #expect(result.shape == [length], "\(name)")
            #expect(allClose(result, input.scalars.map(reference)), "\(name) at length \(length)")
        }
    }

    @Test(arguments: functions.indices)
    func specialValues(_ index: Int) {
        let (name, function, reference) = Self.functions[index]
        let result = function(NDArray(specials))
        for (value, got) in zip(specials, result.scalars) {
            #expect(close(got, reference(value)), "\(name)(\(value)) = \(got), expected \(reference(value))")
        }
    }

    @Test(arguments: functions.indices)
    func outFormWritesInPlaceAndMatches(_ index: Int) throws {
        let (name, function, _) = Self.functions[index]
        let input = sample(1025, range: name.hasPrefix("arc") ? 1 : 20)
        var out = input
        let expected = function(input)
        switch name {
        case "sqrt": try sqrt(out, out: &out)
        case "exp": try exp(out, out: &out)
        case "log": try log(out, out: &out)
        case "log2": try log2(out, out: &out)
        case "log10": try log10(out, out: &out)
        case "sin": try sin(out, out: &out)
        case "cos": try cos(out, out: &out)
        case "tan": try tan(out, out: &out)
        case "arcsin": try arcsin(out, out: &out)
        case "arccos": try arccos(out, out: &out)
        case "arctan": try arctan(out, out: &out)
        case "erf": try erf(out, out: &out)
        case "floor": try floor(out, out: &out)
        case "ceil": try ceil(out, out: &out)
        case "negative": try negative(out, out: &out)
        default: try abs(out, out: &out)
        }
        #expect(out.scalars.elementsEqual(expected.scalars) { $0 == $1 || $0.isNaN && $1.isNaN }, "\(name)")
        #expect(input.scalars != out.scalars || name == "abs", "the shared input must not change")
    }

    @Test func floatUsesItsOwnKernels() {
        let input = NDArray<Float>.uniform([1031], low: -5, high: 5, seed: 3)
        #expect(allClose(exp(input), input.scalars.map { Foundation.expf($0) }))
        #expect(allClose(erf(input), input.scalars.map { Foundation.erff($0) }))
        #expect(allClose(sqrt(abs(input)), input.scalars.map { Foundation.sqrtf(Swift.abs($0)) }))
    }

    @Test func resultsDoNotDependOnTheThreadCount() {
        let input = sample(threadedLength)
        let single = singleThreaded { (exp(input), erf(input), sqrt(abs(input))) }
        let multi = (exp(input), erf(input), sqrt(abs(input)))
        #expect(single.0 == multi.0 && single.1 == multi.1 && single.2 == multi.2)
    }

    @Test func integerUnaryWraps() {
        let values = NDArray<Int32>([Int32.min, -3, 0, 5, Int32.max])
        #expect(negative(values).scalars == [Int32.min, 3, 0, -5, -Int32.max])
        #expect(abs(values).scalars == [Int32.min, 3, 0, 5, Int32.max])
    }

    @Test func outOfTheWrongShapeThrows() {
        var out = NDArray<Double>.zeros([3])
        #expect(throws: NDArrayError.self) { try exp(sample(4), out: &out) }
        #expect(out.scalars == [0, 0, 0], "a failed call leaves out: untouched")
    }
}
