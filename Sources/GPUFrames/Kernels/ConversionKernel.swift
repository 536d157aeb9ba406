import Devices
import GPUArrays

/// Converts 64-bit integers to doubles on the device (pandas' `astype(float64)`, and what pandas
/// does to an integer column used with a float): missing values, where a validity mask says so,
/// become NaN, the missing value of a double series. The conversion is not an operation of the
/// shared elementwise vocabulary (every instruction there keeps its operands' type), so it is a
/// kernel of its own.
///
/// Parameters: the integers, the validity flags (when `masked`), the doubles, the element count.
public struct ConversionKernel: Kernel, Hashable {
    /// Whether the kernel reads validity flags.
    public let masked: Bool

    /// The kernel for series with validity flags (`masked`) or without.
    public init(masked: Bool) {
        self.masked = masked
    }

    public var name: String { masked ? "frames_int64_to_float64_masked" : "frames_int64_to_float64" }

    public var cudaSource: String {
        let flags = masked ? "const bool* valid, " : ""
        let value =
            masked ? "valid[i] ? (double)in[i] : __longlong_as_double(0x7ff8000000000000LL)" : "(double)in[i]"
        return """
            extern "C" __global__ void \(name)(const long long* in, \(flags)double* out, long long n) {
              const long long stride = (long long)blockDim.x * gridDim.x;
              for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
                out[i] = \(value);
              }
            }

            """
    }

    public func runOnHost(_ arguments: [KernelArgument], count: Int) {
        let input = UnsafePointer<Int64>(bitPattern: arguments[0].address!)!
        let valid = masked ? UnsafePointer<Bool>(bitPattern: arguments[1].address!) : nil
        let output = UnsafeMutablePointer<Double>(bitPattern: arguments[masked ? 2 : 1].address!)!
        for i in 0..<count {
            output[i] = valid.map { $0[i] } ?? true ? Double(input[i]) : .nan
        }
    }
}

extension GPUSeries where Scalar == Int64 {
    /// The values as doubles, missing values as NaN (pandas' `astype(float64)`), in one kernel.
    public func toDouble() throws(GPUFrameError) -> GPUSeries<Double> {
        let context = GPUContext.current ?? self.context
        let output = try onGPU { () throws(GPUArrayError) in try GPUArray<Double>(empty: [count], in: context)
        }
        if count == 0 { return GPUSeries<Double>(unchecked: name, output, nil) }
        var arguments = [Self.argument(values)]
        if let validity { arguments.append(Self.argument(validity)) }
        arguments.append(Self.argument(output))
        let waitFor = [values.context] + (validity.map { [$0.context] } ?? [])
        try onGPU { () throws(GPUArrayError) in
            do throws(DeviceError) {
                try context.order(after: waitFor)
                try context.device.launch(
                    ConversionKernel(masked: validity != nil), count: count, arguments: arguments,
                    on: context.stream)
            } catch {
                throw .device(error)
            }
        }
        return GPUSeries<Double>(unchecked: name, output, nil)
    }

    private static func argument<T>(_ array: GPUArray<T>) -> KernelArgument {
        let (buffer, byteOffset) = array.buffer
        return .buffer(buffer, offset: byteOffset)
    }
}
