import Devices
import GPUArrays
import NDArrays
import Testing

@testable import GPULearn
import Learn

/// Bad input to GPULearn's estimators gives typed errors naming the operation, what it expected
/// and what it found, as Learn's do.
struct BadInputTests {
    @Test func nonFiniteDataIsRefusedByEveryFit() throws {
        let context = try simulatedContext()
        var values = NDArray<Double>.uniform([30, 4], seed: 2)
        values[17, 2] = .nan
        let x = try upload(values, context)
        var svd = GPULearn.TruncatedSVD(nComponents: 2)
        #expect(throws: GPULearnError.nonFinite(operation: "TruncatedSVD.fit")) { try svd.fit(x) }
        var pca = GPULearn.PCA(nComponents: 2)
        #expect(throws: GPULearnError.nonFinite(operation: "PCA.fit")) { try pca.fit(x) }
        var scaler = GPULearn.StandardScaler()
        #expect(throws: GPULearnError.nonFinite(operation: "StandardScaler.fit")) { try scaler.fit(x) }
        var knn = GPULearn.KNeighborsClassifier()
        let y = try upload(NDArray<Int64>.zeros([30]), context)
        #expect(throws: GPULearnError.nonFinite(operation: "KNeighborsClassifier.fit")) { try knn.fit(x, y) }
        values[17, 2] = -.infinity
        var dbscan = GPULearn.DBSCAN(eps: 1)
        #expect(throws: GPULearnError.nonFinite(operation: "DBSCAN.fit")) {
            try dbscan.fit(try upload(values, context))
        }
        #expect(
            "\(GPULearnError.nonFinite(operation: "PCA.fit"))"
                == "PCA.fit: expected finite values, found a NaN or an infinity")
    }

    @Test func aGramMatrixThatOverflowsIsRefusedAsLearnRefusesIt() throws {
        let context = try simulatedContext()
        let huge = NDArray<Double>.uniform([20, 3], low: 1e200, high: 2e200, seed: 3)
        let expected = GPULearnError.invalidParameter(
            operation: "TruncatedSVD.fit", name: "X", expected: "values whose squares sum to a finite number",
            found: "a squared norm that overflows")
        var svd = GPULearn.TruncatedSVD(nComponents: 1)
        #expect(throws: expected) { try svd.fit(try upload(huge, context)) }
        var host = Learn.TruncatedSVD(nComponents: 1, algorithm: .arpack)
        #expect(throws: LearnError.self) { try host.fit(huge) }
        var dbscan = GPULearn.DBSCAN(eps: 1e201, minSamples: 2)
        #expect(
            try download(try dbscan.fitPredict(try upload(huge, context))).count == 20,
            "DBSCAN goes on, as Learn's")
    }

    @Test func shapesAndParameters() throws {
        let context = try simulatedContext()
        let x = try upload(NDArray<Double>.uniform([10, 3], seed: 1), context)
        var svd = GPULearn.TruncatedSVD(nComponents: 3)
        #expect(
            throws: GPULearnError.invalidParameter(
                operation: "TruncatedSVD.fit", name: "nComponents",
                expected: "at least 1 and below min(samples, features) = 3", found: "3")
        ) { try svd.fit(x) }
        #expect(throws: GPULearnError.notFitted(operation: "TruncatedSVD.transform")) { try svd.transform(x) }
        var pca = GPULearn.PCA(nComponents: 2)
        #expect(
            throws: GPULearnError.tooFewSamples(
                operation: "PCA.fit", expected: "at least 2 samples", found: "1")
        ) { try pca.fit(try upload(NDArray<Double>.ones([1, 3]), context)) }
        try pca.fit(x)
        #expect(throws: GPULearnError.featureCountMismatch(operation: "PCA.transform", expected: 3, found: 2))
        {
            try pca.transform(try upload(NDArray<Double>.ones([4, 2]), context))
        }
        #expect(
            throws: GPULearnError.invalidShape(
                operation: "StandardScaler.fit", expected: "a 2-D array (samples × features)",
                found: "an array of shape [10]")
        ) {
            var scaler = GPULearn.StandardScaler()
            try scaler.fit(try upload(NDArray<Double>.ones([10]), context))
        }
        var knn = GPULearn.KNeighborsClassifier(nNeighbors: 11)
        #expect(
            throws: GPULearnError.sampleCountMismatch(
                operation: "KNeighborsClassifier.fit", expected: 10, found: 9)
        ) {
            try knn.fit(x, try upload(NDArray<Int64>.zeros([9]), context))
        }
        try knn.fit(x, try upload(NDArray<Int64>.zeros([10]), context))
        #expect(
            throws: GPULearnError.invalidParameter(
                operation: "KNeighborsClassifier.predict", name: "nNeighbors",
                expected: "in 1...10 (the number of training samples)", found: "11")
        ) { try knn.predict(x) }
        var dbscan = GPULearn.DBSCAN(eps: -1)
        #expect(
            throws: GPULearnError.invalidParameter(
                operation: "DBSCAN.fit", name: "eps", expected: "> 0 and finite", found: "-1.0")
        ) { try dbscan.fit(x) }
        dbscan = GPULearn.DBSCAN(eps: 1)
        #expect(
            throws: GPULearnError.tooFewSamples(
                operation: "DBSCAN.fit", expected: "at least 1 sample", found: "0")
        ) { try dbscan.fit(try upload(NDArray<Double>.zeros([0, 2]), context)) }
    }

    @Test func aDeviceWithoutRoomIsAnOutOfMemoryError() throws {
        let context = try simulatedContext(memory: 64 << 10)
        let x = try upload(NDArray<Double>.uniform([1000, 6], seed: 4), context)
        var dbscan = GPULearn.DBSCAN(eps: 1)
        do {
            try dbscan.fit(x)
            Issue.record("a 1000-point DBSCAN fitted in 64 KiB")
        } catch {
            guard case .outOfMemory = error.deviceError else {
                Issue.record("expected out of memory, found \(error)")
                return
            }
        }
    }
}
