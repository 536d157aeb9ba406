import BachRuntime
import BachNumeric
import Devices
import NDArrays
import Testing

@testable import BachLearn
@testable import Learn

/// Each lazy estimator against Learn, with fits placed by their cost (large ones on the device),
/// models moved between the backends, and lazy models read back.
struct EstimatorTests {
    @Test func aLargeTruncatedSVDFitsOnTheDeviceAndMatchesLearn() throws {
        let (x, _) = try makeBlobs(nSamples: 1024, nFeatures: 512, centers: 1, randomState: 7)
        var host = Learn.TruncatedSVD(nComponents: 2, algorithm: .arpack, randomState: 42, tol: 1e-5)
        let expected = try host.fitTransform(x)
        let (bach, _) = try simulatedRuntime()
        var svd = BachLearn.TruncatedSVD(nComponents: 2, algorithm: .arpack, randomState: 42, tol: 1e-5)
        let reduced = try svd.fitTransform(bach.lazy(x)).value()
        #expect(agree(reduced, expected, tolerance: 1e-9))
        #expect(placements(bach)["TruncatedSVD.fit"] == .gpu, "1024 × 512: the device pays off")
        let model = try svd.model!.value()
        #expect(
            agree(model.components!, host.components!, tolerance: 1e-10),
            "the model, read back from the device")
        #expect(agree(model.explainedVarianceRatio!, host.explainedVarianceRatio!, tolerance: 1e-9))
    }

    @Test func theRandomizedAlgorithmRunsOnTheCPU() throws {
        let x = NDArray<Double>.uniform([300, 40], seed: 3)
        var host = Learn.TruncatedSVD(nComponents: 3, randomState: 5)
        let expected = try host.fitTransform(x)
        let (bach, _) = try simulatedRuntime()
        var svd = BachLearn.TruncatedSVD(nComponents: 3, randomState: 5)
        #expect(agree(try svd.fitTransform(bach.lazy(x)).value(), expected, tolerance: 1e-12))
        #expect(placements(bach)["TruncatedSVD.fit"] == .cpu, "no GPU implementation")
    }

    @Test func aModelFittedOnTheDeviceTransformsOnTheCPU() throws {
        let (x, _) = try makeBlobs(nSamples: 2000, nFeatures: 300, centers: 3, randomState: 1)
        var host = Learn.PCA(nComponents: 3, svdSolver: .covarianceEigh)
        let expected = try host.fitTransform(x)
        let (bach, _) = try simulatedRuntime(cpuOnly: ["PCA.transform"])
        var pca = BachLearn.PCA(nComponents: 3)
        let reduced = try pca.fitTransform(bach.lazy(x)).value()
        #expect(placements(bach)["PCA.fit"] == .gpu && placements(bach)["PCA.transform"] == .cpu)
        #expect(agree(reduced, expected, tolerance: 1e-9))
        #expect(try pca.model!.value().nSamples == 2000)
    }

    @Test func dbscanIsPlacedByItsSize() throws {
        for (n, backend) in [(256, Backend.cpu), (2048, .gpu)] {
            let (x, _) = try makeBlobs(
                nSamples: n, nFeatures: 16, centers: 4, centerBox: (-6, 6), randomState: 8)
            var host = Learn.DBSCAN(eps: 5, minSamples: 6)
            let expected = try host.fitPredict(x)
            let (bach, device) = try simulatedRuntime()
            var dbscan = BachLearn.DBSCAN(eps: 5, minSamples: 6)
            #expect(try dbscan.fitPredict(bach.lazy(x)).value() == expected)
            #expect(placements(bach)["DBSCAN.fit"] == backend, "\(n) samples")
            let prepared = Set(device.preparedKernels.map(\.name))
            #expect(
                prepared.contains("learn_dbscan_propagate") == (backend == .gpu), "compiled before the stage")
        }
    }

    @Test func aFitThatDoesNotFitTheDeviceRunsOnTheCPU() throws {
        let (x, _) = try makeBlobs(
            nSamples: 2048, nFeatures: 16, centers: 4, centerBox: (-6, 6), randomState: 8)
        var host = Learn.DBSCAN(eps: 5, minSamples: 6)
        let (bach, _) = try simulatedRuntime(memory: 256 << 10)
        var dbscan = BachLearn.DBSCAN(eps: 5, minSamples: 6)
        #expect(try dbscan.fitPredict(bach.lazy(x)).value() == (try host.fitPredict(x)))
        let stage = bach.counters.stages.last!
        #expect(
            stage.calls.map(\.backend) == [.cpu]
                && stage.fallback == "the whole values do not fit in the device budget")
    }

    @Test func theDBSCANBenchmarksStandardisationLazily() throws {
        let (x, _) = try makeBlobs(
            nSamples: 512, nFeatures: 32, centers: 8, clusterStd: 1, centerBox: (-2, 2), randomState: 42)
        let standardised = try divide(subtract(x, mean(x, axis: 0)), std(x, axis: 0))
        var host = Learn.DBSCAN(eps: 5.657, minSamples: 3.2)
        let expected = try host.fitPredict(standardised)
        let (bach, _) = try simulatedRuntime()
        var lazy = bach.lazy(x)
        let (centre, spread) = (BachNumeric.mean(lazy, axis: 0), BachNumeric.std(lazy, axis: 0))
        BachNumeric.subtract(lazy, centre, out: &lazy)
        BachNumeric.divide(lazy, spread, out: &lazy)
        var dbscan = BachLearn.DBSCAN(eps: 5.657, minSamples: 3.2)
        #expect(try dbscan.fitPredict(lazy).value() == expected)
    }

    @Test func classifierWithDistanceWeights() throws {
        let (x, y) = try makeBlobs(nSamples: 600, nFeatures: 5, centers: 3, clusterStd: 4, randomState: 2)
        let (train, test) = (try x.slice(0..<400), try x.slice(400..<600))
        var host = Learn.KNeighborsClassifier(nNeighbors: 7, weights: .distance)
        try host.fit(train, try y.slice(0..<400))
        let (bach, _) = try simulatedRuntime(memory: 64 << 10)
        var knn = BachLearn.KNeighborsClassifier(nNeighbors: 7, weights: .distance)
        knn.fit(bach.lazy(train), bach.lazy(try y.slice(0..<400)))
        #expect(try knn.predict(bach.lazy(test)).value() == (try host.predict(test)))
        #expect(placements(bach)["KNeighborsClassifier.predict"] == .gpu)
    }
}
