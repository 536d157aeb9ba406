// swift-tools-version: 6.0
import PackageDescription

// Programs that use Bach for Swift as any other package would: through its public products only,
// never a testable import of internals. CI builds and runs each of them (see README.md here).
let package = Package(
    name: "BachExamples",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Bach", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "QuickStart", dependencies: [.product(name: "BachNumeric", package: "Bach")]),
        .executableTarget(
            name: "CustomAnnotation",
            dependencies: [
                .product(name: "BachNumeric", package: "Bach"),
                .product(name: "GPUArrays", package: "Bach"),
            ]),
        .executableTarget(
            name: "NumPyStyle", dependencies: [.product(name: "BachNumeric", package: "Bach")]),
        .executableTarget(
            name: "PandasStyle", dependencies: [.product(name: "BachFrames", package: "Bach")]),
        .executableTarget(
            name: "ScikitStyle", dependencies: [.product(name: "BachLearn", package: "Bach")]),
    ]
)
