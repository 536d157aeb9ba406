import Devices

/// A reduction on the device: sum, minimum or maximum (with the index where it occurs), over all
/// elements in two passes (per-block partials, then one block over them) or along an axis (one
/// thread per output element). Minimum and maximum follow the CPU library: NaN wins, and among
/// equal values (or NaNs) the first index does.
public struct ReductionKernel: Kernel, Hashable {
    /// What is computed.
    public enum Operation: String, Sendable, Hashable {
        case sum, min, max
    }

    /// How elements map to outputs.
    public enum Mode: String, Sendable, Hashable {
        /// Partials of all elements, one per block; indices are element positions.
        case partials
        /// One result from partials, whose indices are read from the index input.
        case final
        /// One result per row of a rows×columns matrix.
        case rows
        /// One result per column of a rows×columns matrix.
        case columns
    }

    public let operation: Operation
    public let mode: Mode
    public let type: DType

    static let threads = 256
    static let maximumBlocks = 1024

    public var name: String { "nd_reduce_\(operation.rawValue)_\(mode.rawValue)_\(type.rawValue)" }

    public func grid(for count: Int) -> (blocks: Int, threads: Int) {
        switch mode {
        case .partials: (Self.blocks(for: count), Self.threads)
        case .final: (1, Self.threads)
        case .rows: (Swift.max(1, Swift.min(65_535, count)), Self.threads)
        case .columns: (Swift.max(1, Swift.min(65_535, (count + 255) / 256)), 256)
        }
    }

    /// Blocks (and so partials) of the first pass over `count` elements.
    static func blocks(for count: Int) -> Int {
        Swift.max(1, Swift.min(maximumBlocks, (count + threads - 1) / threads))
    }

    public var cudaSource: String { ReductionSource.source(self) }

    public func runOnHost(_ arguments: [KernelArgument], count: Int) {
        switch type {
        case .float64: HostReduction<Double>(kernel: self).run(arguments, count: count)
        case .float32: HostReduction<Float>(kernel: self).run(arguments, count: count)
        case .int64: HostReduction<Int64>(kernel: self).run(arguments, count: count)
        case .int32: HostReduction<Int32>(kernel: self).run(arguments, count: count)
        case .bool: preconditionFailure("reductions of Bool arrays are not defined")
        }
    }
}

/// The host body of `ReductionKernel`, with the same partial structure as the CUDA one.
struct HostReduction<T: GPUNumeric> {
    let kernel: ReductionKernel

    /// Arguments: values, indices (final) or unused, output values, output indices, then rows and
    /// columns for the axis modes.
    func run(_ arguments: [KernelArgument], count: Int) {
        let values = UnsafePointer<T>(bitPattern: arguments[0].address!)!
        let indices = UnsafePointer<Int64>(bitPattern: arguments[1].address!)!
        let outValues = UnsafeMutablePointer<T>(bitPattern: arguments[2].address!)!
        let outIndices = UnsafeMutablePointer<Int64>(bitPattern: arguments[3].address!)!
        switch kernel.mode {
        case .partials:
            let blocks = ReductionKernel.blocks(for: count)
            for block in 0..<blocks {
                let range = (block * count / blocks)..<((block + 1) * count / blocks)
                var (value, index) = identity
                for i in range { combine(&value, &index, values[i], Int64(i)) }
                outValues[block] = value
                outIndices[block] = index
            }
        case .final:
            var (value, index) = identity
            for i in 0..<count { combine(&value, &index, values[i], indices[i]) }
            outValues[0] = value
            outIndices[0] = index
        case .rows, .columns:
            guard case .int64(let rows) = arguments[4], case .int64(let columns) = arguments[5] else {
                preconditionFailure("axis reduction: expected rows and columns")
            }
            for output in 0..<count {
                let (value, index) =
                    kernel.mode == .rows
                    ? row(values + output * Int(columns), length: Int(columns))
                    : column(values + output, rows: Int(rows), columns: Int(columns))
                outValues[output] = value
                outIndices[output] = index
            }
        }
    }

    /// One row as the CUDA kernel reduces it: each of the block's threads strides along the row,
    /// then a tree combines the threads' partials.
    private func row(_ values: UnsafePointer<T>, length: Int) -> (T, Int64) {
        let threads = ReductionKernel.threads
        var partials = [(T, Int64)](repeating: identity, count: threads)
        for thread in 0..<threads {
            var (value, index) = identity
            for k in stride(from: thread, to: length, by: threads) {
                combine(&value, &index, values[k], Int64(k))
            }
            partials[thread] = (value, index)
        }
        var width = threads / 2
        while width > 0 {
            for thread in 0..<width {
                var (value, index) = partials[thread]
                combine(&value, &index, partials[thread + width].0, partials[thread + width].1)
                partials[thread] = (value, index)
            }
            width /= 2
        }
        return partials[0]
    }

    /// One column, from the first row to the last.
    private func column(_ values: UnsafePointer<T>, rows: Int, columns: Int) -> (T, Int64) {
        var (value, index) = identity
        for k in 0..<rows { combine(&value, &index, values[k * columns], Int64(k)) }
        return (value, index)
    }

    var identity: (T, Int64) {
        switch kernel.operation {
        case .sum: (0, Int64.max)
        case .min: (T.largest, Int64.max)
        case .max: (T.smallest, Int64.max)
        }
    }

    func combine(_ value: inout T, _ index: inout Int64, _ x: T, _ at: Int64) {
        switch kernel.operation {
        case .sum:
            value = T.wrappingAdd(value, x)
        case .min, .max:
            let (xNaN, vNaN) = (x != x, value != value)
            if vNaN && xNaN {
                if at < index { index = at }
            } else if vNaN {
                return
            } else if xNaN {
                (value, index) = (x, at)
            } else if (kernel.operation == .min ? x < value : x > value) || (x == value && at < index) {
                (value, index) = (x, at)
            }
        }
    }
}

extension GPUNumeric {
    /// The identity of minimum: +∞ for floating point, the largest value for integers.
    public static var largest: Self {
        switch Self.self {
        case is Double.Type: Double.infinity as! Self
        case is Float.Type: Float.infinity as! Self
        case is Int64.Type: Int64.max as! Self
        default: Int32.max as! Self
        }
    }

    /// The identity of maximum: -∞ for floating point, the smallest value for integers.
    public static var smallest: Self {
        switch Self.self {
        case is Double.Type: -Double.infinity as! Self
        case is Float.Type: -Float.infinity as! Self
        case is Int64.Type: Int64.min as! Self
        default: Int32.min as! Self
        }
    }

    /// `a + b`, wrapping for integers.
    static func wrappingAdd(_ a: Self, _ b: Self) -> Self {
        switch (a, b) {
        case let (x as Int64, y as Int64): (x &+ y) as! Self
        case let (x as Int32, y as Int32): (x &+ y) as! Self
        default: a + b
        }
    }
}
