import Foundation
import Testing

/// The README's program is the Examples package's QuickStart, verbatim (CI builds and runs the
/// Examples package, so the README's program compiles and runs).
struct ReadmeTests {
    @Test func theReadmeProgramIsTheQuickStartExample() throws {
        let root = String(#filePath.split(separator: "/Tests/").first!)
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let example = try String(
            contentsOfFile: root + "/Examples/Sources/QuickStart/main.swift", encoding: .utf8)
        let marker = "<!-- Examples/Sources/QuickStart/main.swift -->\n```swift\n"
        let start = try #require(readme.range(of: marker), "the README marks the QuickStart program")
        let end = try #require(readme[start.upperBound...].range(of: "```\n"))
        #expect(String(readme[start.upperBound..<end.lowerBound]) == example)
    }
}
