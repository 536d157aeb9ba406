import Frames
import NDArrays
import Testing

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = #function) -> String {
    let path =
        "/tmp/frames-tests-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber })-\(text.utf8.count).csv"
    let file = fopen(path, "wb")!
    _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, text.utf8.count, file) }
    fclose(file)
    return path
}

/// The `CSVError` `body` throws, or nil.
func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch {
        return error as? CSVError
    }
}

/// The `FrameError` `body` throws, or nil.
func frameError<T>(_ body: () throws -> T) -> FrameError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? FrameError
    }
}

/// Deletes a file made by `temporaryFile`.
func removeFile(_ path: String) {
    unlink(path)
}

/// Whether two doubles agree to a few units in the last place (NaN agrees with NaN).
func close(_ a: Double, _ b: Double, ulps: Double = 8) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return Swift.abs(a - b) <= ulps * Swift.max(a.ulp, b.ulp)
}

extension DataFrame {
    /// Column `name` as a series of `S`, failing the test when it is absent or of another type.
    func typed<S: FrameScalar>(_ name: String, _ type: S.Type) -> Series<S>? {
        try? series(name, as: type)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
