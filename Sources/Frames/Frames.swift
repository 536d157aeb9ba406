// `Frames`: the CPU data-frame library, the pandas role.
//
// The module exists now so that the module graph of DESIGN.md is fixed in `Package.swift` and
// enforced by the compiler; its contents arrive with a later issue.
