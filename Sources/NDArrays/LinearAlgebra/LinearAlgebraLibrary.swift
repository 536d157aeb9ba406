import CVectorMath
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where NDArrays' matrix products and decompositions run: OpenBLAS and LAPACKE, loaded at run
/// time, or NDArrays' own reference implementations.
///
/// Nothing is linked at build time: `libopenblas.so.0` and `liblapacke.so.3` (Debian's
/// `libopenblas0` and `liblapacke`) are opened on first use. Where either is missing, or where the
/// environment variable `NDARRAYS_LINALG=reference` asks for it, the reference implementations run
/// instead and a line on standard error says so once. The reference code is also the oracle the
/// tests compare OpenBLAS against.
public enum LinearAlgebraLibrary {
    /// Which implementation is in use and why, e.g. for `bach doctor`.
    public static var description: String { loaded.description }

    /// Whether OpenBLAS and LAPACKE are in use.
    public static var usesOpenBLAS: Bool { loaded.functions != nil }

    static let loaded = Loaded()

    /// The C entry points, `nil` when the reference implementations are in use (for the whole
    /// process, or inside `usingReference`).
    static var functions: Functions? {
        if isReferenceForced { return nil }
        if loaded.functions == nil { announceFallbackOnce() }
        return loaded.functions
    }

    /// Whether the current task runs inside `usingReference`.
    @TaskLocal static var isReferenceForced = false

    /// Runs `body` with every NDArrays linear-algebra call it makes on the calling task routed to
    /// the reference implementations, even where OpenBLAS and LAPACKE were found: for comparing
    /// the two paths in one process (tests, `bach doctor`), as `NDARRAYS_LINALG=reference` does
    /// for a whole process.
    ///
    /// ```swift
    /// let fast = try gram(x)
    /// let reference = try LinearAlgebraLibrary.usingReference { try gram(x) }
    /// ```
    public static func usingReference<R>(_ body: () throws -> R) rethrows -> R {
        try $isReferenceForced.withValue(true) { try body() }
    }

    private static let announced = Announcement()

    private static func announceFallbackOnce() {
        if announced.first() {
            writeToStandardError("NDArrays: \(loaded.description)\n")
        }
    }

