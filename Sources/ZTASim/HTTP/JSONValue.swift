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

    /// Numbers as JavaScript's `JSON.stringify` writes them (ECMAScript's Number::toString): the
    /// shortest digits that read back as the same double, which Swift's `description` also finds,
    /// laid out by JavaScript's rules: plain notation from 1e-7 up to 1e21 exclusive (large integers
    /// padded with zeros, `12345678901234567000`), exponent notation outside (`1e-7`, `1e+21`), and
    /// `0` for -0.
    static func javaScriptNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        guard value != 0 else { return "0" }
        let (digits, exponent) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        // `digits` × 10^(exponent − digits.count), in ECMAScript's terms k = digits.count, n = exponent.
        let k = digits.count
        let n = exponent
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return sign + String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst(1))
        return sign + mantissa + "e" + (n - 1 >= 0 ? "+" : "-") + String(abs(n - 1))
    }

    /// The shortest round-trip digits of a positive finite double, without leading or trailing
    /// zeros, and where the decimal point falls: value = 0.DIGITS × 10^exponent.
    private static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        // `description` is the shortest round-trip form: "1.5", "1e-07", "1.2345e+25", "12345.0".
        let text = value.description
        let parts = text.split(separator: "e")
        let powerOfTen = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let whole = pieces[0]
        let fraction = pieces.count > 1 ? pieces[1] : ""
        var digits = Substring(whole + fraction)
        var point = whole.count + powerOfTen
        while digits.first == "0" {
            digits = digits.dropFirst()
            point -= 1
        }
        while digits.last == "0" { digits = digits.dropLast() }
        return (String(digits), point)
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
