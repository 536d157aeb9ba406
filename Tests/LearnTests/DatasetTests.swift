import NDArrays
import Testing

@testable import Learn

/// makeBlobs (against its definition: sizes, centres, spread, determinism), the shipped Wine data
/// and split (against scikit-learn's), trainTestSplit and accuracyScore.
struct DatasetTests {
    @Test func blobsHaveTheRequestedShapeAndSpread() throws {
        let (x, y) = try makeBlobs(nSamples: 3001, nFeatures: 4, centers: 3, clusterStd: 0.5, randomState: 9)
        #expect(x.shape == [3001, 4] && y.shape == [3001])
        let counts = (0..<3).map { c in y.scalars.filter { $0 == Int64(c) }.count }
        #expect(counts == [1001, 1000, 1000], "the first n % centers centres get one more")
        let (sorted, sortedLabels) = try makeBlobs(
            nSamples: 3001, nFeatures: 4, centers: 3, clusterStd: 0.5, shuffle: false, randomState: 9)
        #expect(sortedLabels.scalars == sortedLabels.scalars.sorted())
        #expect(y.scalars != sortedLabels.scalars, "shuffled")
        // Each cluster's points scatter around one centre inside the box with the given spread.
        for c in 0..<3 {
            let members = takeRows(sorted, (0..<3001).filter { sortedLabels[$0] == Int64(c) })
            let centre = try mean(members, axis: 0)
            #expect(centre.scalars.allSatisfy { $0 > -10.1 && $0 < 10.1 })
            let spread = try std(members, axis: 0)
            #expect(spread.scalars.allSatisfy { Swift.abs($0 - 0.5) < 0.05 })
        }
    }

    @Test func blobsAreDeterministicPerSeed() throws {
        let a = try makeBlobs(nSamples: 200, nFeatures: 3, centers: 4, randomState: 1)
        let b = try makeBlobs(nSamples: 200, nFeatures: 3, centers: 4, randomState: 1)
        let c = try makeBlobs(nSamples: 200, nFeatures: 3, centers: 4, randomState: 2)
        #expect(a.x == b.x && a.y == b.y)
        #expect(a.x != c.x)
        let given = matrix([[0, 0], [100, 100]])
        let (x, y) = try makeBlobs(nSamples: 10, centers: given, clusterStd: 0, randomState: 3)
        for i in 0..<10 { #expect(x.row(i) == given.row(Int(y[i]))) }
    }

    @Test func blobErrors() {
        #expect(
            throws: LearnError.invalidParameter(
                operation: "makeBlobs", name: "nSamples", expected: ">= 1", found: "0")
        ) {
            try makeBlobs(nSamples: 0)
        }
        #expect(
            throws: LearnError.invalidParameter(
                operation: "makeBlobs", name: "centers", expected: ">= 1", found: "0")
        ) {
            try makeBlobs(centers: 0)
        }
        #expect(throws: LearnError.self) { try makeBlobs(clusterStd: -1) }
    }

    @Test func wineIsScikitLearnsData() {
        let (data, target) = Wine.load()
        #expect(data.shape == [178, 13] && target.shape == [178])
        #expect(
            data.row(0).scalars == [
                14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065,
            ])
        #expect(data[177, 12] == 560 && target[177] == 2)
        #expect([0, 1, 2].map { c in target.scalars.filter { $0 == c }.count } == [59, 71, 48])
        #expect(Wine.featureNames.count == 13 && Wine.targetNames == ["class_0", "class_1", "class_2"])
        let split = Wine.loadSplit()
        #expect(split.xTrain.shape == [124, 13] && split.xTest.shape == [54, 13])
        #expect(Set(Wine.trainIndices + Wine.testIndices) == Set(0..<178))
        #expect(
            Wine.trainIndices.prefix(3) == [138, 104, 78] && Wine.testIndices.prefix(3) == [19, 45, 140])
        #expect(split.xTest.row(0) == data.row(19) && split.yTrain[0] == target[138])
    }

    @Test func trainTestSplitTakesTheGivenRows() throws {
        let x = matrix([[0, 1], [2, 3], [4, 5], [6, 7]])
        let y = NDArray<Int64>([10, 11, 12, 13])
        let split = try trainTestSplit(x, y, trainIndices: [3, 0], testIndices: [2])
        #expect(split.xTrain == matrix([[6, 7], [0, 1]]) && split.yTrain.scalars == [13, 10])
        #expect(split.xTest == matrix([[4, 5]]) && split.yTest.scalars == [12])
        #expect(
            throws: LearnError.invalidParameter(
                operation: "trainTestSplit", name: "indices", expected: "within 0..<4", found: "4")
        ) {
            try trainTestSplit(x, y, trainIndices: [4], testIndices: [])
        }
        #expect(throws: LearnError.sampleCountMismatch(operation: "trainTestSplit", expected: 4, found: 2)) {
            try trainTestSplit(x, NDArray<Int64>([1, 2]), trainIndices: [0], testIndices: [1])
        }
    }

    @Test func accuracy() throws {
        #expect(try accuracyScore(NDArray([1, 2, 3, 4]), NDArray([1, 2, 0, 4])) == 0.75)
        #expect(throws: LearnError.sampleCountMismatch(operation: "accuracyScore", expected: 2, found: 1)) {
            try accuracyScore(NDArray([1, 2]), NDArray([1]))
        }
        #expect(
            throws: LearnError.tooFewSamples(
                operation: "accuracyScore", expected: "at least 1 label", found: "0")
        ) {
            try accuracyScore(NDArray([]), NDArray([]))
        }
    }
}
