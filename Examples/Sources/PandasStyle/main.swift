// A pandas-style program: a CSV file read lazily (each batch parses only its own rows), Series
// arithmetic, comparisons and `mask` fused into one pass per batch, reductions that skip missing
// values, and a group-by, paged through a 1 MiB simulated device.
import BachFrames
import Foundation

// 200,000 cities: region, population, robberies; every 97th population is missing.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("bach-cities.csv").path
var text = "region,population,robberies\n"
for i in 0..<200_000 {
    let population = i % 97 == 0 ? "" : "\(10_000 + (i * 7919) % 990_000)"
    text += "r\(i % 5),\(population),\((i * 31) % 700)\n"
}
try text.write(toFile: path, atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(atPath: path) }

let bach = Bach(device: try SimulatedDevice(memory: 1 << 20))
let cities = try bach.readCSV(path)
let population = try cities.series("population", as: Double.self)  // float64, as pandas infers it: it has NA
let robberies = try cities.series("robberies", as: Int64.self).toDouble()
let rate = robberies / population * 100_000.0  // per 100,000 people; missing where population is
let capped = try rate.mask(rate > 2_000.0, 2_000.0)  // pandas' mask: replace where the condition holds
let byRegion = try cities.groupBy("region").sum()

let meanRate = try capped.mean().value()
print("cities with a population:", try population.countPresent().value())
print("mean rate:", meanRate, "max:", try capped.max().value() ?? .nan)
print("by region:\n" + (try byRegion.value().toCSV()))
for stage in bach.counters.stages { print("stage:", stage) }

// The same with Frames, eagerly: the results agree.
let frame = try Frames.readCSV(path)
let eagerRate =
    try frame.series("robberies", as: Int64.self).toDouble() / frame.series("population", as: Double.self)
    * 100_000.0
let eagerMean = try eagerRate.mask(eagerRate > 2_000.0, 2_000.0).mean()
guard abs(eagerMean - meanRate) <= 1e-9 * eagerMean else {
    fatalError("lazy mean \(meanRate) differs from the eager \(eagerMean)")
}
print("matches Frames:", eagerMean)
