import Yams

/// What a YAML node holds, as far as the site-file rules care.
///
/// The parser runs with Yams' basic resolver (every plain scalar is text, which is fast and
/// predictable), so plain scalars are typed here: a value that YAML 1.1 or 1.2 tools would
/// read as a number, boolean or null is not silently taken as text.
enum YAMLValueKind: Equatable {
    case string(String)
    case boolean(Bool)
    /// `yes`, `no`, `on`, `off` and friends: booleans in YAML 1.1, text in YAML 1.2.
    case ambiguousBoolean(String)
    case number(String)
    case null
    case otherTag(String)
    case list
    case mapping

    init(_ node: Node) {
        switch node {
        case .mapping: self = .mapping
        case .sequence: self = .list
        case .alias: self = .otherTag("alias")
        case .scalar(let scalar): self = YAMLValueKind(scalar)
        }
    }

    init(_ scalar: Node.Scalar) {
        let text = scalar.string
        switch Tag.Name(rawValue: scalar.tag.description) {
        case .implicit:
            // Quoted and block scalars are always text; only plain ones are typed.
            self = scalar.style == .plain || scalar.style == .any ? YAMLValueKind.plain(text) : .string(text)
        case .nonSpecific, .str:
            self = .string(text)
        case .bool:
            // Explicitly tagged: `!!bool true` is a boolean; `!!bool yes` still reads differently
            // in YAML 1.1 and 1.2 tools.
            switch text {
            case "true", "True", "TRUE": self = .boolean(true)
            case "false", "False", "FALSE": self = .boolean(false)
            default: self = .ambiguousBoolean(text)
            }
        case .int, .float:
            self = .number(text)
        case .null:
            self = .null
        default:
            self = .otherTag(scalar.tag.description)
        }
    }

    /// How a message names what was found: "found a list".
    var description: String {
        switch self {
        case .string: "a string"
        case .boolean, .ambiguousBoolean: "a boolean"
        case .number: "a number"
        case .null: "nothing"
        case .otherTag(let tag): "a value tagged '\(tag)'"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }

    private static func plain(_ text: String) -> YAMLValueKind {
        // Most values start with a letter that no null, boolean or number starts with.
        guard let first = text.utf8.first else { return .null }
        if !Self.specialFirstBytes.contains(first) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .boolean(true)
        case "false", "False", "FALSE": return .boolean(false)
        case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
            "y", "Y", "n", "N":
            return .ambiguousBoolean(text)
        default:
            return looksNumeric(text) ? .number(text) : .string(text)
        }
    }

    private static let specialFirstBytes: Set<UInt8> = Set(Array("~nNtTfFyYoO0123456789+-.".utf8))

    /// Integers and floats in the YAML 1.1 and 1.2 spellings (`12`, `-3`, `0x1F`, `1_000`,
    /// `1.5e3`, `.inf`, `.nan`), without the cost of a regular expression per scalar.
    private static func looksNumeric(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: ".") || first == UInt8(ascii: "0") {
            let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
            if lowered == ".inf" || lowered == ".nan" { return true }
            if lowered.hasPrefix("0x") || lowered.hasPrefix("0o") || lowered.hasPrefix("0b") {
                let digits = lowered.dropFirst(2)
                return !digits.isEmpty && digits.allSatisfy { $0.isHexDigit || $0 == "_" }
            }
        }
        guard isDigit(first) || first == UInt8(ascii: ".") else { return false }
        var sawDigit = false, sawDot = false, sawExponent = false
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "_") where !sawExponent: break
            case UInt8(ascii: ":") where !sawExponent && !sawDot: break  // 1.1 sexagesimal: 1:30
            case UInt8(ascii: ".") where !sawDot && !sawExponent: sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return false }
                sawExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return false }
            default:
                return false
            }
            previous = byte
        }
        return sawDigit && !(sawExponent && !isDigit(previous))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
