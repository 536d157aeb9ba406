import BachRuntime

/// Every function BachLearn annotates, one line each, for `bach annotations`: the fits (whole
/// samples → a model, placed by their cost), the row-wise methods (the model whole, samples split
/// by rows), and DBSCAN's clustering (whole samples → labels).
public enum LearnCatalog {
    /// The functions, in the order `bach annotations` lists them.
    public static var functions: [AnnotatedFunction] {
        let fit = "samples whole → ModelSplit (not splittable; placed by LearnCost from the samples' shape)"
        let rows =
            "ModelSplit whole, samples split by rows → ArraySplit (the model moves to the call's backend)"
        return [
            (
                "TruncatedSVD.fit", "Learn.TruncatedSVD.fit",
                "GPULearn.TruncatedSVD.fit (cuBLAS syrk, cuSOLVER syevd; algorithm arpack)", fit
            ),
            (
                "TruncatedSVD.transform", "Learn.TruncatedSVD.transform",
                "GPULearn.TruncatedSVD.transform (cuBLAS gemm)", rows
            ),
            (
                "PCA.fit", "Learn.PCA.fit", "GPULearn.PCA.fit (cuBLAS syrk, cuSOLVER syevd; without whiten)",
                fit
            ),
            ("PCA.transform", "Learn.PCA.transform", "GPULearn.PCA.transform (cuBLAS gemm)", rows),
            (
                "StandardScaler.fit", "Learn.StandardScaler.fit", nil,
                "samples whole → ModelSplit (CPU only, as in the seed)"
            ),
            ("StandardScaler.transform", "Learn.StandardScaler.transform", nil, rows),
            (
                "KNeighborsClassifier.fit", "Learn.KNeighborsClassifier.fit",
                "GPULearn.KNeighborsClassifier.fit",
                "samples and labels whole → ModelSplit (placed by LearnCost)"
            ),
            (
                "KNeighborsClassifier.predict", "Learn.KNeighborsClassifier.predict",
                "GPULearn.KNeighborsClassifier.predict (cuBLAS gemm, heap-and-vote kernel)", rows
            ),
            (
                "DBSCAN.fit", "Learn.DBSCAN.fitPredict",
                "GPULearn.DBSCAN.fitPredict (cuBLAS gemm, bit-matrix kernels)",
                "samples whole → ArraySplit of labels (placed by LearnCost)"
            ),
        ].map { name, cpu, gpu, splitTypes in
            AnnotatedFunction(
                library: "BachLearn", name: name, cpu: cpu, gpu: gpu, splitTypes: splitTypes, fuses: false)
        }
    }
}
