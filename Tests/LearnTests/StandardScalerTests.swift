import NDArrays
import Testing

@testable import Learn

/// StandardScaler against scikit-learn 1.9.1 on a fixed input with a constant column.
struct StandardScalerTests {
    /// `X` of the reference script: 10 × 4, the last column constant.
    let x = matrix([
        [1.75, 3.25, -5.0, 2.5], [-0.25, 0.25, 1.25, 2.5], [5.0, -4.5, -2.25, 2.5], [0.75, -1.0, -3.75, 2.5],
        [-5.0, -4.75, -3.5, 2.5], [-3.25, 1.5, 2.5, 2.5], [-2.25, -0.75, -2.5, 2.5], [-3.25, 4.0, 3.0, 2.5],
        [-4.0, -1.0, 1.25, 2.5], [1.75, 1.75, 1.75, 2.5],
    ])

    @Test func matchesScikitLearn() throws {
        var scaler = StandardScaler()
        let z = try scaler.fitTransform(x)
        #expect(allClose(scaler.mean!, [-0.875, -0.125, -0.725, 2.5], tolerance: 1e-15))
        #expect(allClose(scaler.variance!, [9.128125, 7.715625, 7.880625, 0.0], tolerance: 1e-15))
        #expect(
            allClose(
                scaler.scale!, [3.021278702801183, 2.777701387838513, 2.8072450908319353, 1.0],
                tolerance: 1e-15))
        #expect(
            allClose(
                try z.slice(0..<3),
                [
                    [0.8688374222365607, 1.2150334138783287, -1.522845302664005, 0.0],
                    [0.20686605291346682, 0.13500371265314765, 0.7035367187745987, 0.0],
                    [1.9445408973865883, -1.5750433142867224, -0.5432372132310193, 0.0],
                ], tolerance: 1e-15))
        #expect(z.row(9).scalars.last == 0, "a constant column is centred, not divided by zero")
        #expect((scaler.nSamplesSeen, scaler.nFeaturesIn) == (10, 4))
    }

    @Test func withoutCentringOrScaling() throws {
        var noMean = StandardScaler(withMean: false)
        #expect(
            allClose(
                try noMean.fitTransform(x).row(0),
                [0.5792249481577072, 1.1700321763272796, -1.7811056171508828, 2.5], tolerance: 1e-15))
        var noStd = StandardScaler(withStd: false)
        #expect(allClose(try noStd.fitTransform(x).row(0), [2.625, 3.375, -4.275, 0.0], tolerance: 1e-15))
        #expect(noStd.scale == nil && noStd.variance == nil && noStd.mean != nil)
        var neither = StandardScaler(withMean: false, withStd: false)
        #expect(try neither.fitTransform(x) == x)
        #expect(neither.mean == nil)
    }

    @Test func inverseTransformAndRowSlices() throws {
        var scaler = StandardScaler()
        try scaler.fit(x)
        let z = try scaler.transform(x)
        #expect(allClose(try scaler.inverseTransform(z), x, tolerance: 1e-15))
        #expect(try bySlices(x, size: 3) { try scaler.transform($0) } == z)
    }

    @Test func badInput() throws {
        var scaler = StandardScaler()
        #expect(throws: LearnError.notFitted(operation: "StandardScaler.transform")) {
            try scaler.transform(x)
        }
        var broken = x
        broken[4, 2] = .nan
        #expect(
            throws: LearnError.nonFinite(operation: "StandardScaler.fit", row: 4, column: 2, value: "nan")
        ) { try scaler.fit(broken) }
        #expect(
            throws: LearnError.tooFewSamples(
                operation: "StandardScaler.fit", expected: "at least 1 sample", found: "0")
        ) { try scaler.fit(NDArray<Double>.zeros([0, 3])) }
        #expect(throws: LearnError.self) { try scaler.fit(NDArray<Double>([1, 2, 3])) }
        try scaler.fit(x)
        #expect(
            throws: LearnError.featureCountMismatch(
                operation: "StandardScaler.transform", expected: 4, found: 3)
        ) { try scaler.transform(NDArray<Double>.zeros([2, 3])) }
        broken[4, 2] = -.infinity
        #expect(
            throws: LearnError.nonFinite(
                operation: "StandardScaler.transform", row: 4, column: 2, value: "-inf")
        ) { try scaler.transform(broken) }
    }
}
