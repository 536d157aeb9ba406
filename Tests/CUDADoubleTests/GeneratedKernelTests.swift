import Devices
import Foundation
import Testing

@testable import GPUArrays

extension CUDADoubleSuite {
    /// The GPU library's generated kernels (Sources/GPUArrays/Kernels), compiled by the double's
    /// NVRTC and run by its cuLaunchKernel, checked against values computed here.
    @Suite struct GeneratedKernelTests {
        let cuda = DoubleLibrary.shared

        /// Compiles `kernel`, launches it over `count` elements as CUDADevice does (its grid, the
        /// count appended), synchronises and unloads it.
        func run(_ kernel: any Kernel, count: Int, _ arguments: [Argument]) throws {
            let (function, module) = try cuda.kernel(kernel.cudaSource, entry: kernel.name)
            let (blocks, threads) = kernel.grid(for: count)
            let launched = cuda.launch(
                function, grid: (UInt32(blocks), 1, 1), block: (UInt32(threads), 1, 1),
                arguments + [.int64(Int64(count))])
            try check(launched, "cuLaunchKernel(\(kernel.name))")
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
        }

        func free(_ addresses: UInt64...) throws {
            for address in addresses { try check(cuda.cuMemFree(address), "cuMemFree") }
        }

        @Test func elementwiseWithEveryIndexing() throws {
            try cuda.begin()
            defer { cuda.end() }
            let (rows, columns) = (37, 29)
            let n = rows * columns
            let a = (0..<n).map { sin(Swift.Double($0)) }
            let b = (0..<columns).map { cos(Swift.Double($0) * 0.7) }
            let c = (0..<rows).map { Swift.Double($0) - 18.5 }
            let d = [0.25]
            let p = 3.5
            let kernel = try elementwise(
                inputs: [.float64, .float64, .float64, .float64], parameters: [.float64],
                indexing: [.elementwise, .row, .column, .scalar]
            ) { p in
                let condition = try p.append(.binary(.lessEqual, .input(0), .input(1)))
                let scaled = try p.append(.binary(.multiply, .input(2), .parameter(0)))
                let shifted = try p.append(.binary(.add, try p.append(.unary(.exp, .input(0))), .input(3)))
                return try p.append(.select(condition, scaled, shifted))
            }
            let inputs = [try cuda.upload(a), try cuda.upload(b), try cuda.upload(c), try cuda.upload(d)]
            let out = try cuda.allocate(n * 8)
            try run(
                kernel, count: n,
                inputs.map { .pointer($0) } + [.float64(p), .pointer(out), .int64(Int64(columns))])
            let expected = (0..<n).map { i in
                a[i] <= b[i % columns] ? c[i / columns] * p : exp(a[i]) + d[0]
            }
            #expect(try cuda.download(out, count: n, as: Swift.Double.self) == expected)
            try free(out)
            for address in inputs { try free(address) }
        }

        @Test func everyFloat64UnaryOperation() throws {
            try cuda.begin()
            defer { cuda.end() }
            let n = 1000
            let x = (0..<n).map { 0.05 + 0.9 * Swift.Double($0) / Swift.Double(n) }
            let references: [UnaryOperation: (Swift.Double) -> Swift.Double] = [
                .negative: { -$0 }, .abs: { Swift.abs($0) }, .sqrt: { $0.squareRoot() },
                .floor: { floor($0) },
                .ceil: { ceil($0) }, .exp: { exp($0) }, .log: { log($0) }, .log2: { log2($0) },
                .log10: { log10($0) }, .sin: { sin($0) }, .cos: { cos($0) }, .tan: { tan($0) },
                .arcsin: { asin($0) }, .arccos: { acos($0) }, .arctan: { atan($0) }, .erf: { erf($0) },
            ]
            let input = try cuda.upload(x.map { $0 * 4 - 2 })
            let unit = try cuda.upload(x)
            let out = try cuda.allocate(n * 8)
            for op in UnaryOperation.allCases where op != .logicalNot {
                let kernel = try elementwise(inputs: [.float64], indexing: [.elementwise]) { p in
                    try p.append(.unary(op, .input(0)))
                }
                // Functions defined on [-1, 1] or (0, ∞) get values there; the others [-2, 2].
                let inDomain = [.sqrt, .log, .log2, .log10, .arcsin, .arccos].contains(op)
                try run(kernel, count: n, [.pointer(inDomain ? unit : input), .pointer(out), .int64(1)])
                let expected = (inDomain ? x : x.map { $0 * 4 - 2 }).map(references[op]!)
                #expect(try cuda.download(out, count: n, as: Swift.Double.self) == expected, "\(op)")
            }
            try free(input, unit, out)
        }

