// What a NumPy-style program needs comes with `import BachNumeric`: the runtime (`Bach`), the
// array library it annotates (`NDArray`, and through it the vocabulary of operations) and device
// selection. GPUArrays is not re-exported: its functions take device arrays, which lazy programs
// never hold.
@_exported import BachRuntime
@_exported import Devices
@_exported import NDArrays
