import Devices
import GPUArrays
import NDArrays
import Testing

@testable import GPULearn
@testable import Learn

/// KNeighborsClassifier on the simulated device against scikit-learn's predictions (on integer
/// data where distances tie, so that the tie rules decide) and against Learn.
struct NeighborsTests {
    let xTrain = try! NDArray(rows: [
        [0, 0], [3, 2], [2, 3], [3, 0], [2, 0], [2, 4], [2, 0], [2, 0], [3, 4], [4, 3], [4, 1], [0, 2],
        [2, 3],
        [4, 1], [4, 0], [1, 3], [1, 3], [2, 2], [4, 4], [4, 2],
    ])
    let yTrain = NDArray<Int64>([27, 27, 7, 7, 7, 17, 27, 17, 27, 17, 27, 17, 27, 7, 17, 27, 27, 27, 27, 7])
    let queries = try! NDArray(rows: [
        [3.5, 2], [3.5, 1], [0.5, 0], [4.5, 4], [1.5, 2], [1.5, 0], [4.5, 3], [0.5, 1], [2.5, 4], [4.5, 1],
        [3.5, 0],
        [0.5, 1],
    ])

    func fitted(_ k: Int, _ weights: GPULearn.KNeighborsClassifier.Weights = .uniform, _ context: GPUContext)
        throws
        -> GPULearn.KNeighborsClassifier
    {
        var model = GPULearn.KNeighborsClassifier(nNeighbors: k, weights: weights)
        try model.fit(try upload(xTrain, context), try upload(yTrain, context))
        return model
    }

    @Test func tiesAreBrokenAsScikitLearnBreaksThem() throws {
        let context = try simulatedContext()
        let expected: [Int: [Int64]] = [
            1: [27, 27, 27, 27, 27, 7, 17, 27, 17, 27, 7, 27],
            3: [7, 27, 27, 27, 27, 7, 7, 7, 7, 7, 7, 7],
            5: [7, 7, 17, 27, 27, 7, 27, 17, 27, 7, 7, 17],
        ]
        for (k, labels) in expected {
            let predicted = try fitted(k, .uniform, context).predict(try upload(queries, context))
            #expect(try download(predicted).scalars == labels, "k = \(k)")
        }
        let weighted = try fitted(4, .distance, context)
        #expect(
            try download(weighted.predict(try upload(queries, context))).scalars
                == [27, 7, 27, 27, 27, 7, 17, 27, 27, 7, 7, 27])
        #expect(
            try download(weighted.predict(try upload(try xTrain.slice(0..<5), context))).scalars
                == [27, 27, 7, 7, 7], "queries on training points take the labels at distance 0 alone")
        #expect(try download(fitted(5, .uniform, context).classes!).scalars == [7, 17, 27])
    }

    @Test func theWinePipelinePredictsAsScikitLearn() throws {
        let context = try simulatedContext()
        let (xTrain, xTest, yTrain, yTest) = Wine.loadSplit()
        var (scaler, pca, knn) = (
            GPULearn.StandardScaler(), GPULearn.PCA(nComponents: 2), GPULearn.KNeighborsClassifier()
        )
        try knn.fit(
            try pca.fitTransform(try scaler.fitTransform(try upload(xTrain, context))),
            try upload(yTrain, context))
        var doubled = xTest
        for _ in 0..<3 { doubled = try concatenate([doubled, doubled]) }
        let predicted = try download(
            try knn.predict(try pca.transform(try scaler.transform(try upload(doubled, context)))))
        let expected: [Int64] = [
            0, 0, 2, 0, 1, 0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 2, 2, 2, 1, 1, 1, 0, 0, 1, 2,
            0, 0, 0,
            2, 2, 1, 2, 1, 1, 1, 1, 2, 0, 1, 1, 2, 0, 1, 0, 0, 2,
        ]
        #expect(predicted.scalars == Array(Array(repeating: expected, count: 8).joined()))
        #expect(
            Swift.abs(
                try accuracyScore(try concatenate(Array(repeating: yTest, count: 8)), predicted)
                    - 0.9814814814814815) < 1e-15)
    }

    @Test(arguments: [(1, Learn.KNeighborsClassifier.Weights.uniform), (7, .uniform), (6, .distance)])
    func agreesWithLearnOnRandomData(_ setting: (Int, Learn.KNeighborsClassifier.Weights)) throws {
        let (k, weights) = setting
        let context = try simulatedContext()
        let (x, y) = try makeBlobs(nSamples: 400, nFeatures: 6, centers: 5, clusterStd: 3, randomState: 3)
        let train = try x.slice(0..<300)
        let test = try x.slice(300..<400)
        var host = Learn.KNeighborsClassifier(nNeighbors: k, weights: weights)
        try host.fit(train, try y.slice(0..<300))
        var gpu = GPULearn.KNeighborsClassifier(
            nNeighbors: k, weights: weights == .uniform ? .uniform : .distance)
        try gpu.fit(try upload(train, context), try upload(try y.slice(0..<300), context))
        #expect(try download(try gpu.predict(try upload(test, context))) == (try host.predict(test)))
    }

    @Test func blocksOfQueriesPredictLikeOne() throws {
        let context = try simulatedContext()
        let model = try fitted(5, .uniform, context)
        let many = try concatenate(Array(repeating: queries, count: 50))
        let whole = try download(try model.predict(try upload(many, context)))
        #expect(
            whole.scalars
                == Array(
                    Array(repeating: [7, 7, 17, 27, 27, 7, 27, 17, 27, 7, 7, 17] as [Int64], count: 50)
                        .joined()))
    }
}
