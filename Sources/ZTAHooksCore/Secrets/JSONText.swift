/// The few pieces of JSON text the secrets file and journal write by hand.
///
/// Hand-written rather than `JSONEncoder` so that the file layout is exactly the same on every
/// platform (Foundation's pretty printer differs in spacing between implementations) and so that
/// `"secret": null` can stay explicit.
enum JSONText {
    /// A JSON string literal, quotes included; `/` and non-ASCII characters are kept as they are.
    static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// An array of strings on one line: `["alert", "goal"]`.
    static func inlineArray(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }
}
