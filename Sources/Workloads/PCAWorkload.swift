import BachRuntime
import BachLearn
import BachNumeric
import GPUArrays
import GPULearn
import Learn
import NDArrays

/// The seed's `pca` workload: the UCI Wine data split as `train_test_split(train_size=0.70,
/// random_state=42)` splits it (124 and 54 rows), the test rows doubled `log2(size)` times (the
/// seed's size counts doublings: 10 by default, 55,296 rows), then `StandardScaler` → `PCA(2)` →
/// `KNeighborsClassifier()` fitted on the training rows and predicting the test rows. Validated by
/// the accuracy, which must exceed 0.9 as in the seed's tests (scikit-learn gets 0.981); the other
/// modes must also reach the cpu mode's accuracy.
public enum PCAWorkload: LearnWorkload {
    /// The seed's default size: 2^10, i.e. ten doublings of the test rows.
    public static let defaultSize = 1 << 10
    /// The accuracy the seed's tests ask for.
    static let minimumAccuracy = 0.9

    /// The program, written once: scale, reduce, classify.
    public static func run<Scaler: Transformer, Reducer: Transformer, Voter: Classifier>(
        xTrain: Scaler.Samples, yTrain: Voter.Labels, xTest: Scaler.Samples, scaler: Scaler, pca: Reducer,
        knn: Voter
    ) throws -> Voter.Labels where Reducer.Samples == Scaler.Samples, Voter.Samples == Scaler.Samples {
        var (scaler, pca, knn) = (scaler, pca, knn)
        try knn.fit(try pca.fitTransform(try scaler.fitTransform(xTrain)), yTrain)
        return try knn.predict(try pca.transform(try scaler.transform(xTest)))
    }

    struct Inputs {
        let xTrain: NDArray<Double>
        let yTrain: NDArray<Int64>
        let xTest: NDArray<Double>
        let yTest: NDArray<Int64>
    }

    static func inputs(size: Int) throws -> Inputs {
        var (xTrain, xTest, yTrain, yTest) = Wine.loadSplit()
        for _ in 0..<Swift.max(0, size.bitWidth - size.leadingZeroBitCount - 1) {
            xTest = try concatenate([xTest, xTest])
            yTest = try concatenate([yTest, yTest])
        }
        return Inputs(xTrain: xTrain, yTrain: yTrain, xTest: xTest, yTest: yTest)
    }

    static func runCPU(_ inputs: Inputs) throws -> NDArray<Int64> {
        try run(
            xTrain: inputs.xTrain, yTrain: inputs.yTrain, xTest: inputs.xTest, scaler: Learn.StandardScaler(),
            pca: Learn.PCA(nComponents: 2), knn: Learn.KNeighborsClassifier())
    }

    static func runGPU(_ inputs: Inputs, _ context: GPUContext) throws -> NDArray<Int64> {
        try run(
            xTrain: try inputs.xTrain.uploaded(to: context), yTrain: try inputs.yTrain.uploaded(to: context),
            xTest: try inputs.xTest.uploaded(to: context), scaler: GPULearn.StandardScaler(),
            pca: GPULearn.PCA(nComponents: 2), knn: GPULearn.KNeighborsClassifier()
        ).downloaded()
    }

    static func runBach(_ inputs: Inputs, _ bach: Bach) throws -> NDArray<Int64> {
        let predicted = try run(
            xTrain: bach.lazy(inputs.xTrain), yTrain: bach.lazy(inputs.yTrain),
            xTest: bach.lazy(inputs.xTest),
            scaler: BachLearn.StandardScaler(), pca: BachLearn.PCA(nComponents: 2),
            knn: BachLearn.KNeighborsClassifier())
        try bach.evaluate()
        return try predicted.value()
    }

    static func validate(_ output: NDArray<Int64>, _ inputs: Inputs, reference: NDArray<Int64>?) throws -> (
        Bool, String
    ) {
        let accuracy = try accuracyScore(inputs.yTest, output)
        var summary = "accuracy \(accuracy) on \(output.count) rows (scikit-learn 0.981; the seed asks > 0.9)"
        var valid = accuracy > minimumAccuracy
        if let reference {
            let expected = try accuracyScore(inputs.yTest, reference)
            let equal = zip(output.scalars, reference.scalars).filter { $0 == $1 }.count
            summary += ", \(equal) of \(output.count) predictions equal to cpu mode's (accuracy \(expected))"
            valid = valid && accuracy >= expected - 0.01
        }
        return (valid, summary)
    }

    static func workingSet(size: Int) -> Int { 54 * size * (13 + 2 + 124 + 1) * 8 }
}
