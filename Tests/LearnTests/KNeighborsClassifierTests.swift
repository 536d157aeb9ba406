import NDArrays
import Testing

@testable import Learn

/// KNeighborsClassifier against scikit-learn 1.9.1 with `algorithm="brute"`, on integer data where
/// many distances tie exactly, so that the tie rules (heap order between equal distances, smallest
/// class between equal votes) decide the answers.
struct KNeighborsClassifierTests {
    let xTrain = matrix([
        [0, 0], [3, 2], [2, 3], [3, 0], [2, 0], [2, 4], [2, 0], [2, 0], [3, 4], [4, 3], [4, 1], [0, 2],
        [2, 3],
        [4, 1], [4, 0], [1, 3], [1, 3], [2, 2], [4, 4], [4, 2],
    ])
    let yTrain = NDArray<Int64>([27, 27, 7, 7, 7, 17, 27, 17, 27, 17, 27, 17, 27, 7, 17, 27, 27, 27, 27, 7])
    let queries = matrix([
        [3.5, 2], [3.5, 1], [0.5, 0], [4.5, 4], [1.5, 2], [1.5, 0], [4.5, 3], [0.5, 1], [2.5, 4], [4.5, 1],
        [3.5, 0], [0.5, 1],
    ])

    func fitted(_ k: Int, _ weights: KNeighborsClassifier.Weights = .uniform) throws -> KNeighborsClassifier {
        var model = KNeighborsClassifier(nNeighbors: k, weights: weights)
        try model.fit(xTrain, yTrain)
        return model
    }

    @Test func predictionsMatchScikitLearn() throws {
        let expected: [Int: [Int64]] = [
            1: [27, 27, 27, 27, 27, 7, 17, 27, 17, 27, 7, 27],
            3: [7, 27, 27, 27, 27, 7, 7, 7, 7, 7, 7, 7],
            5: [7, 7, 17, 27, 27, 7, 27, 17, 27, 7, 7, 17],
        ]
        for (k, labels) in expected {
            for reference in [false, true] {
                #expect(try run(reference) { try fitted(k).predict(queries) }.scalars == labels, "k = \(k)")
            }
        }
        #expect(try fitted(5).classes!.scalars == [7, 17, 27])
    }

    @Test func neighbourSetsMatchScikitLearn() throws {
        let expected: [[Int]] = [
            [1, 9, 10, 13, 19], [1, 3, 10, 13, 14], [0, 4, 6, 7, 11], [1, 8, 9, 18, 19], [2, 12, 15, 16, 17],
            [0, 3, 4, 6, 7], [1, 8, 9, 18, 19], [0, 4, 6, 7, 11], [2, 5, 8, 12, 18], [3, 10, 13, 14, 19],
            [3, 6, 10, 13, 14], [0, 4, 6, 7, 11],
        ]
        let (distances, indices) = try fitted(5).kneighbors(queries)
        for row in 0..<queries.shape[0] {
            #expect(indices.row(row).scalars.map { Int($0) }.sorted() == expected[row], "row \(row)")
        }
        #expect(
            allClose(
                distances.row(6),
                [0.5, 1.118033988749895, 1.118033988749895, 1.8027756377319946, 1.8027756377319946]))
        #expect(allClose(try fitted(3).kneighbors(queries, count: 1).distances.row(7), [1.118033988749895]))
    }

    @Test func probabilitiesMatchScikitLearn() throws {
        let proba = try fitted(5).predictProba(queries)
        #expect(allClose(proba.row(0), [0.4, 0.2, 0.4]) && allClose(proba.row(4), [0.2, 0.0, 0.8]))
        let weighted = try fitted(4, .distance)
        #expect(try weighted.predict(queries).scalars == [27, 7, 27, 27, 27, 7, 17, 27, 27, 7, 7, 27])
        let weightedProba = try weighted.predictProba(queries)
        #expect(allClose(weightedProba.row(0), [0.34549150281252633, 0.15450849718747373, 0.5]))
        #expect(
            allClose(weightedProba.row(6), [0.20592055996805556, 0.4604523700533941, 0.33362706997855035]))
        // A query on a training point takes the labels at distance 0 alone.
        #expect(try weighted.predict(try xTrain.slice(0..<5)).scalars == [27, 27, 7, 7, 7])
    }

    @Test func rowSlicesPredictLikeTheWhole() throws {
        let model = try fitted(5)
        let many = try concatenate(Array(repeating: queries, count: 40))
        #expect(try bySlices(many, size: 37) { try model.predict($0) } == (try model.predict(many)))
        #expect(
            try model.predict(many).scalars
                == Array((0..<40).map { _ in try! model.predict(queries).scalars }.joined()))
    }

    @Test func badInput() throws {
        var model = KNeighborsClassifier()
        #expect(throws: LearnError.notFitted(operation: "KNeighborsClassifier.predict")) {
            try model.predict(queries)
        }
        #expect(
            throws: LearnError.sampleCountMismatch(
                operation: "KNeighborsClassifier.fit", expected: 20, found: 3)
        ) { try model.fit(xTrain, NDArray<Int64>([1, 2, 3])) }
        model.nNeighbors = 21
        try model.fit(xTrain, yTrain)
        #expect(
            throws: LearnError.invalidParameter(
                operation: "KNeighborsClassifier.predict", name: "nNeighbors",
                expected: "in 1...20 (the number of training samples)", found: "21")
        ) { try model.predict(queries) }
        model.nNeighbors = 0
        #expect(throws: LearnError.self) { try model.fit(xTrain, yTrain) }
        model.nNeighbors = 3
        try model.fit(xTrain, yTrain)
        #expect(
            throws: LearnError.featureCountMismatch(
                operation: "KNeighborsClassifier.predict", expected: 2, found: 3)
        ) {
            try model.predict(NDArray<Double>.zeros([1, 3]))
        }
        var broken = queries
        broken[2, 0] = .nan
        #expect(
            throws: LearnError.nonFinite(
                operation: "KNeighborsClassifier.predict", row: 2, column: 0, value: "nan")
        ) {
            try model.predict(broken)
        }
        #expect(
            throws: LearnError.tooFewSamples(
                operation: "KNeighborsClassifier.fit", expected: "at least 1 sample", found: "0")
        ) {
            try model.fit(NDArray<Double>.zeros([0, 2]), NDArray<Int64>([]))
        }
    }
}
