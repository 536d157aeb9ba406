import NDArrays
import Testing

@testable import Learn

/// Models rebuilt from their fitted attributes (as a model fitted on a device comes back to the
/// host) transform exactly as the models fitted here.
struct FittedAttributesTests {
    @Test func truncatedSVDAndPCAFromTheirAttributes() throws {
        let x = NDArray<Double>.uniform([50, 6], seed: 12)
        var svd = TruncatedSVD(nComponents: 2, algorithm: .arpack)
        try svd.fit(x)
        let rebuilt = TruncatedSVD(
            components: svd.components!, singularValues: svd.singularValues!,
            explainedVariance: svd.explainedVariance!, explainedVarianceRatio: svd.explainedVarianceRatio!)
        #expect(rebuilt.isFitted && rebuilt.nFeaturesIn == 6 && rebuilt.nComponents == 2)
        #expect(try rebuilt.transform(x) == (try svd.transform(x)))
        var pca = PCA(nComponents: 3)
        try pca.fit(x)
        let copy = PCA(
            components: pca.components!, mean: pca.mean!, explainedVariance: pca.explainedVariance!,
            explainedVarianceRatio: pca.explainedVarianceRatio!, singularValues: pca.singularValues!,
            nSamples: 50)
        #expect(copy.nComponentsFitted == 3 && copy.nSamples == 50 && copy.nFeaturesIn == 6)
        #expect(try copy.transform(x) == (try pca.transform(x)))
        #expect(
            try copy.inverseTransform(try copy.transform(x))
                == (try pca.inverseTransform(try pca.transform(x))))
    }
}
