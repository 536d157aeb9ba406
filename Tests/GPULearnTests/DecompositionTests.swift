import Devices
import GPUArrays
import NDArrays
import Testing

@testable import GPULearn
@testable import Learn

/// TruncatedSVD, PCA and StandardScaler on the simulated device against scikit-learn's values and
/// against Learn on the host.
struct DecompositionTests {
    /// `T` of Learn's TruncatedSVD tests (14 × 6, non-negative), with scikit-learn 1.9.1's results.
    let t = try! NDArray(rows: [
        [3.5, 0.0, 3.5, 3.5, 2.0, 1.5], [4.0, 4.0, 3.0, 1.5, 0.5, 4.0], [1.0, 2.5, 3.0, 1.0, 1.0, 3.0],
        [0.5, 3.0, 4.0, 3.0, 2.5, 2.0], [4.0, 0.5, 1.5, 2.5, 2.5, 0.0], [0.5, 3.0, 3.5, 2.5, 4.0, 1.5],
        [1.0, 3.5, 0.0, 0.5, 0.5, 1.5], [0.5, 3.5, 3.5, 1.5, 0.0, 3.0], [0.0, 2.5, 0.5, 4.0, 3.0, 4.0],
        [2.5, 3.0, 1.5, 3.5, 0.5, 0.5], [1.5, 3.0, 2.0, 3.5, 4.0, 1.5], [1.5, 2.0, 2.5, 2.0, 2.5, 4.0],
        [3.0, 1.0, 1.5, 1.5, 0.5, 0.0], [3.5, 1.5, 1.5, 2.5, 2.5, 4.0],
    ])

