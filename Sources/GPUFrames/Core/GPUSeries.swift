import Devices
import GPUArrays

/// A named column of values in device memory, with missing values: the cuDF `Series` of this
/// project, mirroring Frames' `Series` operation for operation.
///
/// Values live in a `GPUArray`; missing values in a separate mask, `validity` (true where a value
/// is present; nil when none is missing). A floating-point series follows pandas' float64: NaN
/// *is* the missing value, so its mask is always nil and NaN is written where a value is missing.
/// There is no index: rows pair up by position and operands must have equal lengths.
///
/// Operations launch kernels on the context of their values (or `GPUContext.current`) and return
/// at once; reductions that return host values (`sum()`, `mean()`, …) wait for them, as cuDF's
/// do. Every operation throws `GPUFrameError`, which carries the device's error when it failed.
///
/// ```swift
/// let context = try GPUContext(device: device)
/// let prices = try GPUSeries<Double>(copying: hostPrices, name: "price", in: context)
/// let cheap = try prices.mask(prices > 100, 0)      // values above 100 set to 0
/// let total = try cheap.sum()                          // read back: missing values skipped
/// ```
public struct GPUSeries<Scalar: GPUSeriesScalar>: Sendable {
    /// The column name.
    public var name: String
    /// The values; missing slots hold `Scalar.missingPlaceholder`.
    public let values: GPUArray<Scalar>
    /// True where a value is present; nil when no value is missing (always nil for floating point).
    public let validity: GPUArray<Bool>?

    /// A series over device arrays; throws unless both are 1-D of the same length. For floating
    /// point, NaN is written where `validity` is false and the mask is dropped.
    public init(name: String = "", values: GPUArray<Scalar>, validity: GPUArray<Bool>? = nil)
        throws(GPUFrameError)
    {
        guard values.rank == 1 else {
            throw .invalidArgument(
                operation: "GPUSeries", expected: "1-D values", found: "\(values.rank) dimensions")
        }
        if let validity, validity.rank != 1 || validity.count != values.count {
            throw .lengthMismatch(
                operation: "GPUSeries(validity:)", expected: values.count, found: validity.count)
        }
        if Scalar.nanIsMissing, let validity {
            let filled = try onGPU { () throws(GPUArrayError) in
                try GPUArrays.where(validity, values, Scalar.missingPlaceholder)
            }
            self.init(unchecked: name, filled, nil)
        } else {
            self.init(unchecked: name, values, validity)
        }
    }

    /// A series of host values, copied to the device in `context`; `validity` (one flag per value,
    /// true where present) marks missing values.
    public init(
        copying values: UnsafeBufferPointer<Scalar>, validity: UnsafeBufferPointer<Bool>? = nil,
        name: String = "", in context: GPUContext
    ) throws(GPUFrameError) {
        let count = values.count
        let device = try onGPU { () throws(GPUArrayError) in
            try GPUArray(copying: values, shape: [count], in: context)
        }
        let mask = try validity.map { flags throws(GPUFrameError) in
            try onGPU { () throws(GPUArrayError) in
                try GPUArray(copying: flags, shape: [flags.count], in: context)
            }
        }
        try self.init(name: name, values: device, validity: mask)
    }

    init(unchecked name: String, _ values: GPUArray<Scalar>, _ validity: GPUArray<Bool>?) {
        self.name = name
        self.values = values
        self.validity = validity
    }

    /// The number of rows, missing ones included.
    public var count: Int { values.count }

    /// The context the values live in.
    public var context: GPUContext { values.context }

    /// Rows `range` as a series sharing this one's memory; throws when the range is not within
    /// `0..<count`.
    public func slice(_ range: Range<Int>) throws(GPUFrameError) -> GPUSeries {
        guard range.lowerBound >= 0 && range.upperBound <= count else {
            throw .invalidArgument(
                operation: "slice", expected: "a range within 0..<\(count)", found: "\(range)")
        }
        return try onGPU { () throws(GPUArrayError) in
            GPUSeries(unchecked: name, try values.slice(range), try validity?.slice(range))
        }
    }

    /// The series renamed.
    public func renamed(_ name: String) -> GPUSeries {
        GPUSeries(unchecked: name, values, validity)
    }

    /// The values and validity flags, copied to the host (waiting for the work that produces them).
    public func copy(
        values destination: UnsafeMutableBufferPointer<Scalar>,
        validity flags: UnsafeMutableBufferPointer<Bool>?
    ) throws(GPUFrameError) {
        try onGPU { () throws(GPUArrayError) in
            try values.copy(to: destination)
            if let flags {
                if let validity {
                    try validity.copy(to: flags)
                } else {
                    flags.initialize(repeating: true)
                }
            }
        }
    }

    /// The values in order, nil where missing, read back to the host.
    public func elements() throws(GPUFrameError) -> [Scalar?] {
        let (values, present) = try onGPU { () throws(GPUArrayError) in
            (try self.values.scalars(), try validity?.scalars())
        }
        return values.indices.map { row in
            let value = values[row]
            if let present, !present[row] { return nil }
            return Scalar.nanIsMissing && value != value ? nil : value
        }
    }
}
