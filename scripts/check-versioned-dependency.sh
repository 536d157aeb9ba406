#!/usr/bin/env bash
# Checks that Bach for Swift works as a versioned dependency: clones this repository's HEAD into a
# temporary folder, tags the clone 0.1.0 (the repository itself is not tagged), and builds and runs
# a package outside it that depends on `from: "0.1.0"` and imports the public products only. SwiftPM
# refuses versioned dependencies with unsafe build flags, so this fails if one creeps in.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet --no-local "$root" "$work/bach"
git -C "$work/bach" -c user.name=ci -c user.email=ci@localhost tag -a 0.1.0 -m "checked as a dependency"

mkdir -p "$work/user/Sources/User"
cat > "$work/user/Package.swift" <<MANIFEST
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "User",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "file://$work/bach", from: "0.1.0")],
    targets: [
        .executableTarget(
            name: "User",
            dependencies: [
                .product(name: "BachNumeric", package: "bach"),
                .product(name: "BachFrames", package: "bach"),
                .product(name: "BachLearn", package: "bach"),
                .product(name: "GPUArrays", package: "bach"),
            ])
    ]
)
MANIFEST
cat > "$work/user/Sources/User/main.swift" <<'PROGRAM'
import BachNumeric

let bach = Bach(device: try SimulatedDevice(memory: 1 << 20))
let x = bach.lazy(NDArray<Double>.arange(100_000))
let total = try sum(x * 2.0).value()
guard total == 9_999_900_000 else { fatalError("expected 9999900000, found \(total)") }
print("a versioned dependency on Bach for Swift 0.1.0 builds and runs: sum =", total)
PROGRAM

cd "$work/user"
swift build --quiet
swift run --skip-build User
