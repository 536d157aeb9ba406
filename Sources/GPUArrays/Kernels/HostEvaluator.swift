import Devices

/// The host body of elementwise kernels: evaluates the program over chunks of elements,
/// instruction by instruction, each in a tight typed loop (as NumPy evaluates one ufunc at a time),
/// so that the simulated device computes what the CUDA kernel computes at a host speed close to
/// NDArrays'.
///
/// Arithmetic is IEEE, and square roots, powers and transcendental functions run on the same vector
/// math as NDArrays', so results are bitwise equal to the CPU library's (CUDA's differ by a few ulp
/// in the transcendental functions).
struct HostEvaluator {
    let program: ElementwiseProgram
    let inputs: [Operand]

    static let chunk = 4096

    /// Evaluates elements `0..<count` reading `arguments` laid out as `CUDASource.elementwise`
    /// declares (without the trailing count).
    func run(_ arguments: [KernelArgument], count: Int) {
        let parameterStart = inputs.count
        let outputStart = parameterStart + program.parameters.count
        let inputPointers = (0..<inputs.count).map { UnsafeRawPointer(bitPattern: arguments[$0].address!)! }
        let outputPointers = program.outputs.indices.map {
            UnsafeMutableRawPointer(bitPattern: arguments[outputStart + $0].address!)!
        }
        guard case .int64(let columns) = arguments[outputStart + program.outputs.count] else {
            preconditionFailure("elementwise kernel: expected the column count after the outputs")
        }
        let lastUses = program.lastUses
        var start = 0
        while start < count {
            let range = start..<Swift.min(count, start + Self.chunk)
            var results = [HostColumn?](repeating: nil, count: program.instructions.count)
            func column(_ value: ElementwiseProgram.Value) -> HostColumn {
                switch value {
                case .input(let index):
                    HostColumn.gather(inputPointers[index], inputs[index], range, columns: Int(columns))
                case .parameter(let index):
                    HostColumn.constant(
                        arguments[parameterStart + index], type: program.parameters[index], count: range.count
                    )
                case .result(let index): results[index]!
                }
            }
            for (index, instruction) in program.instructions.enumerated() {
                switch instruction {
                case .unary(let op, let a): results[index] = column(a).apply(op)
                case .binary(let op, let a, let b): results[index] = column(a).apply(op, column(b))
                case .select(let c, let a, let b): results[index] = column(c).select(column(a), column(b))
                }
                for case .result(let source) in instruction.operands where lastUses[source] == index {
                    results[source] = nil
                }
            }
            for (output, value) in program.outputs.enumerated() {
                let size = program.type(of: value).size
                column(value).store(to: outputPointers[output] + range.lowerBound * size)
            }
            start = range.upperBound
        }
    }
}

/// The values of one IR node for one chunk of elements.
final class HostColumn {
    let type: DType
    let count: Int
    let storage: UnsafeMutableRawPointer

    init(type: DType, count: Int) {
        self.type = type
        self.count = count
        storage = .allocate(byteCount: Swift.max(1, count * type.size), alignment: 64)
    }

    deinit { storage.deallocate() }

    func values<T>(_ type: T.Type) -> UnsafeMutablePointer<T> { storage.assumingMemoryBound(to: T.self) }

    func store(to destination: UnsafeMutableRawPointer) {
        destination.copyMemory(from: storage, byteCount: count * type.size)
    }

    static func gather(_ base: UnsafeRawPointer, _ operand: Operand, _ range: Range<Int>, columns: Int)
        -> HostColumn
    {
        let column = HostColumn(type: operand.type, count: range.count)
        let size = operand.type.size
        switch operand.indexing {
        case .elementwise:
            column.storage.copyMemory(from: base + range.lowerBound * size, byteCount: range.count * size)
        default:
            for (k, i) in range.enumerated() {
                let source =
                    switch operand.indexing {
                    case .scalar: 0
                    case .row: i % columns
                    case .column: i / columns
                    case .elementwise: i
                    }
                (column.storage + k * size).copyMemory(from: base + source * size, byteCount: size)
            }
        }
        return column
    }

