import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/bach-harness-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    func lines(_ name: String) throws -> [String] {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func overwrite(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// An element of an XML document: its name and attributes.
struct SVGElement: Equatable {
    let name: String
    let attributes: [String: String]
}

/// Why a text is not well-formed XML.
struct XMLProblem: Error, CustomStringConvertible {
    let description: String
}

/// Checks that `text` is well-formed XML of the kind our SVG writer produces (an optional XML
/// declaration, then one root element; elements, attributes in double quotes, text, the five
/// predefined entities and numeric character references) and returns its elements in document
/// order. Tags must balance, attribute names must not repeat, `<` and bare `&` must not appear in
/// text or attribute values.
func checkXML(_ text: String) throws -> [SVGElement] {
    var rest = Substring(text)
    if rest.hasPrefix("<?xml") {
        guard let end = rest.range(of: "?>") else {
            throw XMLProblem(description: "unterminated declaration")
        }
        rest = rest[end.upperBound...]
    }
    var elements: [SVGElement] = []
    var open: [String] = []
    var rootClosed = false
    func checkText(_ text: Substring) throws {
        var scan = text
        while let amp = scan.firstIndex(of: "&") {
            let after = scan[scan.index(after: amp)...]
            guard let semicolon = after.firstIndex(of: ";") else {
                throw XMLProblem(description: "bare & in \(text)")
            }
            let entity = after[..<semicolon]
            let named = ["amp", "lt", "gt", "quot", "apos"].contains(entity)
            let numeric = entity.hasPrefix("#") && Int(entity.dropFirst()) != nil
            guard named || numeric else { throw XMLProblem(description: "unknown entity &\(entity);") }
            scan = after[after.index(after: semicolon)...]
        }
    }
    while !rest.isEmpty {
        guard let lt = rest.firstIndex(of: "<") else {
            guard rest.allSatisfy(\.isWhitespace) || !open.isEmpty else {
                throw XMLProblem(description: "text after the root element")
            }
            try checkText(rest)
            break
        }
        let between = rest[..<lt]
        if open.isEmpty && !between.allSatisfy(\.isWhitespace) {
            throw XMLProblem(description: "text outside the root element: \(between)")
        }
        try checkText(between)
        guard let gt = rest[lt...].firstIndex(of: ">") else {
            throw XMLProblem(description: "unterminated tag")
        }
        var tag = rest[rest.index(after: lt)..<gt]
        rest = rest[rest.index(after: gt)...]
        if tag.hasPrefix("/") {
            let name = String(tag.dropFirst())
            guard open.last == name else {
                throw XMLProblem(description: "closing </\(name)> but open is \(open.last ?? "nothing")")
            }
            open.removeLast()
            if open.isEmpty { rootClosed = true }
            continue
        }
        guard !rootClosed else { throw XMLProblem(description: "a second root element") }
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag = tag.dropLast() }
        let name = String(tag.prefix { !$0.isWhitespace })
        guard let first = name.first, first.isLetter,
            name.allSatisfy({ $0.isLetter || $0.isNumber || "-_:.".contains($0) })
        else { throw XMLProblem(description: "bad element name '\(name)'") }
        var attributes: [String: String] = [:]
        var body = tag.dropFirst(name.count)
        while true {
            body = body.drop { $0.isWhitespace }
            if body.isEmpty { break }
            guard let equals = body.firstIndex(of: "=") else {
                throw XMLProblem(description: "attribute without = in <\(name)>")
            }
            let key = String(body[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "-_:".contains($0) }) else {
                throw XMLProblem(description: "bad attribute name '\(key)' in <\(name)>")
            }
            var value = body[body.index(after: equals)...]
            guard value.first == "\"" else { throw XMLProblem(description: "unquoted \(key) in <\(name)>") }
            value = value.dropFirst()
            guard let close = value.firstIndex(of: "\"") else {
                throw XMLProblem(description: "unterminated \(key)")
            }
            let raw = value[..<close]
            guard !raw.contains("<") else { throw XMLProblem(description: "< in attribute \(key)") }
            try checkText(raw)
            guard attributes[key] == nil else { throw XMLProblem(description: "repeated attribute \(key)") }
            attributes[key] = String(raw)
            body = value[value.index(after: close)...]
            guard body.isEmpty || body.first!.isWhitespace else {
                throw XMLProblem(description: "no space after attribute \(key) in <\(name)>")
            }
        }
        elements.append(SVGElement(name: name, attributes: attributes))
        if selfClosing {
            if open.isEmpty { rootClosed = true }
        } else {
            open.append(name)
        }
    }
    guard open.isEmpty, rootClosed else { throw XMLProblem(description: "unclosed elements: \(open)") }
    return elements
}
