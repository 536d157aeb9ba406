import Frames
import GPUArrays
import GPUFrames
import NDArrays

// Moving series between Frames and GPUFrames (cuDF's `from_pandas` / `to_pandas`): explicit
// copies, as hand-written GPU code makes them. The runtime moves lazy series' pieces itself.

extension GPUSeries where Scalar: SeriesScalar {
    /// `series` copied to the device in `context` (values, and validity flags where values are
    /// missing).
    public init(_ series: Series<Scalar>, in context: GPUContext) throws(GPUFrameError) {
        let validity = series.validity
        let copied = series.values.withUnsafeBufferPointer { elements in
            guard let validity else {
                return Result { () throws(GPUFrameError) in
                    try GPUSeries(copying: elements, name: series.name, in: context)
                }
            }
            return validity.withUnsafeBufferPointer { flags in
                Result { () throws(GPUFrameError) in
                    try GPUSeries(copying: elements, validity: flags, name: series.name, in: context)
                }
            }
        }
        self = try copied.get()
    }
}

extension Series where Scalar: SeriesScalar {
    /// `series` copied to the host, waiting for the work that produces it.
    public init(_ series: GPUSeries<Scalar>) throws(GPUFrameError) {
        var values = NDArray<Scalar>.empty([series.count])
        var validity = series.validity.map { _ in NDArray<Bool>.empty([series.count]) }
        let copied = values.withUnsafeMutableBufferPointer { elements in
            guard validity != nil else {
                return Result { () throws(GPUFrameError) in try series.copy(values: elements, validity: nil) }
            }
            return validity!.withUnsafeMutableBufferPointer { flags in
                Result { () throws(GPUFrameError) in try series.copy(values: elements, validity: flags) }
            }
        }
        try copied.get()
        do {
            try self.init(name: series.name, values: values, validity: validity)
        } catch {
            preconditionFailure("a device series has values and flags of one length: \(error)")
        }
    }
}
