// A scikit-learn-style program needs `import BachLearn` alone: the lazy estimators, Learn's
// datasets and metrics, and what `import BachNumeric` brings (the runtime, devices, NDArrays, lazy
// arrays). Learn's estimators are not re-exported: they have the same names as these (import
// Learn and qualify, `Learn.PCA`, to use them eagerly).
@_exported import BachNumeric
@_exported import func Learn.makeBlobs
@_exported import func Learn.accuracyScore
@_exported import enum Learn.Wine
