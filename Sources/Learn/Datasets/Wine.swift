import NDArrays

/// The UCI Wine recognition data set (`sklearn.datasets.load_wine`): 178 wines from three
/// cultivars, 13 chemical measurements each. The data ship in this module (see `WineData.swift`
/// for the source and its CC BY 4.0 licence), so loading reads no file.
///
/// `trainIndices` and `testIndices` are the split scikit-learn's
/// `train_test_split(X, y, train_size=0.70, random_state=42)` makes, generated once with
/// scikit-learn 1.9.1 and shipped as data rather than recomputed: reproducing it would mean
/// reimplementing NumPy's MT19937 generator and its permutation algorithm.
///
/// ```swift
/// let (xTrain, xTest, yTrain, yTest) = Wine.loadSplit()   // 124 and 54 rows
/// ```
public enum Wine {
    /// The names of the 13 columns, as scikit-learn gives them.
    public static let featureNames = [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines",
        "proline",
    ]

    /// The names of the classes 0, 1 and 2.
    public static let targetNames = ["class_0", "class_1", "class_2"]

    /// The measurements (178 × 13) and the class of each wine (178 labels in 0...2).
    public static func load() -> (data: NDArray<Double>, target: NDArray<Int64>) { parsed }

    /// The data split as scikit-learn's `train_test_split(train_size=0.70, random_state=42)`
    /// splits it: 124 training rows and 54 test rows, in scikit-learn's order.
    public static func loadSplit() -> (
        xTrain: NDArray<Double>, xTest: NDArray<Double>, yTrain: NDArray<Int64>, yTest: NDArray<Int64>
    ) {
        let (data, target) = parsed
        return (
            takeRows(data, trainIndices), takeRows(data, testIndices), takeRows(target, trainIndices),
            takeRows(target, testIndices)
        )
    }

    private static let parsed: (data: NDArray<Double>, target: NDArray<Int64>) = {
        let rows = csv.split(separator: "\n").map { line in line.split(separator: ",").map { Double($0)! } }
        let data = must { () throws(NDArrayError) in
            try NDArray<Double>(rows: rows.map { Array($0.dropLast()) })
        }
        return (data, NDArray<Int64>(rows.map { Int64($0.last!) }))
    }()
}
