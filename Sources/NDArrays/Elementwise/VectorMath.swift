import CVectorMath

#if canImport(Glibc)
    import Glibc
#endif

/// Which code computes NDArrays' transcendental functions (exp, log, log2, log10, sin, cos, tan,
/// arcsin, arccos, arctan, erf, power) and sqrt, e.g. for `bach doctor`.
///
/// The widest path the machine supports is used: glibc's libmvec in AVX-512 (8 doubles or 16
/// floats per call), else in AVX2 (4 or 8), else scalar libm. Every element goes through the same
/// vector function, tails included, so a result never depends on the element's position or on how
/// an array was split over threads. The environment variable `NDARRAYS_VECTOR_WIDTH` (`avx512`,
/// `avx2` or `scalar`) asks for a narrower path, e.g. to compare them:
///
/// ```
/// $ NDARRAYS_VECTOR_WIDTH=avx2 bach micro
/// ```
public enum VectorMath {
    /// A way of computing the functions, from narrowest to widest.
    public enum Path: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
        /// Scalar libm, one element at a time.
        case scalar
        /// libmvec's AVX2 functions (`_ZGVdN4v_exp`, ...): 4 doubles or 8 floats per call.
        case avx2
        /// libmvec's AVX-512 functions (`_ZGVeN8v_exp`, ...): 8 doubles or 16 floats per call.
        case avx512

        /// The value of `NDARRAYS_VECTOR_WIDTH` that asks for this path.
        public var name: String { ["scalar", "avx2", "avx512"][rawValue] }

        /// What the path computes with, in words.
        public var description: String {
            switch self {
            case .scalar: "scalar libm"
            case .avx2: "libmvec AVX2 (libmvec.so.1, 4 doubles / 8 floats per call)"
            case .avx512: "libmvec AVX-512 (libmvec.so.1, 8 doubles / 16 floats per call)"
            }
        }

        /// Orders paths by width.
        public static func < (a: Path, b: Path) -> Bool { a.rawValue < b.rawValue }

        init(_ code: nd_vector_path) { self = Path(rawValue: Int(code.rawValue)) ?? .scalar }

        var code: nd_vector_path { nd_vector_path(UInt32(rawValue)) }
    }

    /// The path in use: the widest available, or a narrower one asked for by
    /// `NDARRAYS_VECTOR_WIDTH` (read once, on first use).
    public static var path: Path { Path(nd_vector_path_in_use()) }

    /// The widest path this machine supports: CPU, the OS's saved register state and libmvec
    /// together.
    public static var widestPath: Path { Path(nd_vector_path_widest()) }

    /// Every path this machine can run, narrowest first.
    public static var availablePaths: [Path] { Path.allCases.filter { $0 <= widestPath } }

    /// Whether one of libmvec's vector paths is in use (else scalar libm).
    public static var usesLibmvec: Bool { path != .scalar }

    /// A one-line description of the path in use, and why when it is not the widest.
    public static var description: String {
        let text = "\(path) for exp, log, sin, cos, erf, pow and the rest"
        if let value = getenv("NDARRAYS_VECTOR_WIDTH") {
            let request = String(cString: value)
            return chosen(for: request, available: widestPath).recognized
                ? text + " (NDARRAYS_VECTOR_WIDTH=\(request); widest here: \(widestPath.name))"
                : text + " (NDARRAYS_VECTOR_WIDTH=\(request) ignored: expected avx512, avx2 or scalar)"
        }
        return widestPath == .scalar ? text + " (libmvec.so.1 or AVX2/FMA not available)" : text
    }

    /// The path used for a `NDARRAYS_VECTOR_WIDTH` value when paths up to `available` exist, and
    /// whether the value named a path.
    static func chosen(for request: String?, available: Path) -> (path: Path, recognized: Bool) {
        var recognized: Int32 = 0
        let path = Path(nd_vector_path_choose(request, available.code, &recognized))
        return (path, recognized != 0)
    }
}
