// swift-tools-version: 6.0
import PackageDescription

// The module graph of DESIGN.md, enforced by the compiler: a target can import only what it
// depends on. CPU libraries never see the runtime, Devices or a GPU library; the runtime
// (BachRuntime, whose class is `Bach`) never sees a library it serves; the annotated libraries
// (BachNumeric, BachFrames, BachLearn) are the only place where a CPU and a GPU library meet.
let package = Package(
    name: "Bach",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bach", targets: ["BachCLI"]),
        // What programs import: the annotated libraries and the runtime.
        .library(name: "BachNumeric", targets: ["BachNumeric"]),
        .library(name: "BachFrames", targets: ["BachFrames"]),
        .library(name: "BachLearn", targets: ["BachLearn"]),
        .library(name: "BachRuntime", targets: ["BachRuntime"]),
        // The libraries on their own: CPU, GPU, devices and the shared vocabulary.
        .library(name: "NDArrays", targets: ["NDArrays"]),
        .library(name: "Frames", targets: ["Frames"]),
        .library(name: "Learn", targets: ["Learn"]),
        .library(name: "GPUArrays", targets: ["GPUArrays"]),
        .library(name: "GPUFrames", targets: ["GPUFrames"]),
        .library(name: "GPULearn", targets: ["GPULearn"]),
        .library(name: "Devices", targets: ["Devices"]),
        .library(name: "Operations", targets: ["Operations"]),
        // The benchmarks of the paper, for programs that run them or compare against them.
        .library(name: "Workloads", targets: ["Workloads"]),
        .library(name: "CUDADouble", type: .dynamic, targets: ["CUDADouble"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Vector math (the role libm plays for C): loops over glibc's libmvec, resolved at run time,
        // in AVX-512 or AVX2 after a CPU check, with the calls into libmvec in assembly (see
        // vector_calls.S: no compiler flags, so the package stays usable as a versioned dependency).
        // NDArrays computes with it, and so does the simulated device's host body, so that the two
        // agree bit for bit.
        .target(
            name: "CVectorMath",
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("m")]),

        // The vocabulary of elementwise operations and element types that every array library,
        // the annotated libraries and the fuzzer share; it knows no library, device or runtime.
        .target(name: "Operations"),

        // CPU libraries.
        .target(name: "NDArrays", dependencies: ["Operations", "CVectorMath"]),
        .target(name: "Frames", dependencies: ["NDArrays"]),
        .target(name: "Learn", dependencies: ["NDArrays", "Frames"]),

        // Devices and the runtime.
        .target(name: "Devices"),
        .target(name: "BachRuntime", dependencies: ["Devices"]),

        // GPU libraries.
        .target(name: "GPUArrays", dependencies: ["Devices", "Operations", "CVectorMath"]),
        .target(name: "GPUFrames", dependencies: ["Devices", "GPUArrays"]),
        .target(name: "GPULearn", dependencies: ["Devices", "GPUArrays", "GPUFrames"]),

        // Annotated libraries: what users import.
        .target(name: "BachNumeric", dependencies: ["BachRuntime", "Devices", "NDArrays", "GPUArrays"]),
        .target(
            name: "BachFrames",
            dependencies: [
                "BachRuntime", "Devices", "Frames", "NDArrays", "GPUFrames", "GPUArrays", "BachNumeric",
            ]),
        .target(
            name: "BachLearn",
            dependencies: [
                "BachRuntime", "Devices", "Learn", "NDArrays", "GPULearn", "GPUArrays", "BachNumeric",
            ]),

        // A host-only stand-in for libcuda and libnvrtc, loaded at run time by tests and CI.
        .target(
            name: "CUDADouble",
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread"), .linkedLibrary("m")]),

        // Benchmarks, differential testing and the command line.
        .target(
            name: "Fuzzing",
            dependencies: [
                "BachRuntime", "Devices", "NDArrays", "GPUArrays", "BachNumeric", "Frames", "GPUFrames",
                "BachFrames",
            ]),
        .target(
            name: "Workloads",
            dependencies: [
                "BachRuntime", "Devices", "NDArrays", "GPUArrays", "BachNumeric", "Frames", "GPUFrames",
                "BachFrames", "Learn", "GPULearn", "BachLearn",
            ]),
        // The `bach` command (its module is BachCLI: a module may not share the name of a type it uses).
        .executableTarget(
            name: "BachCLI",
            dependencies: [
                "Workloads", "Fuzzing", "NDArrays", "BachRuntime", "BachNumeric", "BachLearn", "Devices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "NDArraysTests", dependencies: ["NDArrays"]),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "NDArrays"]),
        .testTarget(name: "LearnTests", dependencies: ["Learn", "NDArrays"]),
        .testTarget(
            name: "GPULearnTests", dependencies: ["GPULearn", "GPUArrays", "Devices", "Learn", "NDArrays"]),
        .testTarget(name: "DevicesTests", dependencies: ["Devices"]),
        .testTarget(name: "GPUFramesTests", dependencies: ["GPUFrames", "GPUArrays", "Devices"]),
        .testTarget(
            name: "BachFramesTests",
            dependencies: [
                "BachFrames", "BachRuntime", "BachNumeric", "Frames", "GPUFrames", "GPUArrays", "NDArrays",
                "Devices",
            ]),
        .testTarget(
            name: "GPUArraysTests",
            dependencies: ["GPUArrays", "Devices", "BachRuntime", "NDArrays", "Fuzzing", "Workloads"]),
        .testTarget(
            name: "BachTests",
            dependencies: ["BachRuntime", "BachNumeric", "NDArrays", "GPUArrays", "Devices"]),
        .testTarget(
            name: "BachLearnTests",
            dependencies: [
                "BachLearn", "BachRuntime", "BachNumeric", "Learn", "GPULearn", "NDArrays", "Devices",
            ]),
        .testTarget(name: "CUDADoubleTests", dependencies: ["GPUArrays", "Devices"]),
        .testTarget(
            name: "CUDATests",
            dependencies: [
                "Workloads", "Fuzzing", "BachRuntime", "BachNumeric", "NDArrays", "GPUArrays", "Devices",
                "BachFrames", "Frames", "GPUFrames", "Learn", "GPULearn", "BachLearn",
            ]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "Devices", "NDArrays", "Frames"]),
        .testTarget(
            name: "WorkloadsTests",
            dependencies: ["Workloads", "BachRuntime", "BachNumeric", "NDArrays", "Devices"]),
    ]
)
