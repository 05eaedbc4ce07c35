/// A JSON value that keeps its keys in the order written, for a schema people read and diff.
indirect enum SchemaJSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([SchemaJSON])
    case object([(String, SchemaJSON)])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: SchemaJSON...) { self = .array(elements) }

    /// Objects one member per line; arrays of scalars on one line.
    func rendered(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        let innerPad = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let value):
            return Self.quoted(value)
        case .int(let value):
            return String(value)
        case .bool(let value):
            return value ? "true" : "false"
        case .array(let items):
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { $0.rendered(indent: 0) }.joined(separator: ", ") + "]"
            }
            let lines = items.map { innerPad + $0.rendered(indent: indent + 1) }
            return "[\n" + lines.joined(separator: ",\n") + "\n\(pad)]"
        case .object(let members):
            let lines = members.map { innerPad + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(pad)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool: true
        case .array, .object: false
        }
    }

    /// `text` as a JSON string; `alsoEscaping` picks characters to write as `\uXXXX` besides
    /// the control characters JSON requires (YAML's double-quoted style reads the same escapes).
    static func quoted(_ text: String, alsoEscaping extra: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || extra(scalar):
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
