import BachNumeric
import Frames
import GPUArrays
import GPUFrames

/// An element type both Frames and GPUFrames hold in series and both NDArrays and GPUArrays in
/// arrays: `Double`, `Int64` or `Bool`. A lazy series of such elements is a lazy array of its
/// values (and, where values may be missing, a lazy array of validity flags), so that its
/// elementwise operations are BachNumeric's and fuse with each other.
public protocol SeriesScalar: FrameArrayScalar, ArrayScalar, GPUSeriesScalar {}

/// A numeric element type of lazy series: `Double` or `Int64`.
public protocol SeriesNumeric: SeriesScalar, FrameNumeric, ArrayNumeric, GPUNumeric {}

extension Double: SeriesNumeric {}
extension Int64: SeriesNumeric {}
extension Bool: SeriesScalar {}