    @Test func truncatedSVDMatchesScikitLearn() throws {
        let context = try simulatedContext()
        var svd = GPULearn.TruncatedSVD(nComponents: 3)
        let reduced = try download(try svd.fitTransform(try upload(t, context)))
        let components = try NDArray(rows: [
            [
                0.3435027127991144, 0.43462908782031023, 0.4293840175445502, 0.44310987259659596,
                0.36098835572866483, 0.42670113151148176,
            ],
            [
                0.6779485506656997, -0.474366923271559, -0.013495713288497945, 0.2686516826787416,
                0.16245367948584866, -0.46541887144203353,
            ],
            [
                -0.5707579826785663, -0.17949659765705064, -0.10469425433937522, 0.35983305707388713,
                0.6792092973224222, -0.20062480209136918,
            ],
        ])
        #expect(agree(try download(svd.components!), components, tolerance: 1e-10))
        #expect(
            agree(
                try download(svd.singularValues!),
                NDArray([20.32155809149642, 6.430022945896927, 5.571877558202406]),
                tolerance: 1e-12))
        #expect(
            agree(
                try download(svd.explainedVariance!),
                NDArray([1.4335631465549663, 2.946834926611224, 2.2100038717283903]), tolerance: 1e-10))
        #expect(
            agree(
                try download(svd.explainedVarianceRatio!),
                NDArray([0.15175715729126296, 0.31195227956564936, 0.2339512605232322]), tolerance: 1e-10))
        #expect(
            agree(
                try reduced.slice(0..<2),
                try NDArray(rows: [
                    [5.618016519015463, 2.8926448720044493, -0.04718573829639952],
                    [6.952642767916503, -0.6036317522960284, -3.2382460584540285],
                ]), tolerance: 1e-10))
        #expect(
            try download(try svd.transform(try upload(t, context))) == reduced, "fitTransform is transform(x)"
        )
    }

    @Test func truncatedSVDAgreesWithLearnOnTheBenchmarksData() throws {
        let context = try simulatedContext()
        let (x, _) = try makeBlobs(nSamples: 2000, nFeatures: 64, centers: 1, randomState: 7)
        var host = Learn.TruncatedSVD(nComponents: 2, algorithm: .arpack, tol: 1e-5)
        let expected = try host.fitTransform(x)
        var gpu = GPULearn.TruncatedSVD(nComponents: 2, tol: 1e-5)
        let reduced = try download(try gpu.fitTransform(try upload(x, context)))
        #expect(agree(reduced, expected, tolerance: 1e-9))
        #expect(agree(try download(gpu.components!), host.components!, tolerance: 1e-10))
        #expect(
            agree(try download(gpu.explainedVarianceRatio!), host.explainedVarianceRatio!, tolerance: 1e-9))
        #expect(agree(try download(gpu.singularValues!), host.singularValues!, tolerance: 1e-11))
    }

    @Test func pcaAndTheScalerAgreeWithLearnOnWine() throws {
        let context = try simulatedContext()
        let (xTrain, xTest, _, _) = Wine.loadSplit()
        var (hostScaler, hostPCA) = (Learn.StandardScaler(), Learn.PCA(nComponents: 2))
        let expectedTrain = try hostPCA.fitTransform(try hostScaler.fitTransform(xTrain))
        let expectedTest = try hostPCA.transform(try hostScaler.transform(xTest))
        var (scaler, pca) = (GPULearn.StandardScaler(), GPULearn.PCA(nComponents: 2))
        let train = try pca.fitTransform(try scaler.fitTransform(try upload(xTrain, context)))
        let test = try pca.transform(try scaler.transform(try upload(xTest, context)))
        #expect(agree(try download(scaler.mean!), hostScaler.mean!, tolerance: 1e-13))
        #expect(agree(try download(scaler.scale!), hostScaler.scale!, tolerance: 1e-13))
        #expect(agree(try download(pca.components!), hostPCA.components!, tolerance: 1e-10))
        #expect(
            agree(
                try download(pca.explainedVarianceRatio!), hostPCA.explainedVarianceRatio!, tolerance: 1e-12))
        #expect(agree(try download(pca.explainedVariance!), hostPCA.explainedVariance!, tolerance: 1e-12))
        #expect(agree(try download(pca.singularValues!), hostPCA.singularValues!, tolerance: 1e-12))
        #expect(agree(try download(train), expectedTrain, tolerance: 1e-10))
        #expect(agree(try download(test), expectedTest, tolerance: 1e-10))
        // scikit-learn 1.9.1's first two reduced test rows and explained variance ratio.
        #expect(
            agree(
                try download(test).slice(0..<2),
                try NDArray(rows: [
                    [2.01965547732246, 1.1228093184629369], [1.0814684948756668, 1.831975374017213],
                ]),
                tolerance: 1e-10))
        #expect(
            agree(
                try download(pca.explainedVarianceRatio!),
                NDArray([0.3619622571618153, 0.18763861503964702]),
                tolerance: 1e-12))
    }

    @Test func aConstantColumnIsCentredButNotScaled() throws {
        let context = try simulatedContext()
        let x = try NDArray(rows: [[1.0, 5], [2, 5], [4, 5], [7, 5]])
        var scaler = GPULearn.StandardScaler()
        let z = try download(try scaler.fitTransform(try upload(x, context)))
        var host = Learn.StandardScaler()
        #expect(agree(z, try host.fitTransform(x), tolerance: 1e-15))
        #expect(try download(scaler.scale!).scalars[1] == 1)
        #expect(z.scalars.enumerated().filter { $0.offset % 2 == 1 }.allSatisfy { $0.element == 0 })
        var unscaled = GPULearn.StandardScaler(withMean: false, withStd: false)
        #expect(try download(try unscaled.fitTransform(try upload(x, context))) == x)
    }

    @Test func pcaKeepsEveryComponentByDefault() throws {
        let context = try simulatedContext()
        let x = NDArray<Double>.uniform([40, 5], seed: 9)
        var pca = GPULearn.PCA()
        var host = Learn.PCA(svdSolver: .covarianceEigh)
        let expected = try host.fitTransform(x)
        let reduced = try download(try pca.fitTransform(try upload(x, context)))
        #expect(reduced.shape == [40, 5] && agree(reduced, expected, tolerance: 1e-10))
        let ratios = try download(pca.explainedVarianceRatio!).scalars
        #expect(Swift.abs(ratios.reduce(0, +) - 1) < 1e-14, "every component: the ratios sum to 1")
    }
}
