// `Devices`: the device protocol, the simulated device and the CUDA bindings loaded at run time (issue [runtime], [cuda]).
//
// The module exists now so that the module graph of DESIGN.md is fixed in `Package.swift` and
// enforced by the compiler; its contents arrive with a later issue.
