import BachRuntime
import BachNumeric
import Devices
import NDArrays
import Testing

@testable import BachLearn
@testable import GPULearn
@testable import Learn

/// Bad input to lazy estimators surfaces at evaluation as `BachError.callFailed` naming the call,
/// with Learn's (or, on the device, GPULearn's) typed error underneath.
struct ErrorTests {
    func failure(_ body: () throws -> Void) -> (call: String, underlying: any Error)? {
        do {
            try body()
        } catch BachError.callFailed(let call, let underlying) {
            return (call, underlying)
        } catch {
            return ("unexpected \(error)", error)
        }
        return nil
    }

    @Test func usingAModelBeforeFittingIt() throws {
        let bach = Bach()
        let pca = BachLearn.PCA(nComponents: 2)
        let result = failure { _ = try pca.transform(bach.lazy(NDArray<Double>.ones([3, 2]))).value() }
        #expect(result?.call == "PCA.transform")
        #expect(result?.underlying as? LearnError == .notFitted(operation: "PCA.transform"))
        let knn = BachLearn.KNeighborsClassifier()
        #expect(
            failure { _ = try knn.predict(bach.lazy(NDArray<Double>.ones([3, 2]))).value() }?.call
                == "KNeighborsClassifier.predict")
    }

    @Test func shapesAreCheckedWhenCallsAreRecorded() throws {
        let bach = Bach()
        var svd = BachLearn.TruncatedSVD(nComponents: 1, algorithm: .arpack)
        let flat = failure { _ = try svd.fitTransform(bach.lazy(NDArray<Double>.ones([6]))).value() }
        #expect(flat?.call == "TruncatedSVD.fit")
        guard case .invalidShape(let operation, _, let found)? = flat?.underlying as? LearnError else {
            Issue.record("expected invalidShape, found \(String(describing: flat))")
            return
        }
        #expect(operation == "TruncatedSVD.fit" && found == "float64(6,)")
        var knn = BachLearn.KNeighborsClassifier()
        knn.fit(bach.lazy(NDArray<Double>.ones([4, 2])), bach.lazy(NDArray<Int64>.zeros([3])))
        let mismatch = failure { _ = try knn.predict(bach.lazy(NDArray<Double>.ones([2, 2]))).value() }
        #expect(
            mismatch?.underlying as? LearnError
                == .sampleCountMismatch(operation: "KNeighborsClassifier.fit", expected: 4, found: 3))
    }

    @Test func nonFiniteSamplesOnEitherBackend() throws {
        var values = NDArray<Double>.uniform([2048, 16], seed: 1)
        values[100, 3] = .nan
        let host = failure {
            var dbscan = BachLearn.DBSCAN(eps: 1)
            _ = try dbscan.fitPredict(Bach().lazy(values)).value()
        }
        #expect(
            host?.underlying as? LearnError
                == .nonFinite(operation: "DBSCAN.fit", row: 100, column: 3, value: "nan"))
        let (bach, _) = try simulatedRuntime()
        let device = failure {
            var dbscan = BachLearn.DBSCAN(eps: 1)
            _ = try dbscan.fitPredict(bach.lazy(values)).value()
        }
        #expect(placements(bach)["DBSCAN.fit"] == nil || device?.call == "DBSCAN.fit")
        #expect(device?.underlying as? GPULearnError == .nonFinite(operation: "DBSCAN.fit"))
    }

    @Test func theCatalogListsEveryAnnotatedMethod() {
        let names = LearnCatalog.functions.map(\.name)
        for name in [
            "TruncatedSVD.fit", "TruncatedSVD.transform", "PCA.fit", "PCA.transform", "StandardScaler.fit",
            "StandardScaler.transform", "KNeighborsClassifier.fit", "KNeighborsClassifier.predict",
            "DBSCAN.fit",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(
            LearnCatalog.functions.filter { $0.gpu == nil }.map(\.name) == [
                "StandardScaler.fit", "StandardScaler.transform",
            ])
    }
}
