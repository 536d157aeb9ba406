import CVectorMath

/// Which code computes NDArrays' transcendental functions, e.g. for `bach doctor`.
public enum VectorMath {
    /// Whether glibc's libmvec AVX2 functions are in use (else scalar libm).
    public static var usesLibmvec: Bool { nd_math_uses_libmvec() != 0 }

    /// A one-line description of the path in use.
    public static var description: String {
        usesLibmvec
            ? "libmvec AVX2 (libmvec.so.1) for exp, log, sin, cos, erf, pow and the rest"
            : "scalar libm (libmvec.so.1 or AVX2/FMA not available)"
    }
}
