import BachRuntime
import BachNumeric
import Devices
import NDArrays
import Testing

@testable import BachLearn
@testable import Learn

/// The seed's pca pipeline through Bach: StandardScaler (CPU only) → PCA(2) → 5-NN on Wine. The
/// fits are small and stay on the CPU by their cost; the transforms and the prediction split the
/// test rows and run on the device, the models moving there. Predictions are scikit-learn's.
struct PipelineTests {
    static let expected: [Int64] = [
        0, 0, 2, 0, 1, 0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 2, 2, 2, 1, 1, 1, 0, 0, 1, 2, 0,
        0, 0, 2,
        2, 1, 2, 1, 1, 1, 1, 2, 0, 1, 1, 2, 0, 1, 0, 0, 2,
    ]

    func predict(_ bach: Bach, doublings: Int) throws -> NDArray<Int64> {
        let (xTrain, xTest, yTrain, _) = Wine.loadSplit()
        var test = xTest
        for _ in 0..<doublings { test = try concatenate([test, test]) }
        var (scaler, pca, knn) = (
            BachLearn.StandardScaler(), BachLearn.PCA(nComponents: 2), BachLearn.KNeighborsClassifier()
        )
        knn.fit(pca.fitTransform(scaler.fitTransform(bach.lazy(xTrain))), bach.lazy(yTrain))
        let predicted = knn.predict(pca.transform(scaler.transform(bach.lazy(test))))
        try bach.evaluate()
        return try predicted.value()
    }

    @Test func onTheSimulatedDevice() throws {
        let (bach, device) = try simulatedRuntime()
        let predicted = try predict(bach, doublings: 4)
        #expect(predicted.scalars == Array(Array(repeating: Self.expected, count: 16).joined()))
        let placed = placements(bach)
        for fit in ["StandardScaler.fit", "PCA.fit", "KNeighborsClassifier.fit"] {
            #expect(placed[fit] == .cpu, "\(fit) is small: its cost keeps it on the CPU")
        }
        #expect(placed["StandardScaler.transform"] == .cpu, "CPU only, as in the seed")
        #expect(placed["PCA.transform"] == .gpu && placed["KNeighborsClassifier.predict"] == .gpu)
        #expect(device.counters.kernelLaunches > 0)
    }

    @Test func pagingThroughASmallBudget() throws {
        let (bach, device) = try simulatedRuntime(memory: 96 << 10)
        let predicted = try predict(bach, doublings: 6)
        #expect(predicted.scalars == Array(Array(repeating: Self.expected, count: 64).joined()))
        let stage = bach.counters.stages.first {
            $0.calls.contains { $0.name == "KNeighborsClassifier.predict" }
        }!
        #expect(stage.batches > 4 && device.counters.peakBytes <= 96 << 10)
        #expect(bach.counters.outOfMemoryRetries == 0, "batches sized with the prediction's workspace")
    }

    @Test func withoutADeviceAndForcedOntoTheCPU() throws {
        let forced = try simulatedRuntime(cpuOnly: ["PCA.transform", "KNeighborsClassifier.predict"]).0
        for bach in [Bach(), forced] {
            #expect(try predict(bach, doublings: 1).scalars == Self.expected + Self.expected)
            #expect(placements(bach).values.allSatisfy { $0 == .cpu })
        }
    }
}
