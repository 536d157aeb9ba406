import BachRuntime
import GPUArrays
import GPULearn
import Learn
import NDArrays

/// The split types of BachLearn's fitted models: how each moves between its `Learn` (host) and
/// `GPULearn` (device) form, by its fitted attributes. StandardScaler has no device form: the seed
/// annotates it for the CPU only.
enum Models {
    static let truncatedSVD = ModelSplit<Learn.TruncatedSVD, GPULearn.TruncatedSVD>(
        "TruncatedSVD model",
        toDevice: { model, context in
            guard let components = model.components, let singular = model.singularValues,
                let variance = model.explainedVariance, let ratio = model.explainedVarianceRatio
            else { throw LearnError.notFitted(operation: "TruncatedSVD model to the device") }
            return GPULearn.TruncatedSVD(
                components: try upload(components, context), singularValues: try upload(singular, context),
                explainedVariance: try upload(variance, context),
                explainedVarianceRatio: try upload(ratio, context))
        },
        toHost: { model in
            guard let components = model.components, let singular = model.singularValues,
                let variance = model.explainedVariance, let ratio = model.explainedVarianceRatio
            else { throw LearnError.notFitted(operation: "TruncatedSVD model to the host") }
            return Learn.TruncatedSVD(
                components: try download(components), singularValues: try download(singular),
                explainedVariance: try download(variance), explainedVarianceRatio: try download(ratio))
        })

    static let pca = ModelSplit<Learn.PCA, GPULearn.PCA>(
        "PCA model",
        toDevice: { model, context in
            guard let components = model.components, let mean = model.mean,
                let variance = model.explainedVariance,
                let ratio = model.explainedVarianceRatio, let singular = model.singularValues, !model.whiten
            else {
                throw LearnError.notFitted(operation: "PCA model (fitted, without whitening) to the device")
            }
            return GPULearn.PCA(
                components: try upload(components, context), mean: try upload(mean, context),
                explainedVariance: try upload(variance, context),
                explainedVarianceRatio: try upload(ratio, context),
                singularValues: try upload(singular, context), nSamples: model.nSamples)
        },
        toHost: { model in
            guard let components = model.components, let mean = model.mean,
                let variance = model.explainedVariance,
                let ratio = model.explainedVarianceRatio, let singular = model.singularValues
            else { throw LearnError.notFitted(operation: "PCA model to the host") }
            return Learn.PCA(
                components: try download(components), mean: try download(mean),
                explainedVariance: try download(variance), explainedVarianceRatio: try download(ratio),
                singularValues: try download(singular), nSamples: model.nSamples)
        })

    static let standardScaler = ModelSplit<Learn.StandardScaler, GPULearn.StandardScaler>(
        "StandardScaler model", toDevice: nil, toHost: nil)

    static let neighbors = ModelSplit<Learn.KNeighborsClassifier, GPULearn.KNeighborsClassifier>(
        "KNeighborsClassifier model",
        toDevice: { model, context in
            guard let samples = model.trainingSamples, let classes = model.classes,
                let encoded = model.encodedLabels,
                let norms = model.squaredNorms
            else { throw LearnError.notFitted(operation: "KNeighborsClassifier model to the device") }
            return GPULearn.KNeighborsClassifier(
                nNeighbors: model.nNeighbors, weights: model.weights == .uniform ? .uniform : .distance,
                trainingSamples: try upload(samples, context), classes: try upload(classes, context),
                encodedLabels: try upload(encoded.astype(Int32.self), context),
                squaredNorms: try upload(norms, context))
        },
        toHost: { model in
            guard let samples = model.trainingSamples, let classes = model.classes,
                let encoded = model.encodedLabels
            else { throw LearnError.notFitted(operation: "KNeighborsClassifier model to the host") }
            let (labels, codes) = (try download(classes).scalars, try download(encoded).scalars)
            var host = Learn.KNeighborsClassifier(
                nNeighbors: model.nNeighbors, weights: model.weights == .uniform ? .uniform : .distance)
            try host.fit(try download(samples), NDArray(codes.map { labels[Int($0)] }))
            return host
        })
}
