import BachRuntime

/// Every function BachNumeric annotates, one line each: the elementwise operations of the shared
/// vocabulary (all annotated alike, see `ElementwiseAnnotation`), the reductions, the reductions
/// along an axis, reshaping, joining and matrix products, and the allocations.
public enum NumericCatalog {
    /// The functions, in the order `bach annotations` lists them.
    public static var functions: [AnnotatedFunction] {
        let broadcast = "operands of the result's shape split by rows, rows and constants whole → ArraySplit"
        let elementwise = ElementwiseOperation.all.map { operation in
            AnnotatedFunction(
                library: "BachNumeric", name: operation.name, cpu: "NDArrays.\(operation.name)",
                gpu: "GPUArrays kernel (\(operation))", splitTypes: broadcast, fuses: true)
        }
        let reduction = "ArraySplit split by rows → ReductionSplit (partials combined in order)"
        let reductions = [
            ("sum", "NDArrays.sum", "GPUArrays.sum", "sums add"),
            ("mean", "NDArrays.sum", "GPUArrays.sum", "sums add, divided by the count"),
            ("min", "NDArrays.min", "GPUArrays.min", "first extremum, NaN wins"),
            ("max", "NDArrays.max", "GPUArrays.max", "first extremum, NaN wins"),
            ("variance", "NDArrays.mean, sum of squares", "GPUArrays.mean, sum", "Chan's formula"),
            ("std", "NDArrays.mean, sum of squares", "GPUArrays.mean, sum", "Chan's formula, square root"),
            ("argmin", "NDArrays.argmin", "GPUArrays.argmin", "indices offset by the batch"),
            ("argmax", "NDArrays.argmax", "GPUArrays.argmax", "indices offset by the batch"),
        ].map { name, cpu, gpu, combine in
            AnnotatedFunction(
                library: "BachNumeric", name: name, cpu: cpu, gpu: gpu,
                splitTypes: "\(reduction): \(combine)",
                fuses: false)
        }
        let splitAxis = "axis 1: ArraySplit split by rows → ArraySplit; axis 0: whole array (not splittable)"
        let axis = ["sum", "mean", "min", "max", "argmin", "argmax", "variance", "std"].map { name in
            AnnotatedFunction(
                library: "BachNumeric", name: "\(name)(axis:)", cpu: "NDArrays.\(name)(axis:)",
                gpu: "GPUArrays.\(name)(axis:)", splitTypes: splitAxis, fuses: false)
        }
        let whole = "whole arrays (not splittable) → ArraySplit"
        let rows = "first operand split by rows, the rest whole → ArraySplit"
        let manipulation = [
            ("reshaped", "NDArray.reshaped", "GPUArray.reshaped", whole),
            ("slice", "NDArray.slice, copy", "GPUArray.slice, copy", whole),
            ("transposed", "NDArray.transposed", nil, whole),
            ("concatenate", "NDArrays.concatenate", "GPUArrays.concatenate", whole),
            ("astype", "NDArray.astype", nil, rows),
            ("matmul", "NDArrays.matmul (OpenBLAS where found)", nil, rows),
            ("dot", "NDArrays.matmul (OpenBLAS where found)", nil, rows),
        ].map { name, cpu, gpu, splitTypes in
            AnnotatedFunction(
                library: "BachNumeric", name: name, cpu: cpu, gpu: gpu, splitTypes: splitTypes, fuses: false)
        }
        let allocations = [
            ("empty", "NDArray.empty", "GPUArray(empty:)"), ("zeros", "NDArray.full", "GPUArray.full"),
            ("full", "NDArray.full", "GPUArray.full"),
        ].map { name, cpu, gpu in
            AnnotatedFunction(
                library: "BachNumeric", name: name, cpu: cpu, gpu: gpu,
                splitTypes: "allocation: made batch by batch where first used → ArraySplit", fuses: false)
        }
        return elementwise + reductions + axis + manipulation + allocations
    }
}
