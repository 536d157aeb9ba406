import Devices

/// A hand-written kernel of GPULearn, in its two bodies side by side: the CUDA C of one thread's
/// work on element `i` (wrapped in the project's grid-stride loop over `count` elements) and the
/// host function the simulated device runs over all elements. Parameters are listed once, in C,
/// in the order of the launch's arguments (`count` follows them).
struct LearnKernel: Kernel {
    let name: String
    /// The C parameter list, without `count`.
    let parameters: String
    /// The C body run for each `long long i` below `count`.
    let body: String
    /// Runs the kernel over every element on the host.
    let host: @Sendable (_ arguments: [KernelArgument], _ count: Int) -> Void

    var cudaSource: String {
        """
        extern "C" __global__ void \(name)(\(parameters), long long count) {
          for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < count;
               i += (long long)blockDim.x * gridDim.x) {
        \(body)
          }
        }

        """
    }

    func runOnHost(_ arguments: [KernelArgument], count: Int) {
        host(arguments, count)
    }
}

extension KernelArgument {
    /// The memory of a buffer argument as `T`s.
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutablePointer(bitPattern: address!)!
    }

    /// An integer argument.
    var integer: Int {
        switch self {
        case .int64(let value): Int(value)
        case .int32(let value): Int(value)
        default: preconditionFailure("expected an integer kernel argument, found \(self)")
        }
    }

    /// A floating-point argument.
    var real: Double {
        switch self {
        case .float64(let value): value
        case .float32(let value): Double(value)
        default: preconditionFailure("expected a floating-point kernel argument, found \(self)")
        }
    }
}
