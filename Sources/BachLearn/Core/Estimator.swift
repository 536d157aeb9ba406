import BachNumeric
import GPUArrays
import GPULearn
import Learn
import NDArrays

// The estimator API that Learn (CPU), GPULearn (GPU, hand-written) and BachLearn (through Bach)
// share, so that a program is written once and run by all three, as `NumericArray` lets array
// programs be (scikit-learn calls these roles mixins). Each mode constructs its own estimators,
// as the seed's `run_cpu`, `run_gpu` and `run_bach` do; what they compute is then the same
// program. BachLearn's methods record instead of computing and never throw here: errors surface
// when the graph is evaluated.

/// An estimator that learns a transformation and applies it to samples, row by row.
public protocol Transformer {
    /// The samples' array type.
    associatedtype Samples
    /// Learns from `x` and transforms it.
    mutating func fitTransform(_ x: Samples) throws -> Samples
    /// Transforms `x` with what `fit` learned.
    func transform(_ x: Samples) throws -> Samples
}

/// An estimator that learns labels from labelled samples and predicts them for new ones.
public protocol Classifier {
    associatedtype Samples
    /// The labels' array type.
    associatedtype Labels
    /// Learns from samples `x` with labels `y`.
    @discardableResult
    mutating func fit(_ x: Samples, _ y: Labels) throws -> Self
    /// The predicted label of each row of `x`.
    func predict(_ x: Samples) throws -> Labels
}

/// An estimator that groups samples and labels each with its group.
public protocol Clusterer {
    associatedtype Samples
    associatedtype Labels
    /// Clusters `x` and returns each sample's label.
    mutating func fitPredict(_ x: Samples) throws -> Labels
}

extension Learn.TruncatedSVD: Transformer {}
extension Learn.PCA: Transformer {}
extension Learn.StandardScaler: Transformer {}
extension Learn.KNeighborsClassifier: Classifier {}
extension Learn.DBSCAN: Clusterer {}

extension GPULearn.TruncatedSVD: Transformer {}
extension GPULearn.PCA: Transformer {}
extension GPULearn.StandardScaler: Transformer {}
extension GPULearn.KNeighborsClassifier: Classifier {}
extension GPULearn.DBSCAN: Clusterer {}

extension TruncatedSVD: Transformer {}
extension PCA: Transformer {}
extension StandardScaler: Transformer {}
extension KNeighborsClassifier: Classifier {}
extension DBSCAN: Clusterer {}