    /// The OpenBLAS and LAPACKE functions NDArrays calls.
    struct Functions: @unchecked Sendable {
        typealias Dgemm =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
                UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
            ) -> Void
        typealias Sgemm =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
            ) -> Void
        typealias Dsyevd =
            @convention(c) (
                Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                UnsafeMutablePointer<Double>?
            ) -> Int32
        typealias Ssyevd =
            @convention(c) (
                Int32, CChar, CChar, Int32, UnsafeMutablePointer<Float>?, Int32,
                UnsafeMutablePointer<Float>?
            ) -> Int32
        typealias Dgesdd =
            @convention(c) (
                Int32, CChar, Int32, Int32, UnsafeMutablePointer<Double>?, Int32,
                UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
                UnsafeMutablePointer<Double>?, Int32
            ) -> Int32
        typealias Sgesdd =
            @convention(c) (
                Int32, CChar, Int32, Int32, UnsafeMutablePointer<Float>?, Int32,
                UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?, Int32,
                UnsafeMutablePointer<Float>?, Int32
            ) -> Int32

        typealias Dsyrk =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32, Double,
                UnsafeMutablePointer<Double>?, Int32
            ) -> Void
        typealias Ssyrk =
            @convention(c) (
                Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, Float,
                UnsafeMutablePointer<Float>?, Int32
            ) -> Void
        typealias Dsyevr =
            @convention(c) (
                Int32, CChar, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32, Double, Double,
                Int32, Int32, Double, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?,
                UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Int32>?
            ) -> Int32
        typealias Ssyevr =
            @convention(c) (
                Int32, CChar, CChar, CChar, Int32, UnsafeMutablePointer<Float>?, Int32, Float, Float,
                Int32, Int32, Float, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Float>?,
                UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Int32>?
            ) -> Int32
        typealias Dgeqrf =
            @convention(c) (
                Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?
            ) -> Int32
        typealias Sgeqrf =
            @convention(c) (
                Int32, Int32, Int32, UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Float>?
            ) -> Int32
        typealias Dorgqr =
            @convention(c) (
                Int32, Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafePointer<Double>?
            ) -> Int32
        typealias Sorgqr =
            @convention(c) (
                Int32, Int32, Int32, Int32, UnsafeMutablePointer<Float>?, Int32, UnsafePointer<Float>?
            ) -> Int32
        typealias Dgetrf =
            @convention(c) (
                Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Int32>?
            ) -> Int32
        typealias Sgetrf =
            @convention(c) (
                Int32, Int32, Int32, UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Int32>?
            ) -> Int32

        let dgemm: Dgemm
        let sgemm: Sgemm
        let dsyevd: Dsyevd
        let ssyevd: Ssyevd
        let dgesdd: Dgesdd
        let sgesdd: Sgesdd
        let dsyrk: Dsyrk
        let ssyrk: Ssyrk
        let dsyevr: Dsyevr
        let ssyevr: Ssyevr
        let dgeqrf: Dgeqrf
        let sgeqrf: Sgeqrf
        let dorgqr: Dorgqr
        let sorgqr: Sorgqr
        let dgetrf: Dgetrf
        let sgetrf: Sgetrf
    }

    /// The outcome of looking for the libraries, computed once.
    final class Loaded: Sendable {
        let functions: Functions?
        let description: String

        init() {
            if let value = getenv("NDARRAYS_LINALG"), String(cString: value) == "reference" {
                functions = nil
                description = "reference linear algebra (NDARRAYS_LINALG=reference)"
                return
            }
            do {
                let blas = try Library(named: "libopenblas.so.0", probe: "cblas_dgemm")
                let lapacke = try Library(named: "liblapacke.so.3", probe: "LAPACKE_dsyevd")
                functions = Functions(
                    dgemm: try blas.symbol("cblas_dgemm"), sgemm: try blas.symbol("cblas_sgemm"),
                    dsyevd: try lapacke.symbol("LAPACKE_dsyevd"),
                    ssyevd: try lapacke.symbol("LAPACKE_ssyevd"),
                    dgesdd: try lapacke.symbol("LAPACKE_dgesdd"),
                    sgesdd: try lapacke.symbol("LAPACKE_sgesdd"),
                    dsyrk: try blas.symbol("cblas_dsyrk"), ssyrk: try blas.symbol("cblas_ssyrk"),
                    dsyevr: try lapacke.symbol("LAPACKE_dsyevr"),
                    ssyevr: try lapacke.symbol("LAPACKE_ssyevr"),
                    dgeqrf: try lapacke.symbol("LAPACKE_dgeqrf"),
                    sgeqrf: try lapacke.symbol("LAPACKE_sgeqrf"),
                    dorgqr: try lapacke.symbol("LAPACKE_dorgqr"),
                    sorgqr: try lapacke.symbol("LAPACKE_sorgqr"),
                    dgetrf: try lapacke.symbol("LAPACKE_dgetrf"),
                    sgetrf: try lapacke.symbol("LAPACKE_sgetrf"))
                description = "OpenBLAS (\(blas.path)) and LAPACKE (\(lapacke.path))"
            } catch {
                functions = nil
                description =
                    "reference linear algebra: \(error) (install Debian's libopenblas0 and liblapacke"
                    + " for the fast path)"
            }
        }
    }
}

/// A shared library opened with `dlopen`, kept open for the life of the process.
struct Library {
    /// Why a library or one of its symbols could not be loaded.
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    let handle: UnsafeMutableRawPointer
    /// Where the dynamic loader found the library, or its name when that is unknown.
    let path: String

    /// Opens `name`; `probe`, a symbol the library defines, tells where the loader found it.
    init(named name: String, probe: String) throws(LoadError) {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw LoadError(description: "\(name) not found (\(String(cString: dlerror())))")
        }
        self.handle = handle
        let found: UnsafeMutableRawPointer? = dlsym(handle, probe)
        path = found.flatMap { nd_symbol_library($0) }.map { String(cString: $0) } ?? name
    }

    /// The function `name`, as the C function type `F`.
    func symbol<F>(_ name: String) throws(LoadError) -> F {
        guard let address = dlsym(handle, name) else {
            throw LoadError(description: "\(path) has no symbol \(name)")
        }
        return unsafeBitCast(address, to: F.self)
    }
}

/// A flag that is true exactly once, for messages that must not repeat.
final class Announcement: Sendable {
    private let done = Atomic<Bool>(false)

    /// True on the first call only.
    func first() -> Bool {
        !done.exchange(true, ordering: .relaxed)
    }
}

/// Writes `text` to standard error, unbuffered.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
