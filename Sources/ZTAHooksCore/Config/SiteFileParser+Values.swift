import Yams

extension SiteFileParser {
    /// A `true`/`false` value, or nil after an error; YAML 1.1 words such as `yes` are refused
    /// because tools read them differently.
    mutating func boolean(_ node: Node, key: String) -> Bool? {
        switch YAMLValueKind(node) {
        case .boolean(let value):
            return value
        case .ambiguousBoolean(let text):
            error(
                "'\(key)' must be true or false, found '\(text)'", at: node,
                hint: "YAML 1.1 reads '\(text)' as a boolean and YAML 1.2 as text; write true or false"
            )
        case let kind:
            error("'\(key)' must be true or false, found \(kind.description)", at: node)
        }
        return nil
    }

    /// A whole number within `range`, or nil after an error that names the range.
    mutating func integer(_ node: Node, key: String, in range: ClosedRange<Int>) -> Int? {
        let kind = YAMLValueKind(node)
        guard case .number(let text) = kind, let value = Int(text) else {
            error("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(kind.description)", at: node)
            return nil
        }
        guard range.contains(value) else {
            error("'\(key)' must be from \(range.lowerBound) to \(range.upperBound), found \(value)", at: node)
            return nil
        }
        return value
    }
}