        @Test func everyFloat32BinaryOperationWithRowOperands() throws {
            try cuda.begin()
            defer { cuda.end() }
            let (rows, columns) = (11, 13)
            var row = (0..<columns).map { Float($0) * 0.37 - 2 }
            row[5] = .nan
            let p: Float = 1.25
            let references: [BinaryOperation: (Float, Float) -> Float] = [
                .add: { $0 + $1 }, .subtract: { $0 - $1 }, .multiply: { $0 * $1 }, .divide: { $0 / $1 },
                .power: { pow($0, $1) }, .minimum: { ($0 < $1 || $0 != $0) ? $0 : $1 },
                .maximum: { ($0 > $1 || $0 != $0) ? $0 : $1 },
            ]
            let input = try cuda.upload(row)
            let out = try cuda.allocate(rows * columns * 4)
            for (op, reference) in references {
                let kernel = try elementwise(inputs: [.float32], parameters: [.float32], indexing: [.row]) {
                    p in
                    try p.append(.binary(op, .input(0), .parameter(0)))
                }
                try run(
                    kernel, count: rows * columns,
                    [.pointer(input), .float32(p), .pointer(out), .int64(Int64(columns))])
                let got = try cuda.download(out, count: rows * columns, as: Float.self)
                let expected = (0..<rows * columns).map { reference(row[$0 % columns], p) }
                #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(op)")
            }
            try free(input, out)
        }

        @Test func integerKernelsWrap() throws {
            try cuda.begin()
            defer { cuda.end() }
            let wide: [Int64] = [Int64.max, Int64.min, 3, -7, 1 << 40]
            let input = try cuda.upload(wide)
            let out = try cuda.allocate(wide.count * 8)
            let multiply = try elementwise(inputs: [.int64], parameters: [.int64], indexing: [.elementwise]) {
                p in
                try p.append(.binary(.multiply, .input(0), .parameter(0)))
            }
            try run(
                multiply, count: wide.count, [.pointer(input), .int64(1 << 33), .pointer(out), .int64(1)])
            #expect(try cuda.download(out, count: wide.count, as: Int64.self) == wide.map { $0 &* (1 << 33) })
            let (rows, columns) = (3, 4)
            let narrow: [Int32] = [Int32.min, 5, -9]
            let column = try cuda.upload(narrow)
            let out32 = try cuda.allocate(rows * columns * 4)
            let negate = try elementwise(inputs: [.int32], parameters: [.int32], indexing: [.column]) { p in
                try p.append(.binary(.minimum, try p.append(.unary(.negative, .input(0))), .parameter(0)))
            }
            try run(
                negate, count: rows * columns,
                [.pointer(column), .int32(2), .pointer(out32), .int64(Int64(columns))])
            let expected = (0..<rows * columns).map { Swift.min(0 &- narrow[$0 / columns], 2) }
            #expect(try cuda.download(out32, count: rows * columns, as: Int32.self) == expected)
            try free(input, out, column, out32)
        }

        @Test func booleanKernels() throws {
            try cuda.begin()
            defer { cuda.end() }
            let flags: [Bool] = [true, false, false, true, true]
            let input = try cuda.upload(flags)
            let out = try cuda.allocate(flags.count)
            let xor = try elementwise(inputs: [.bool], parameters: [.bool], indexing: [.elementwise]) { p in
                try p.append(
                    .binary(.logicalXor, try p.append(.unary(.logicalNot, .input(0))), .parameter(0)))
            }
            try run(xor, count: flags.count, [.pointer(input), .int32(1), .pointer(out), .int64(1)])
            #expect(try cuda.download(out, count: flags.count, as: Bool.self) == flags.map { !$0 != true })
            let values = [1.5, -2, 7, 0.25, 3]
            let doubles = try cuda.upload(values)
            let threshold = try cuda.upload([1.0])
            let less = try elementwise(inputs: [.float64, .float64], indexing: [.elementwise, .scalar]) { p in
                try p.append(.binary(.less, .input(0), .input(1)))
            }
            try run(
                less, count: values.count, [.pointer(doubles), .pointer(threshold), .pointer(out), .int64(1)])
            #expect(try cuda.download(out, count: values.count, as: Bool.self) == values.map { $0 < 1 })
            try free(input, out, doubles, threshold)
        }

