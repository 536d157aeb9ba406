// `BachNumeric`: NDArrays annotated with GPUArrays, the seed's annotated NumPy (issue [runtime]).
//
// The module exists now so that the module graph of DESIGN.md is fixed in `Package.swift` and
// enforced by the compiler; its contents arrive with a later issue.
