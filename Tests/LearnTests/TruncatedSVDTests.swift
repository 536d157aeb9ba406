import NDArrays
import Testing

@testable import Learn

/// TruncatedSVD against scikit-learn 1.9.1's `algorithm="arpack"`, the randomized algorithm
/// against the exact one, on both linear-algebra paths.
struct TruncatedSVDTests {
    /// `T` of the reference script: 14 × 6, non-negative (uncentred, as LSA sees it).
    let t = matrix([
        [3.5, 0.0, 3.5, 3.5, 2.0, 1.5], [4.0, 4.0, 3.0, 1.5, 0.5, 4.0], [1.0, 2.5, 3.0, 1.0, 1.0, 3.0],
        [0.5, 3.0, 4.0, 3.0, 2.5, 2.0], [4.0, 0.5, 1.5, 2.5, 2.5, 0.0], [0.5, 3.0, 3.5, 2.5, 4.0, 1.5],
        [1.0, 3.5, 0.0, 0.5, 0.5, 1.5], [0.5, 3.5, 3.5, 1.5, 0.0, 3.0], [0.0, 2.5, 0.5, 4.0, 3.0, 4.0],
        [2.5, 3.0, 1.5, 3.5, 0.5, 0.5], [1.5, 3.0, 2.0, 3.5, 4.0, 1.5], [1.5, 2.0, 2.5, 2.0, 2.5, 4.0],
        [3.0, 1.0, 1.5, 1.5, 0.5, 0.0], [3.5, 1.5, 1.5, 2.5, 2.5, 4.0],
    ])

