import Yams

extension YAMLFastComposer {
    /// Where the fast composer's tree for `text` differs from Yams' own, or nil when it agrees
    /// (or declines the text, which then goes to Yams anyway). For the differential test and the
    /// site-file fuzzer, which hold the two composers together on any input.
    @_spi(Testing) public static func differenceFromYams(_ text: String) -> String? {
        guard let fast = compose(text) else { return nil }
        do {
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            guard let root = try parser.nextRoot() else { return "Yams found no document" }
            if try parser.nextRoot() != nil { return "Yams found a second document" }
            return difference(fast, root, at: "root", isKey: false)
        } catch {
            return "Yams refused the text: \(error)"
        }
    }

    private static func difference(_ fast: Node, _ yams: Node, at path: String, isKey: Bool) -> String? {
        guard fast.mark?.line == yams.mark?.line, fast.mark?.column == yams.mark?.column else {
            return "\(path): mark \(String(describing: fast.mark)) against \(String(describing: yams.mark))"
        }
        // Yams' duplicate check resolves a key's tag in place, so only values compare as written.
        if !isKey, fast.tag.description != yams.tag.description {
            return "\(path): tag '\(fast.tag)' against '\(yams.tag)'"
        }
        switch (fast, yams) {
        case (.scalar(let a), .scalar(let b)):
            guard a.string == b.string, a.style == b.style, a.anchor == nil, b.anchor == nil else {
                return "\(path): scalar \(a.string.debugDescription) \(a.style) against \(b.string.debugDescription) \(b.style)"
            }
        case (.sequence(let a), .sequence(let b)):
            guard a.count == b.count, a.style == b.style else { return "\(path): sequence of \(a.count) against \(b.count)" }
            for (index, (x, y)) in zip(a, b).enumerated() {
                if let found = difference(x, y, at: "\(path)[\(index)]", isKey: false) { return found }
            }
        case (.mapping(let a), .mapping(let b)):
            guard a.count == b.count, a.style == b.style else { return "\(path): mapping of \(a.count) against \(b.count)" }
            for (index, (x, y)) in zip(a, b).enumerated() {
                if let found = difference(x.key, y.key, at: "\(path).key\(index)", isKey: true)
                    ?? difference(x.value, y.value, at: "\(path).value\(index)", isKey: false) {
                    return found
                }
            }
        default:
            return "\(path): a different kind of node"
        }
        // Last, Yams' own equality, which compares resolved tags.
        return fast == yams ? nil : "\(path): not equal as Yams compares"
    }
}
