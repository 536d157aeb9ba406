// A pandas-style program needs `import BachFrames` alone: the lazy series and frames, the eager
// ones they produce (Frames) and everything `import BachNumeric` brings (the runtime, devices,
// NDArrays, lazy arrays).
@_exported import BachNumeric
@_exported import Frames
