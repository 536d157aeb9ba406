// A scikit-learn-style program: the Wine data scaled, reduced to two components and classified
// by nearest neighbours, and blobs clustered by DBSCAN, with the seed's lazy estimators. Fits are
// whole-value calls placed by their cost; transforms and predictions split by rows; fitted models
// move to the device with the calls that use them (here a simulated one).
import BachLearn

let bach = Bach(device: try SimulatedDevice(memory: 64 << 20))
let (xTrain, xTest, yTrain, yTest) = Wine.loadSplit()

var scaler = StandardScaler()
var pca = PCA(nComponents: 2)
var knn = KNeighborsClassifier(nNeighbors: 5)
let train = pca.fitTransform(scaler.fitTransform(bach.lazy(xTrain)))
knn.fit(train, bach.lazy(yTrain))
let predicted = knn.predict(pca.transform(scaler.transform(bach.lazy(xTest))))
let accuracy = try accuracyScore(yTest, predicted.value())
print("Wine, StandardScaler → PCA(2) → KNeighborsClassifier(5): accuracy", accuracy)
for stage in bach.counters.stages { print("stage:", stage) }
guard accuracy > 0.9 else {
    fatalError("expected an accuracy above 0.9 (scikit-learn: 0.981), found \(accuracy)")
}

let (blobs, _) = try makeBlobs(nSamples: 2_000, nFeatures: 8, centers: 4, clusterStd: 0.5, randomState: 3)
var dbscan = DBSCAN(eps: 1.5, minSamples: 5)
let labels = try dbscan.fitPredict(bach.lazy(blobs)).value()
let clusters = Set(labels.scalars.filter { $0 >= 0 })
print(
    "DBSCAN on 2,000 blobs: \(clusters.count) clusters, \(labels.scalars.filter { $0 < 0 }.count) noise points"
)
guard clusters.count == 4 else { fatalError("expected the 4 blobs as 4 clusters, found \(clusters.count)") }
