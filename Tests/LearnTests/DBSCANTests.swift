import NDArrays
import Testing

@testable import Learn

/// DBSCAN against scikit-learn 1.9.1 on a fixed case with a border point between two clusters,
/// and against a naive O(n²) transcription of scikit-learn's algorithm on random data.
struct DBSCANTests {
    /// Two clusters joined by a border point (index 4) whose lower-indexed core neighbour (2) is in
    /// the higher-numbered cluster, plus noise.
    let points = matrix([
        [4, 1], [3, 0], [1, 1], [3, 2], [2, 1], [0, 1], [1, 0], [1, 2], [3, 1], [0, 0], [7, 7], [4, 0],
        [4, 2],
    ])

    @Test func matchesScikitLearn() throws {
        let cases: [(Double, Double, [Int64], [Int64])] = [
            (1.0, 4, [0, 0, 1, 0, 0, 1, 1, 1, 0, -1, -1, 0, 0], [0, 2, 8]),
            (1.0, 3, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0], [0, 1, 2, 3, 4, 5, 6, 8, 9, 11, 12]),
            (1.5, 5, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0], [0, 1, 2, 3, 4, 5, 6, 8]),
            (1.0, 3.5, [0, 0, 1, 0, 0, 1, 1, 1, 0, -1, -1, 0, 0], [0, 2, 8]),
            (1.0, 14, Array(repeating: -1, count: 13), []),
        ]
        for (eps, minSamples, labels, cores) in cases {
            var model = DBSCAN(eps: eps, minSamples: minSamples)
            #expect(try model.fitPredict(points).scalars == labels, "eps \(eps), minSamples \(minSamples)")
            #expect(model.coreSampleIndices!.scalars == cores)
            #expect(model.components! == takeRows(points, cores.map { Int($0) }))
        }
    }

    /// scikit-learn's algorithm as written: neighbourhoods by exact distances, then
    /// `dbscan_inner`'s depth-first search.
    func naiveLabels(_ x: NDArray<Double>, eps: Double, minSamples: Double) -> [Int64] {
        let (n, d) = (x.shape[0], x.shape[1])
        let rows = (0..<n).map { x.row($0).scalars }
        func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for k in 0..<d { total += (a[k] - b[k]) * (a[k] - b[k]) }
            return total
        }
        let neighbourhoods: [[Int]] = (0..<n).map { i in
            (0..<n).filter { j in squaredDistance(rows[i], rows[j]) <= eps * eps }
        }
        let core = neighbourhoods.map { Double($0.count) >= minSamples }
        var labels = [Int64](repeating: -1, count: n)
        var label: Int64 = 0
        for start in 0..<n where labels[start] == -1 && core[start] {
            var stack: [Int] = []
            var i = start
            while true {
                if labels[i] == -1 {
                    labels[i] = label
                    if core[i] { stack += neighbourhoods[i].filter { labels[$0] == -1 } }
                }
                guard let next = stack.popLast() else { break }
                i = next
            }
            label += 1
        }
        return labels
    }

    @Test(arguments: [(300, 2, 0.3, 4.0), (500, 5, 1.2, 6.4), (700, 3, 0.5, 3.0), (257, 40, 7.5, 5.0)])
    func matchesTheNaiveAlgorithm(_ setting: (Int, Int, Double, Double)) throws {
        let (n, d, eps, minSamples) = setting
        let (x, _) = try makeBlobs(
            nSamples: n, nFeatures: d, centers: 4, clusterStd: 1.0, centerBox: (-4, 4), randomState: UInt64(n)
        )
        let expected = naiveLabels(x, eps: eps, minSamples: minSamples)
        #expect(Set(expected).count > 2, "the case has several clusters")
        for reference in [false, true] {
            var model = DBSCAN(eps: eps, minSamples: minSamples)
            #expect(try run(reference) { try model.fitPredict(x) }.scalars == expected)
        }
    }

    @Test func tilesAndBoundaryPairs() throws {
        // More rows than one tile, and pairs exactly at distance eps (integer coordinates), which
        // the single-precision filter must send to the exact check.
        var coordinates: [Double] = []
        for i in 0..<2500 { coordinates += [Double(i % 50 * 3), Double(i / 50 * 4)] }
        let grid = try NDArray<Double>(shape: [2500, 2], scalars: coordinates)
        let edgeCounts = try RadiusGraph(grid, eps: 5, norms: squaredRowNorms(grid)).counts
        // Neighbours at distance 3, 4 and 5 (3-4-5 triangles), the point itself included.
        #expect(edgeCounts[51 * 10 + 10] == 9)
        #expect(edgeCounts[0] == 4)
        var model = DBSCAN(eps: 5, minSamples: 9)
        let labels = try model.fitPredict(grid)
        #expect(labels.scalars == naiveLabels(grid, eps: 5, minSamples: 9))
    }

    @Test func doublePrecisionProductsForHugeValues() throws {
        // Squared norms above 1e30 would overflow single precision: the products run in double.
        let scaled = multiply(points, 1e16)
        var model = DBSCAN(eps: 1e16, minSamples: 4)
        #expect(try model.fitPredict(scaled).scalars == [0, 0, 1, 0, 0, 1, 1, 1, 0, -1, -1, 0, 0])
    }

    @Test func badInput() throws {
        var model = DBSCAN(eps: 0)
        #expect(
            throws: LearnError.invalidParameter(
                operation: "DBSCAN.fit", name: "eps", expected: "> 0 and finite", found: "0.0")
        ) {
            try model.fit(points)
        }
        model = DBSCAN(eps: 1, minSamples: 0.5)
        #expect(throws: LearnError.self) { try model.fit(points) }
        model = DBSCAN(eps: 1)
        var broken = points
        broken[7, 1] = .infinity
        #expect(throws: LearnError.nonFinite(operation: "DBSCAN.fit", row: 7, column: 1, value: "inf")) {
            try model.fit(broken)
        }
        #expect(
            throws: LearnError.tooFewSamples(
                operation: "DBSCAN.fit", expected: "at least 1 sample", found: "0")
        ) {
            try model.fit(NDArray<Double>.zeros([0, 2]))
        }
    }
}