        /// Sum, minimum and maximum (with the first index where they occur) of `values` in two
        /// passes, as GPUArrays reduces on a device.
        func reduce<T: BitwiseCopyable>(
            _ values: [T], _ operation: ReductionKernel.Operation, _ type: DType
        ) throws -> (T, Int64) {
            let n = values.count
            let partials = ReductionKernel(operation: operation, mode: .partials, type: type)
            let final = ReductionKernel(operation: operation, mode: .final, type: type)
            let blocks = partials.grid(for: n).blocks
            let input = try cuda.upload(values)
            let unused = try cuda.allocate(8)
            let (partialValues, partialIndices) = (
                try cuda.allocate(blocks * 8), try cuda.allocate(blocks * 8)
            )
            let (value, index) = (try cuda.allocate(8), try cuda.allocate(8))
            try run(
                partials, count: n,
                [.pointer(input), .pointer(unused), .pointer(partialValues), .pointer(partialIndices)])
            try run(
                final, count: blocks,
                [.pointer(partialValues), .pointer(partialIndices), .pointer(value), .pointer(index)])
            let result = (
                try cuda.download(value, count: 1, as: T.self)[0],
                try cuda.download(index, count: 1, as: Int64.self)[0]
            )
            try free(input, unused, partialValues, partialIndices, value, index)
            return result
        }

        @Test func twoPassReductions() throws {
            try cuda.begin()
            defer { cuda.end() }
            let n = 100_003
            var values = (0..<n).map { Swift.Double(($0 * 7919 + 13) % 10007) - 5000 }
            let sum = try reduce(values, .sum, .float64)
            #expect(sum.0 == values.reduce(0, +))
            let minimum = try reduce(values, .min, .float64)
            #expect(minimum.0 == -5000 && minimum.1 == Int64(values.firstIndex(of: -5000)!))
            let maximum = try reduce(values, .max, .float64)
            #expect(maximum.0 == 5006 && maximum.1 == Int64(values.firstIndex(of: 5006)!))
            values[70_000] = .nan
            values[500] = .nan
            let withNaN = try reduce(values, .max, .float64)
            #expect(withNaN.0.isNaN && withNaN.1 == 500)
            let integers = (0..<n).map { Int32(truncatingIfNeeded: $0 &* 2_654_435_761) }
            let wrapped = try reduce(integers, .sum, .int32)
            #expect(wrapped.0 == integers.reduce(0, &+))
            let longs = (0..<n).map { Int64($0 % 1000) * 1_000_000_007 }
            let largest = try reduce(longs, .max, .int64)
            #expect(largest.0 == 999 * 1_000_000_007 && largest.1 == 999)
        }

        @Test func axisReductions() throws {
            try cuda.begin()
            defer { cuda.end() }
            let (rows, columns) = (123, 77)
            let values = (0..<rows * columns).map { Swift.Double(($0 * 31) % 97) - 40 }
            let input = try cuda.upload(values)
            let unused = try cuda.allocate(8)
            let (outValues, outIndices) = (try cuda.allocate(rows * 8), try cuda.allocate(rows * 8))
            let rowSums = ReductionKernel(operation: .sum, mode: .rows, type: .float64)
            try run(
                rowSums, count: rows,
                [
                    .pointer(input), .pointer(unused), .pointer(outValues), .pointer(outIndices),
                    .int64(Int64(rows)), .int64(Int64(columns)),
                ])
            let expectedSums = (0..<rows).map { r in values[(r * columns)..<((r + 1) * columns)].reduce(0, +)
            }
            #expect(try cuda.download(outValues, count: rows, as: Swift.Double.self) == expectedSums)
            let columnMaxima = ReductionKernel(operation: .max, mode: .columns, type: .float64)
            try run(
                columnMaxima, count: columns,
                [
                    .pointer(input), .pointer(unused), .pointer(outValues), .pointer(outIndices),
                    .int64(Int64(rows)), .int64(Int64(columns)),
                ])
            for c in 0..<columns {
                let column = (0..<rows).map { values[$0 * columns + c] }
                let best = column.max()!
                #expect(
                    try cuda.download(outValues + UInt64(c * 8), count: 1, as: Swift.Double.self) == [best])
                #expect(
                    try cuda.download(outIndices + UInt64(c * 8), count: 1, as: Int64.self)
                        == [Int64(column.firstIndex(of: best)!)])
            }
            try free(input, unused, outValues, outIndices)
        }
    }
}

/// The kernel of the one-output program `build` writes, with its inputs indexed as `indexing` says.
func elementwise(
    inputs: [DType], parameters: [DType] = [], indexing: [Indexing],
    _ build: (inout ElementwiseProgram) throws -> ElementwiseProgram.Value
) throws -> ElementwiseKernel {
    var program = ElementwiseProgram(inputs: inputs, parameters: parameters)
    program.output(try build(&program))
    return ElementwiseKernel(program: program, indexing: indexing)
}