    @Test func exactMatchesScikitLearnOnTallData() throws {
        for reference in [false, true] {
            var svd = TruncatedSVD(nComponents: 3, algorithm: .arpack)
            let reduced = try run(reference) { try svd.fitTransform(t) }
            #expect(
                allClose(
                    svd.components!,
                    [
                        [
                            0.3435027127991144, 0.43462908782031023, 0.4293840175445502, 0.44310987259659596,
                            0.36098835572866483, 0.42670113151148176,
                        ],
                        [
                            0.6779485506656997, -0.474366923271559, -0.013495713288497945, 0.2686516826787416,
                            0.16245367948584866, -0.46541887144203353,
                        ],
                        [
                            -0.5707579826785663, -0.17949659765705064, -0.10469425433937522,
                            0.35983305707388713, 0.6792092973224222, -0.20062480209136918,
                        ],
                    ], tolerance: 1e-10))
            #expect(allClose(svd.singularValues!, [20.32155809149642, 6.430022945896927, 5.571877558202406]))
            #expect(
                allClose(
                    svd.explainedVariance!, [1.4335631465549663, 2.946834926611224, 2.2100038717283903],
                    tolerance: 1e-10))
            #expect(
                allClose(
                    svd.explainedVarianceRatio!,
                    [0.15175715729126296, 0.31195227956564936, 0.2339512605232322],
                    tolerance: 1e-10))
            #expect(
                allClose(
                    try reduced.slice(0..<2),
                    [
                        [5.618016519015463, 2.8926448720044493, -0.04718573829639952],
                        [6.952642767916503, -0.6036317522960284, -3.2382460584540285],
                    ],
                    tolerance: 1e-10))
            #expect(try run(reference) { try svd.transform(t) } == reduced, "fitTransform is transform(x)")
        }
    }

    @Test func exactMatchesScikitLearnOnWideData() throws {
        for reference in [false, true] {
            var svd = TruncatedSVD(nComponents: 2, algorithm: .arpack)
            _ = try run(reference) { try svd.fit(t.transposed()) }
            #expect(
                allClose(
                    svd.components!,
                    [
                        [
                            0.27645599287814066, 0.34213138267315474, 0.23632189452307956,
                            0.30895157900320147, 0.20892330071940576, 0.3036313679865788, 0.14304047546513737,
                            0.25296118562665676, 0.2885346579008102, 0.23381324148919216, 0.3106454246074895,
                            0.29296313906917826, 0.14538118711133474, 0.30584905063475815,
                        ],
                        [
                            0.44986540426737975, -0.0938770759257109, -0.23539685041187158,
                            -0.13325890917944666, 0.5493185026283058, -0.07901151796644178,
                            -0.2278236515159388, -0.3673119151841355, -0.23209448768313723,
                            0.16179185347669284, 0.07135245606791878, -0.13744713399907788,
                            0.31468620556712157, 0.1332987299337929,
                        ],
                    ], tolerance: 1e-10))
            #expect(allClose(svd.singularValues!, [20.32155809149642, 6.430022945896931]))
            #expect(
                allClose(svd.explainedVariance!, [0.6265503648313767, 6.862997989137649], tolerance: 1e-10))
            #expect(
                allClose(
                    svd.explainedVarianceRatio!, [0.03238451275510346, 0.3547278214055354], tolerance: 1e-10))
        }
    }

    /// Data with a clear spectral gap, where a few power iterations converge.
    func lowRankPlusNoise(_ rows: Int, _ columns: Int) throws -> NDArray<Double> {
        let left = NDArray<Double>.normal([rows, 3], seed: 21)
        let right = NDArray<Double>.normal([3, columns], seed: 22)
        let scales = NDArray<Double>([30, 10, 3])
        let signal = try matmul(try multiply(left, scales), right)
        return try add(signal, NDArray<Double>.normal([rows, columns], std: 0.01, seed: 23))
    }

    @Test(arguments: [(200, 30), (30, 200)], [PowerIterationNormalizer.auto, .qr, .lu, .none])
    func randomizedAgreesWithExact(_ dims: (Int, Int), _ normalizer: PowerIterationNormalizer) throws {
        let x = try lowRankPlusNoise(dims.0, dims.1)
        var exact = TruncatedSVD(nComponents: 3, algorithm: .arpack)
        let exactReduced = try exact.fitTransform(x)
        for reference in [false, true] {
            // Without renormalisation the block collapses onto the leading direction after a few
            // iterations, which is why `.auto` picks `.none` only for at most two.
            var randomized = TruncatedSVD(
                nComponents: 3, algorithm: .randomized, nIter: normalizer == .none ? 2 : 7,
                powerIterationNormalizer: normalizer, randomState: 5)
            let reduced = try run(reference) { try randomized.fitTransform(x) }
            #expect(allClose(randomized.singularValues!, exact.singularValues!, tolerance: 1e-9))
            #expect(allClose(randomized.components!, exact.components!, tolerance: 1e-6))
            #expect(allClose(reduced, exactReduced, tolerance: 1e-6))
            #expect(
                allClose(randomized.explainedVarianceRatio!, exact.explainedVarianceRatio!, tolerance: 1e-8))
        }
    }

    @Test func rowSlicesTransformLikeTheWhole() throws {
        let x = try lowRankPlusNoise(300, 40)
        var svd = TruncatedSVD(nComponents: 2, algorithm: .arpack)
        let reduced = try svd.fitTransform(x)
        #expect(try bySlices(x, size: 64) { try svd.transform($0) } == reduced)
        #expect(allClose(try svd.inverseTransform(reduced), try matmul(reduced, svd.components!)))
    }

    @Test func totalVarianceFallsBackToTwoPassesForLargeMeans() throws {
        // Features of mean 1e6 and variance ~1: ‖X‖²/n − ‖μ‖² would cancel about twelve digits.
        let x = add(NDArray<Double>.normal([500, 8], seed: 3), 1e6)
        let twoPass = sum(columnMeanAndVariance(x).variance)
        let sums = try sum(x, axis: 0)
        #expect(
            Swift.abs(totalVariance(x, squaredNorm: sum(x * x), columnSums: sums) - twoPass) < 1e-12 * twoPass
        )
        let centred = NDArray<Double>.normal([500, 8], seed: 3)
        let expected = sum(columnMeanAndVariance(centred).variance)
        let centredSums = try sum(centred, axis: 0)
        let total = totalVariance(centred, squaredNorm: sum(centred * centred), columnSums: centredSums)
        #expect(Swift.abs(total - expected) < 1e-12 * expected)
    }

    @Test func badInput() throws {
        var svd = TruncatedSVD(nComponents: 6, algorithm: .arpack)
        #expect(
            throws: LearnError.invalidParameter(
                operation: "TruncatedSVD.fit", name: "nComponents",
                expected: "at least 1 and below min(samples, features) = 6", found: "6")
        ) { try svd.fit(t) }
        svd.algorithm = .randomized
        svd.nComponents = 7
        #expect(
            throws: LearnError.invalidParameter(
                operation: "TruncatedSVD.fit", name: "nComponents",
                expected: "at least 1 and at most features = 6",
                found: "7")
        ) { try svd.fit(t) }
        svd.nComponents = 2
        #expect(throws: LearnError.notFitted(operation: "TruncatedSVD.transform")) { try svd.transform(t) }
        #expect(
            throws: LearnError.tooFewSamples(
                operation: "TruncatedSVD.fit", expected: "at least 2 features", found: "1")
        ) { try svd.fit(NDArray<Double>.zeros([5, 1])) }
        var broken = t
        broken[13, 5] = .nan
        for algorithm in [TruncatedSVD.Algorithm.arpack, .randomized] {
            svd.algorithm = algorithm
            #expect(
                throws: LearnError.nonFinite(operation: "TruncatedSVD.fit", row: 13, column: 5, value: "nan")
            ) { try svd.fit(broken) }
        }
        try svd.fit(t)
        #expect(
            throws: LearnError.featureCountMismatch(
                operation: "TruncatedSVD.transform", expected: 6, found: 5)
        ) {
            try svd.transform(NDArray<Double>.zeros([2, 5]))
        }
    }
}
