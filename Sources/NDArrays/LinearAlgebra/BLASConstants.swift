/// The CBLAS and LAPACKE enumeration values NDArrays passes (from `cblas.h` and `lapacke.h`),
/// named so that no call site carries a bare number.
enum CBLAS {
    /// `CblasRowMajor`, also `LAPACK_ROW_MAJOR`: every NDArray is row-major.
    static let rowMajor: Int32 = 101
    /// `CblasColMajor`, also `LAPACK_COL_MAJOR`.
    static let columnMajor: Int32 = 102
    /// `CblasNoTrans`.
    static let noTranspose: Int32 = 111
    /// `CblasTrans`.
    static let transpose: Int32 = 112
    /// `CblasLower`: the lower triangle of a symmetric matrix is read or written.
    static let lower: Int32 = 122

    /// The transpose flag for `transposed`.
    static func operation(_ transposed: Bool) -> Int32 { transposed ? transpose : noTranspose }
}

/// LAPACK's single-character arguments.
enum LAPACKFlag {
    /// `jobz = 'V'`: compute eigenvectors too.
    static let vectors = CChar(UInt8(ascii: "V"))
    /// `range = 'I'`: the eigenvalues with indices `il ... iu`.
    static let byIndex = CChar(UInt8(ascii: "I"))
    /// `uplo = 'U'`: read the upper triangle (of the column-major view).
    static let upper = CChar(UInt8(ascii: "U"))
}
