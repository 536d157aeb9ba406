import NDArrays
import Testing

@testable import Learn

/// The paper's `pca` benchmark at its smallest: Wine, StandardScaler → PCA(2) → 5-NN, fitted on
/// scikit-learn's 124 training rows; predictions and intermediate values from scikit-learn 1.9.1.
struct WinePipelineTests {
    @Test func predictsAsScikitLearnDoes() throws {
        let (xTrain, xTest, yTrain, yTest) = Wine.loadSplit()
        var scaler = StandardScaler()
        var pca = PCA(nComponents: 2)
        var knn = KNeighborsClassifier()
        try knn.fit(try pca.fitTransform(try scaler.fitTransform(xTrain)), yTrain)
        let reducedTest = try pca.transform(try scaler.transform(xTest))
        let predicted = try knn.predict(reducedTest)
        #expect(
            predicted.scalars == [
                0, 0, 2, 0, 1, 0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 2, 2, 2, 1, 1, 1, 0, 0,
                1, 2, 0, 0, 0,
                2, 2, 1, 2, 1, 1, 1, 1, 2, 0, 1, 1, 2, 0, 1, 0, 0, 2,
            ])
        #expect(Swift.abs(try accuracyScore(yTest, predicted) - 0.9814814814814815) < 1e-15)
        #expect(allClose(pca.explainedVarianceRatio!, [0.3619622571618153, 0.18763861503964702]))
        #expect(
            allClose(
                pca.components!.row(0),
                [
                    0.13443022714615652, -0.2568024768912842, -0.011346297437110152, -0.23405337002529758,
                    0.15840049258610966, 0.39194918337203255, 0.4160764857715311, -0.27871335907092176,
                    0.3312925476050647, -0.11383281974164698, 0.29726413245966465, 0.38054254853682296,
                    0.2750715685584554,
                ]))
        #expect(
            allClose(
                try reducedTest.slice(0..<2),
                [[2.01965547732246, 1.1228093184629369], [1.0814684948756668, 1.831975374017213]]))
        // The benchmark's test set: the 54 rows doubled ten times, classified slice by slice.
        var doubled = xTest
        for _ in 0..<10 { doubled = try concatenate([doubled, doubled]) }
        let all = try knn.predict(try pca.transform(try scaler.transform(doubled)))
        #expect(
            all.count == 55_296
                && all.scalars == Array(Array(repeating: predicted.scalars, count: 1024).joined()))
    }
}
