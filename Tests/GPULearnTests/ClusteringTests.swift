import Devices
import GPUArrays
import NDArrays
import Testing

@testable import GPULearn
@testable import Learn

/// DBSCAN on the simulated device: scikit-learn's labels on a fixed case with a border point
/// between two clusters, and Learn's (which match a naive transcription of scikit-learn) on
/// random blobs, on a grid where pairs lie exactly at distance eps, and across blocks of rows.
struct ClusteringTests {
    let points = try! NDArray(rows: [
        [4, 1], [3, 0], [1, 1], [3, 2], [2, 1], [0, 1], [1, 0], [1, 2], [3, 1], [0, 0], [7, 7], [4, 0],
        [4, 2],
    ])

    @Test func matchesScikitLearn() throws {
        let context = try simulatedContext()
        let cases: [(Double, Double, [Int64], [Int64])] = [
            (1.0, 4, [0, 0, 1, 0, 0, 1, 1, 1, 0, -1, -1, 0, 0], [0, 2, 8]),
            (1.0, 3, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0], [0, 1, 2, 3, 4, 5, 6, 8, 9, 11, 12]),
            (1.5, 5, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0], [0, 1, 2, 3, 4, 5, 6, 8]),
            (1.0, 3.5, [0, 0, 1, 0, 0, 1, 1, 1, 0, -1, -1, 0, 0], [0, 2, 8]),
            (1.0, 14, Array(repeating: -1, count: 13), []),
        ]
        for (eps, minSamples, labels, cores) in cases {
            var model = GPULearn.DBSCAN(eps: eps, minSamples: minSamples)
            #expect(
                try download(try model.fitPredict(try upload(points, context))).scalars == labels,
                "eps \(eps), minSamples \(minSamples)")
            #expect(try download(model.coreSampleIndices!).scalars == cores)
        }
    }

    @Test(arguments: [(300, 2, 0.3, 4.0), (500, 5, 1.2, 6.4), (700, 3, 0.5, 3.0), (257, 40, 7.5, 5.0)])
    func matchesLearnOnBlobs(_ setting: (Int, Int, Double, Double)) throws {
        let (n, d, eps, minSamples) = setting
        let context = try simulatedContext()
        let (x, _) = try makeBlobs(
            nSamples: n, nFeatures: d, centers: 4, clusterStd: 1.0, centerBox: (-4, 4), randomState: UInt64(n)
        )
        var host = Learn.DBSCAN(eps: eps, minSamples: minSamples)
        let expected = try host.fitPredict(x)
        #expect(Set(expected.scalars).count > 2, "the case has several clusters")
        var gpu = GPULearn.DBSCAN(eps: eps, minSamples: minSamples)
        #expect(try download(try gpu.fitPredict(try upload(x, context))) == expected)
        #expect(try download(gpu.coreSampleIndices!) == host.coreSampleIndices!)
    }

    @Test func pairsExactlyAtEpsAndBlocksOfRows() throws {
        // Integer coordinates put many pairs exactly at distance eps (3-4-5 triangles); more rows
        // than one block of products makes the device work block by block.
        var coordinates: [Double] = []
        for i in 0..<2500 { coordinates += [Double(i % 50 * 3), Double(i / 50 * 4)] }
        let grid = try NDArray<Double>(shape: [2500, 2], scalars: coordinates)
        var host = Learn.DBSCAN(eps: 5, minSamples: 9)
        let expected = try host.fitPredict(grid)
        let context = try simulatedContext()
        let device = context.device as! SimulatedDevice
        device.clearLog()
        var gpu = GPULearn.DBSCAN(eps: 5, minSamples: 9, maxBytesPerBatch: 300 * 2500 * 8)
        #expect(try download(try gpu.fitPredict(try upload(grid, context))) == expected)
        let products = device.log.filter { $0.phase == .completed && $0.operation == .kernel(name: "dgemm") }
        #expect(products.count == 9, "2500 rows in blocks of 300")
    }

    @Test func theBenchmarksSettingFindsItsClusters() throws {
        let context = try simulatedContext()
        let (x, _) = try makeBlobs(
            nSamples: 1024, nFeatures: 256, centers: 32, clusterStd: 1, centerBox: (-2, 2), randomState: 42)
        let standardised = try divide(subtract(x, mean(x, axis: 0)), std(x, axis: 0))
        var gpu = GPULearn.DBSCAN(eps: 16, minSamples: 1024.0 / 32 * 0.05)
        var host = Learn.DBSCAN(eps: 16, minSamples: 1024.0 / 32 * 0.05)
        let labels = try download(try gpu.fitPredict(try upload(standardised, context)))
        #expect(labels == (try host.fitPredict(standardised)))
        #expect(Set(labels.scalars.filter { $0 >= 0 }).count == 32 && !labels.scalars.contains(-1))
    }
}
