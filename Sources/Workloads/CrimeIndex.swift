import BachFrames

/// The seed's `crime_index` workload: a crime index per city from three one-column CSV files
/// (total population, adult population, robberies), clamped into bands, summed. The same calls as
/// the seed's pandas version, written once for every series type.
public enum CrimeIndex {
    /// The seed's default size (2^26 cities).
    public static let defaultSize = 1 << 26

    /// The seed's file names, in argument order.
    public static let columns = ["total_population", "adult_population", "num_robberies"]

    /// The value every line of each file holds in the seed's data.
    public static let seedValues: [Double] = [500_000, 250_000, 1000]

    /// The sum of the cities' crime indices: the calls of the seed's `run_bach_cudf`, which are
    /// those of its pandas version (`run_pandas`) one by one.
    public static func run<T: NumericSeries>(totalPopulation: T, adultPopulation: T, numRobberies: T) throws
        -> T.Total
    where T.Scalar == Double {
        // Get all city information with total population greater than 500,000.
        let bigCities = try T.greaterThan(totalPopulation, 500_000.0)
        let big = try T.mask(totalPopulation, bigCities, 0.0)

        var doublePopulation = try T.multiply(adultPopulation, 2.0)
        doublePopulation = try T.add(big, doublePopulation)
        let multiplied = try T.multiply(numRobberies, 2000.0)
        doublePopulation = try T.subtract(doublePopulation, multiplied)
        var crimeIndex = try T.divide(doublePopulation, 100_000.0)

        let greater = try T.greaterThan(crimeIndex, 0.02)
        crimeIndex = try T.mask(crimeIndex, greater, 0.032)
        let less = try T.lessThan(crimeIndex, 0.01)
        crimeIndex = try T.mask(crimeIndex, less, 0.005)
        return try T.sum(crimeIndex)
    }

    /// The same computed one city at a time from the values themselves (NaN for a missing one): an
    /// oracle independent of every series library, for checking the cpu mode.
    static func reference(_ totalPopulation: Double, _ adultPopulation: Double, _ numRobberies: Double)
        -> Double
    {
        let big = totalPopulation > 500_000 ? 0.0 : totalPopulation
        var index = (adultPopulation * 2 + big - numRobberies * 2000) / 100_000
        if index > 0.02 { index = 0.032 }
        if index < 0.01 { index = 0.005 }
        return index
    }
}
