// The README's "Writing programs" example, verbatim: a lazy NumPy-style program that runs on the
// GPU where CUDA is found and on every core otherwise.
import BachNumeric

let bach = try Bach(.auto)  // the GPU where CUDA is found, else the CPU
let n = 1 << 22
let x = bach.lazy(NDArray<Double>.uniform([n], low: -1, high: 1, seed: 7))
var y = bach.empty([n], of: Double.self)
sin(x, out: &y)  // recorded, not run: NumPy's names and out= forms
let z = y * 2.0 + exp(x)  // and its operators
let clipped = `where`(z .> 2.0, 2.0, z)  // numpy.where
let spread = std(clipped)  // reductions combine exactly across batches
print("std:", try spread.value())  // reading a value runs what it needs
print("first:", try clipped.value()[0..<3].scalars)
print("device:", bach.device.map { "\($0.properties)" } ?? "none: everything ran on the CPU")
