/// The argument checks every `DeviceLinearAlgebra` makes before issuing a call, with cuBLAS's
/// rules (non-negative sizes, leading dimensions at least the rows, and at least 1), plus one
/// cuBLAS cannot make: every matrix lies inside its buffer. Each returns the device memory the
/// call touches, as (start, bytes).
enum LinearAlgebraChecks {
    typealias Region = (start: DeviceAddress, bytes: Int)

    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: DeviceMatrix, b: DeviceMatrix,
        c: DeviceMatrix
    ) throws(DeviceError) -> [Region] {
        try sizes("gemm", ["m": m, "n": n, "k": k])
        let (aRows, aColumns) = transposeA ? (k, m) : (m, k)
        let (bRows, bColumns) = transposeB ? (n, k) : (k, n)
        return [
            try matrix("gemm", "a", a, rows: aRows, columns: aColumns),
            try matrix("gemm", "b", b, rows: bRows, columns: bColumns),
            try matrix("gemm", "c", c, rows: m, columns: n),
        ]
    }

    static func syrk(transpose: Bool, n: Int, k: Int, a: DeviceMatrix, c: DeviceMatrix) throws(DeviceError)
        -> [Region]
    {
        try sizes("syrk", ["n": n, "k": k])
        let (aRows, aColumns) = transpose ? (k, n) : (n, k)
        return [
            try matrix("syrk", "a", a, rows: aRows, columns: aColumns),
            try matrix("syrk", "c", c, rows: n, columns: n),
        ]
    }

    static func eigen(
        n: Int, a: DeviceMatrix, values: DeviceAddress, workspace: DeviceAddress, workspaceCount: Int,
        required: Int, info: DeviceAddress
    ) throws(DeviceError) -> [Region] {
        try sizes("symmetricEigen", ["n": n, "workspaceCount": workspaceCount])
        guard workspaceCount >= required else {
            throw .invalidArgument(
                "symmetricEigen: expected a workspace of at least \(required) doubles for n = \(n), found \(workspaceCount)"
            )
        }
        let double = MemoryLayout<Double>.stride
        return [
            try matrix("symmetricEigen", "a", a, rows: n, columns: n),
            try region("symmetricEigen", "values", values, bytes: n * double),
            try region("symmetricEigen", "workspace", workspace, bytes: workspaceCount * double),
            try region("symmetricEigen", "info", info, bytes: MemoryLayout<Int32>.stride),
        ]
    }

    /// Throws unless every size is non-negative and fits cuBLAS's 32-bit integers.
    static func sizes(_ call: String, _ values: KeyValuePairs<String, Int>) throws(DeviceError) {
        for (name, value) in values where value < 0 || value > Int(Int32.max) {
            throw .invalidArgument("\(call): expected \(name) in 0...\(Int32.max), found \(value)")
        }
    }

    /// The bytes a rows × columns matrix spans, checked against its leading dimension and buffer.
    static func matrix(_ call: String, _ name: String, _ matrix: DeviceMatrix, rows: Int, columns: Int)
        throws(DeviceError) -> Region
    {
        guard matrix.leadingDimension >= Swift.max(1, rows), matrix.leadingDimension <= Int(Int32.max) else {
            throw .invalidArgument(
                "\(call): expected a leading dimension of \(name) of at least max(1, \(rows)) rows,"
                    + " found \(matrix.leadingDimension)")
        }
        return try region(call, name, matrix.start, bytes: matrix.span(rows: rows, columns: columns))
    }

    /// `bytes` bytes at `start`, checked to lie inside its buffer.
    static func region(_ call: String, _ name: String, _ start: DeviceAddress, bytes: Int) throws(DeviceError)
        -> Region
    {
        guard start.offset >= 0, start.offset + bytes <= start.buffer.bytes else {
            throw .invalidArgument(
                "\(call): expected \(name) to lie inside its buffer of \(start.buffer.bytes) bytes,"
                    + " found \(bytes) bytes at offset \(start.offset)")
        }
        return (start, bytes)
    }
}
