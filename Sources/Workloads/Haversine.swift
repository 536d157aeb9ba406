import BachNumeric
import NDArrays

#if canImport(Glibc)
    import Glibc
#endif

/// Great-circle distances in miles from one point, the seed's `haversine` workload: the same
/// constants and the same sequence of `out:` calls, written once for every array type.
public enum Haversine {
    /// The seed's default size (2^26 points).
    public static let defaultSize = 1 << 26

    /// The seed's inputs: every latitude and longitude is 0.0698132 radians (`random` gives varied
    /// coordinates instead, for stronger validation).
    public static func inputs(size: Int, random: Bool) -> [NDArray<Double>] {
        (0..<2).map { index in
            random
                ? NDArray<Double>.uniform([size], low: -1.5, high: 1.5, seed: UInt64(10 + index))
                : NDArray<Double>.full([size], 0.0698132)
        }
    }

    /// The distance from (0.70984286, 1.23892197) to every point.
    public static func run<A: NumericArray>(lat2: A, lon2: A) throws -> A where A.Scalar == Double {
        let size = lat2.count
        var a = try lat2.emptyLike(count: size)
        var dlat = try lat2.emptyLike(count: size)
        var dlon = try lat2.emptyLike(count: size)

        let lat1 = 0.70984286
        let lon1 = 1.23892197
        let milesConstant = 3959.0

        try A.subtract(lat2, lat1, out: &dlat)
        try A.subtract(lon2, lon1, out: &dlon)

        // dlat = sin(dlat / 2.0) ** 2.0
        try A.divide(dlat, 2.0, out: &dlat)
        try A.sin(dlat, out: &dlat)
        try A.multiply(dlat, dlat, out: &dlat)

        // a = cos(lat1) * cos(lat2)
        let lat1Cos = cos(lat1)
        try A.cos(lat2, out: &a)
        try A.multiply(a, lat1Cos, out: &a)

        // a = a + sin(dlon / 2.0) ** 2.0
        try A.divide(dlon, 2.0, out: &dlon)
        try A.sin(dlon, out: &dlon)
        try A.multiply(dlon, dlon, out: &dlon)
        try A.multiply(a, dlon, out: &a)
        try A.add(dlat, a, out: &a)

        try A.sqrt(a, out: &a)
        try A.arcsin(a, out: &a)
        try A.multiply(a, 2.0, out: &a)

        try A.multiply(a, milesConstant, out: &a)
        return a
    }
}
