import Devices
import GPUArrays
import GPUFrames
import Testing

/// A context on a simulated device of `memory` bytes.
func simulatedContext(memory: Int = 64 << 20) throws -> GPUContext {
    try GPUContext(device: SimulatedDevice(memory: memory))
}

/// A device series of `elements` (nil: missing). `Double` and `Float` write NaN where a value is
/// missing; other types get validity flags when a value is missing.
func series<S: GPUSeriesScalar>(_ elements: [S?], name: String = "", in context: GPUContext) throws
    -> GPUSeries<S>
{
    let values = elements.map { $0 ?? S.missingPlaceholder }
    let flags = elements.contains(nil) ? elements.map { $0 != nil } : nil
    return try values.withUnsafeBufferPointer { values in
        guard let flags else { return try GPUSeries(copying: values, name: name, in: context) }
        return try flags.withUnsafeBufferPointer { flags in
            try GPUSeries(copying: values, validity: flags, name: name, in: context)
        }
    }
}

/// Whether two lists of optional doubles agree (nil and NaN both mean missing), within `relative`.
func agree(_ a: [Double?], _ b: [Double?], relative: Double = 0) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { x, y in
            switch (x.flatMap { $0.isNaN ? nil : $0 }, y.flatMap { $0.isNaN ? nil : $0 }) {
            case (nil, nil): true
            case (let x?, let y?): x == y || Swift.abs(x - y) <= relative * Swift.max(1, Swift.abs(y))
            default: false
            }
        }
}

/// Pseudo-random doubles in [-50, 50) with every `missingEvery`-th value missing.
func sample(_ count: Int, seed: UInt64, missingEvery: Int = 7) -> [Double?] {
    var state = seed
    return (0..<count).map { index in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        if index % missingEvery == 3 { return nil }
        return Double(state >> 11) / Double(1 << 53) * 100 - 50
    }
}
