/// CUDA C for `ReductionKernel`.
enum ReductionSource {
    static func source(_ kernel: ReductionKernel) -> String {
        let t = kernel.type.cudaType
        let (identity, combine) = parts(kernel.operation, kernel.type)
        let helpers = """
            #define ND_LARGEST_INDEX 0x7fffffffffffffffLL
            __device__ __forceinline__ void nd_combine(\(t)& v, long long& i, \(t) x, long long j) {
            \(combine)
            }

            """
        switch kernel.mode {
        case .partials, .final:
            let index = kernel.mode == .final ? "indices[k]" : "k"
            return helpers + """
                extern "C" __global__ void \(kernel.name)(const \(t)* values, const long long* indices,
                    \(t)* out_values, long long* out_indices, long long n) {
                  __shared__ \(t) sv[\(ReductionKernel.threads)];
                  __shared__ long long si[\(ReductionKernel.threads)];
                  int t = threadIdx.x;
                  \(t) v = \(identity);
                  long long at = ND_LARGEST_INDEX;
                  for (long long k = (long long)blockIdx.x * blockDim.x + t; k < n; k += (long long)blockDim.x * gridDim.x) {
                    nd_combine(v, at, values[k], \(index));
                  }
                  sv[t] = v;
                  si[t] = at;
                  __syncthreads();
                  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
                    if (t < s) nd_combine(sv[t], si[t], sv[t + s], si[t + s]);
                    __syncthreads();
                  }
                  if (t == 0) {
                    out_values[blockIdx.x] = sv[0];
                    out_indices[blockIdx.x] = si[0];
                  }
                }

                """
        case .rows:
            // One block per row, its threads striding along the row (coalesced reads), then a tree
            // over the block as in the first pass of a reduction of all elements.
            return helpers + """
                extern "C" __global__ void \(kernel.name)(const \(t)* values, const long long* unused,
                    \(t)* out_values, long long* out_indices, long long rows, long long columns, long long n) {
                  __shared__ \(t) sv[\(ReductionKernel.threads)];
                  __shared__ long long si[\(ReductionKernel.threads)];
                  int t = threadIdx.x;
                  for (long long o = blockIdx.x; o < n; o += gridDim.x) {
                    \(t) v = \(identity);
                    long long at = ND_LARGEST_INDEX;
                    for (long long k = t; k < columns; k += blockDim.x) nd_combine(v, at, values[o * columns + k], k);
                    sv[t] = v;
                    si[t] = at;
                    __syncthreads();
                    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
                      if (t < s) nd_combine(sv[t], si[t], sv[t + s], si[t + s]);
                      __syncthreads();
                    }
                    if (t == 0) {
                      out_values[o] = sv[0];
                      out_indices[o] = si[0];
                    }
                    __syncthreads();
                  }
                }

                """
        case .columns:
            // One thread per column: neighbouring threads read neighbouring columns (coalesced).
            return helpers + """
                extern "C" __global__ void \(kernel.name)(const \(t)* values, const long long* unused,
                    \(t)* out_values, long long* out_indices, long long rows, long long columns, long long n) {
                  for (long long o = (long long)blockIdx.x * blockDim.x + threadIdx.x; o < n;
                       o += (long long)blockDim.x * gridDim.x) {
                    \(t) v = \(identity);
                    long long at = ND_LARGEST_INDEX;
                    for (long long k = 0; k < rows; k++) nd_combine(v, at, values[k * columns + o], k);
                    out_values[o] = v;
                    out_indices[o] = at;
                  }
                }

                """
        }
    }

    /// The identity and the body of `nd_combine(v, i, x, j)` for an operation and type.
    static func parts(_ operation: ReductionKernel.Operation, _ type: DType) -> (String, String) {
        let floating = type.isFloatingPoint
        switch operation {
        case .sum:
            let add =
                floating
                ? "v = v + x;" : "v = (\(type.cudaType))((unsigned long long)v + (unsigned long long)x);"
            return ("0", "  (void)i; (void)j;\n  \(add)")
        case .min, .max:
            let identity: String
            switch (operation, type) {
            case (.min, .float64): identity = "__longlong_as_double(0x7ff0000000000000LL)"
            case (.max, .float64): identity = "__longlong_as_double((long long)0xfff0000000000000ULL)"
            case (.min, .float32): identity = "__int_as_float(0x7f800000)"
            case (.max, .float32): identity = "__int_as_float((int)0xff800000U)"
            case (.min, .int64): identity = "0x7fffffffffffffffLL"
            case (.max, .int64): identity = "(-0x7fffffffffffffffLL - 1)"
            case (.min, _): identity = "0x7fffffff"
            default: identity = "(-0x7fffffff - 1)"
            }
            let better = operation == .min ? "x < v" : "x > v"
            return (
                identity,
                """
                  bool xn = \(floating ? "x != x" : "false"), vn = \(floating ? "v != v" : "false");
                  if (vn && xn) { if (j < i) i = j; return; }
                  if (vn) return;
                  if (xn || \(better) || (x == v && j < i)) { v = x; i = j; }
                """
            )
        }
    }
}
