/// A JSON value whose objects keep their keys in the order given.
///
/// The API's answers are written with this so that their keys come in the document's order
/// (`id`, `url`, `events`, …); Foundation's encoder on Linux does not keep declaration order.
enum JSONValue: Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    init(stringLiteral value: String) {
        self = .string(value)
    }

    init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized == b.serialized
    }

    /// Compact JSON text.
    var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let value):
            output += Self.javaScriptNumber(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    /// Numbers as JavaScript's `JSON.stringify` writes them, for the common range: integers without a
    /// fraction, others in the shortest form that reads back the same.
    static func javaScriptNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e21 {
            if abs(value) < 9.007_199_254_740_992e15 { return String(Int64(value)) }
            return String(format: "%.0f", value)
        }
        return value.description
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