    static func constant(_ value: KernelArgument, type: DType, count: Int) -> HostColumn {
        let column = HostColumn(type: type, count: count)
        switch (type, value) {
        case (.float64, .float64(let x)): column.values(Double.self).update(repeating: x, count: count)
        case (.float32, .float32(let x)): column.values(Float.self).update(repeating: x, count: count)
        case (.int64, .int64(let x)): column.values(Int64.self).update(repeating: x, count: count)
        case (.int32, .int32(let x)): column.values(Int32.self).update(repeating: x, count: count)
        case (.bool, .int32(let x)): column.values(Bool.self).update(repeating: x != 0, count: count)
        default: preconditionFailure("parameter \(value) does not have type \(type)")
        }
        return column
    }

    private func map<T, U>(_: T.Type, to result: DType, _ f: (T) -> U) -> HostColumn {
        let column = HostColumn(type: result, count: count)
        let (a, out) = (values(T.self), column.values(U.self))
        for i in 0..<count { out[i] = f(a[i]) }
        return column
    }

    private func zip<T, U>(_ other: HostColumn, _: T.Type, to result: DType, _ f: (T, T) -> U)
        -> HostColumn
    {
        let column = HostColumn(type: result, count: count)
        let (a, b, out) = (values(T.self), other.values(T.self), column.values(U.self))
        for i in 0..<count { out[i] = f(a[i], b[i]) }
        return column
    }

    func apply(_ op: UnaryOperation) -> HostColumn {
        if op == .logicalNot { return map(Bool.self, to: .bool) { !$0 } }
        if VectorMath.handles(op) && type.isFloatingPoint {
            let column = HostColumn(type: type, count: count)
            if type == .float64 {
                VectorMath.apply(op, values(Double.self), column.values(Double.self), count)
            } else {
                VectorMath.apply(op, values(Float.self), column.values(Float.self), count)
            }
            return column
        }
        switch type {
        case .float64: return map(Double.self, to: type) { HostMath.elementary(op, $0) }
        case .float32: return map(Float.self, to: type) { HostMath.elementary(op, $0) }
        case .int64: return map(Int64.self, to: type) { HostMath.integer(op, $0) }
        case .int32: return map(Int32.self, to: type) { HostMath.integer(op, $0) }
        case .bool: return map(Bool.self, to: type) { !$0 }
        }
    }

    func apply(_ op: BinaryOperation, _ other: HostColumn) -> HostColumn {
        if op.isComparison {
            switch type {
            case .float64: return zip(other, Double.self, to: .bool) { HostMath.compare(op, $0, $1) }
            case .float32: return zip(other, Float.self, to: .bool) { HostMath.compare(op, $0, $1) }
            case .int64: return zip(other, Int64.self, to: .bool) { HostMath.compare(op, $0, $1) }
            case .int32: return zip(other, Int32.self, to: .bool) { HostMath.compare(op, $0, $1) }
            case .bool: return zip(other, Bool.self, to: .bool) { op == .equal ? $0 == $1 : $0 != $1 }
            }
        }
        if op == .power && type.isFloatingPoint {
            let column = HostColumn(type: type, count: count)
            if type == .float64 {
                VectorMath.power(
                    values(Double.self), other.values(Double.self), column.values(Double.self), count)
            } else {
                VectorMath.power(
                    values(Float.self), other.values(Float.self), column.values(Float.self), count)
            }
            return column
        }
        switch type {
        case .float64: return zip(other, Double.self, to: type) { HostMath.binary(op, $0, $1) }
        case .float32: return zip(other, Float.self, to: type) { HostMath.binary(op, $0, $1) }
        case .int64: return zip(other, Int64.self, to: type) { HostMath.integer(op, $0, $1) }
        case .int32: return zip(other, Int32.self, to: type) { HostMath.integer(op, $0, $1) }
        case .bool:
            return zip(other, Bool.self, to: .bool) { a, b in
                op == .logicalAnd ? a && b : op == .logicalOr ? a || b : a != b
            }
        }
    }

    func select(_ a: HostColumn, _ b: HostColumn) -> HostColumn {
        let column = HostColumn(type: a.type, count: count)
        let condition = values(Bool.self)
        let size = a.type.size
        for i in 0..<count {
            (column.storage + i * size).copyMemory(
                from: (condition[i] ? a.storage : b.storage) + i * size, byteCount: size)
        }
        return column
    }
}
