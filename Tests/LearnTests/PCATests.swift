import NDArrays
import Testing

@testable import Learn

/// PCA against scikit-learn 1.9.1 (values from its `full` and `covariance_eigh` solvers, signs by
/// `svd_flip(u_based_decision=False)`), on both linear-algebra paths.
struct PCATests {
    /// `P` of the reference script: 12 × 5.
    let p = matrix([
        [4.75, 0.5, 4.25, -2.25, -1.5], [4.0, -3.25, -4.5, -1.25, 1.75], [-3.75, 3.75, -1.75, -2.75, 0.5],
        [4.0, 4.0, 3.75, -2.0, -5.0], [2.75, 2.25, 2.75, -5.0, -4.75], [0.0, -1.75, -0.75, 4.5, -3.0],
        [0.25, -1.75, -2.0, 3.25, -3.5], [-2.0, -4.0, -3.5, -2.25, 2.0], [0.75, -0.5, -3.5, 3.0, 3.0],
        [-2.75, -4.5, -1.75, -3.75, 3.0], [0.25, 0.0, -2.25, 0.0, 4.75], [-2.75, 2.75, -5.0, -2.0, 4.5],
    ])
    let components: [[Double]] = [
        [
            -0.4063792003687521, -0.2962019645774845, -0.5823791111192681, 0.11051114168566477,
            0.6290804401532085,
        ],
        [
            0.2616551618586861, -0.47318771616448424, -0.10435064760428238, 0.7834494168681946,
            -0.2880067969635385,
        ],
        [
            -0.4409629162916872, 0.7140814218779196, -0.13624609959836823, 0.5006029474680823,
            -0.16270561980103745,
        ],
    ]

    @Test(arguments: [PCA.SVDSolver.full, .covarianceEigh, .auto])
    func matchesScikitLearn(_ solver: PCA.SVDSolver) throws {
        for reference in [false, true] {
            var pca = PCA(nComponents: 3, svdSolver: solver)
            let reduced = try run(reference) { try pca.fitTransform(p) }
            #expect(
                pca.fittedSolver == (solver == .auto ? .full : solver), "scikit-learn's auto picks full here")
            #expect(allClose(pca.components!, components, tolerance: 1e-12))
            #expect(
                allClose(pca.explainedVariance!, [25.10947123936148, 10.668429950414563, 6.555560177920666]))
            #expect(
                allClose(
                    pca.explainedVarianceRatio!,
                    [0.5179941321136515, 0.22008365132426444, 0.13523748359773036]))
            #expect(
                allClose(pca.singularValues!, [16.619391794917654, 10.832946480739217, 8.491829129058551]))
            #expect(Swift.abs(pca.noiseVariance - 3.0704852252425616) < 1e-12)
            #expect(allClose(pca.mean!, try sum(p, axis: 0) / 12.0, tolerance: 1e-15))
            #expect(
                allClose(
                    try reduced.slice(0..<2),
                    [
                        [-6.307854587439247, -0.38287630384587884, -2.5480390620004933],
                        [2.3585269744800805, 1.9558317536510892, -3.731159152223499],
                    ]))
            let shifted = add(try p.slice(0..<3), 1.0)
            #expect(
                allClose(
                    try pca.transform(shifted),
                    [
                        [-6.853223281665875, -0.2033168858513021, -2.0732693283455887],
                        [1.8131582802534436, 2.1353911716456646, -3.2563894185685887],
                        [0.33552351277088577, -4.306880255920188, 4.237443965491085],
                    ]))
        }
    }

    @Test func whitenAndInverse() throws {
        var whitened = PCA(nComponents: 2, whiten: true)
        let reduced = try whitened.fitTransform(p)
        #expect(
            allClose(
                try reduced.slice(0..<2),
                [[-1.2588178410389115, -0.11722175893997734], [0.4706760108197636, 0.5987992363348992]]))
        #expect(
            allClose(
                try whitened.transform(try p.slice(0..<2)),
                [[-1.2588178410389108, -0.11722175893997706], [0.4706760108197624, 0.5987992363348991]]))
        #expect(
            allClose(
                try whitened.inverseTransform(reduced), try PCA(nComponents: 2).fitted(p).reconstruction(p)))
        var pca = PCA(nComponents: 3)
        try pca.fit(p)
        #expect(
            allClose(
                try pca.inverseTransform(try pca.transform(try p.slice(0..<2))),
                [
                    [
                        4.0451234109694845, 0.021730595131803004, 2.873176521782969, -3.1476082937270284,
                        -3.2974633541914473,
                    ],
                    [
                        1.656933322378815, -4.496760650068027, -2.256793271575827, -0.9498905135391211,
                        1.6733242442226812,
                    ],
                ]))
        var all = PCA()
        try all.fit(p)
        #expect(all.nComponentsFitted == 5 && all.noiseVariance == 0)
        #expect(allClose(try all.inverseTransform(try all.transform(p)), p, tolerance: 1e-13))
    }

    @Test func rowSlicesTransformLikeTheWhole() throws {
        var pca = PCA(nComponents: 2)
        try pca.fit(p)
        #expect(try bySlices(p, size: 5) { try pca.transform($0) } == (try pca.transform(p)))
    }

    @Test func badInput() throws {
        var pca = PCA(nComponents: 6)
        #expect(
            throws: LearnError.invalidParameter(
                operation: "PCA.fit", name: "nComponents", expected: "in 0...5 (min(samples, features))",
                found: "6")
        ) { try pca.fit(p) }
        pca.nComponents = -1
        #expect(throws: LearnError.self) { try pca.fit(p) }
        pca.nComponents = 2
        #expect(throws: LearnError.notFitted(operation: "PCA.transform")) { try pca.transform(p) }
        #expect(
            throws: LearnError.tooFewSamples(operation: "PCA.fit", expected: "at least 2 samples", found: "1")
        ) { try pca.fit(try p.slice(0..<1)) }
        var broken = p
        broken[3, 1] = .infinity
        #expect(throws: LearnError.nonFinite(operation: "PCA.fit", row: 3, column: 1, value: "inf")) {
            try pca.fit(broken)
        }
        try pca.fit(p)
        #expect(throws: LearnError.featureCountMismatch(operation: "PCA.transform", expected: 5, found: 4)) {
            try pca.transform(NDArray<Double>.zeros([1, 4]))
        }
        #expect(
            throws: LearnError.featureCountMismatch(operation: "PCA.inverseTransform", expected: 2, found: 3)
        ) {
            try pca.inverseTransform(NDArray<Double>.zeros([1, 3]))
        }
    }
}

/// Runs `body` on the default linear-algebra path, or on the reference path.
func run<R>(_ reference: Bool, _ body: () throws -> R) rethrows -> R {
    reference ? try LinearAlgebraLibrary.usingReference(body) : try body()
}

extension PCA {
    /// A copy fitted to `x`.
    func fitted(_ x: NDArray<Double>) throws -> PCA {
        var copy = self
        try copy.fit(x)
        return copy
    }

    /// `x` projected and mapped back.
    func reconstruction(_ x: NDArray<Double>) throws -> NDArray<Double> {
        try inverseTransform(try transform(x))
    }
}
