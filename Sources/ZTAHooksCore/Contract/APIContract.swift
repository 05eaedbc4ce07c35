import Foundation
import Yams
import ZTAJSON

/// The machine-readable contract of the ZTA API (`schemas/zta-api.openapi.yaml`, carried in the
/// binary), and a check of an answer against one of its schemas.
///
/// The spec keeps to a small subset of JSON Schema on purpose (type, required, properties,
/// additionalProperties, items, enum, const, minItems, maxItems, uniqueItems, minLength,
/// maxLength, pattern, format, `$ref`), which this checks in full; anything else in a schema is
/// reported as unsupported rather than ignored. A violation names where and what was expected,
/// never the value found: an answer may hold a secret.
public struct APIContract: Sendable {
    /// One way an answer differs from the contract.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        /// Where in the answer, as a path: `webhook.active`, `webhooks[0].events[1]`; `(answer)` for the whole.
        public var path: String
        /// What was expected, in words: "must be a boolean, found a string".
        public var problem: String

        public var description: String { "\(path): \(problem)" }
    }

    /// The schemas of `components.schemas`, by name, as JSON values.
    private let schemas: [String: JSONValue]
    /// The whole spec, for its examples.
    private let document: JSONValue

    /// The contract this binary carries.
    public static let embedded: APIContract = {
        // The embedded text is checked against the file by a test; it always parses.
        (try? APIContract(yaml: specText)) ?? APIContract(schemas: [:])
    }()

    public init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml).flatMap(Self.json), case .object(let schemas)? = root["components"]?["schemas"] else {
            throw ContractError(message: "the spec has no components.schemas")
        }
        self.init(schemas: schemas, document: root)
    }

    private init(schemas: [String: JSONValue], document: JSONValue = .null) {
        self.schemas = schemas
        self.document = document
    }

    /// The examples the spec gives for one answer of one operation: `method` `get`, `post` or
    /// `delete` on `/api/webhooks`, `status` as written (`200`, `403`); the documented and the
    /// emulator's wording alike. Each is a JSON value, as a server would send it.
    public func examples(method: String, status: String) -> [JSONValue] {
        var response = document["paths"]?["/api/webhooks"]?[method]?["responses"]?[status]
        if let reference = response?["$ref"]?.stringValue, let name = reference.split(separator: "/").last {
            response = document["components"]?["responses"]?[String(name)]
        }
        let examples = response?["content"]?["application/json"]?["examples"]?.objectValue ?? [:]
        return examples.keys.sorted().compactMap { examples[$0]?["value"] }
    }

    /// The names of the schemas, sorted.
    public var schemaNames: [String] { schemas.keys.sorted() }

    /// Every way `value` differs from the schema `name` (empty when it conforms).
    public func check(_ value: JSONValue, against name: String) -> [Violation] {
        guard let schema = schemas[name] else { return [Violation(path: "(answer)", problem: "the contract has no schema \(name)")] }
        var violations: [Violation] = []
        check(value, schema, path: "", depth: 0, into: &violations)
        return violations
    }

    struct ContractError: Error {
        var message: String
    }

    // MARK: The keywords

    private func check(_ value: JSONValue, _ schema: JSONValue, path: String, depth: Int, into violations: inout [Violation]) {
        func fail(_ problem: String) { violations.append(Violation(path: path.isEmpty ? "(answer)" : path, problem: problem)) }
        guard depth < 64 else { return fail("nests deeper than the contract's schemas do") }
        if let reference = schema["$ref"]?.stringValue {
            let name = String(reference.split(separator: "/").last ?? "")
            guard reference.hasPrefix("#/components/schemas/"), let target = schemas[name] else {
                return fail("the contract refers to \(reference), which it does not define")
            }
            return check(value, target, path: path, depth: depth + 1, into: &violations)
        }
        if let types = Self.types(schema["type"]), !types.contains(where: { Self.matches(value, type: $0) }) {
            return fail("must be \(types.map(Self.article).joined(separator: " or ")), found \(value.kindDescription)")
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            fail("must be one of \(allowed.map(Self.text).joined(separator: ", "))")
        }
        if let constant = schema["const"], constant != value {
            fail("must be \(Self.text(constant))")
        }
        switch value {
        case .string(let text):
            checkString(text, schema, fail: fail)
        case .array(let items):
            if let least = schema["minItems"]?.intValue, items.count < least { fail("must hold at least \(least) item\(least == 1 ? "" : "s"), holds \(items.count)") }
            if let most = schema["maxItems"]?.intValue, items.count > most { fail("must hold at most \(most) items, holds \(items.count)") }
            if schema["uniqueItems"] == .bool(true), Set(items).count != items.count { fail("must not hold the same item twice") }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, itemSchema, path: "\(path)[\(index)]", depth: depth + 1, into: &violations)
                }
            }
        case .object(let members):
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for key in required where members[key] == nil { fail("misses the required field \"\(key)\"") }
            let properties = schema["properties"]?.objectValue
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                if let property = properties?[key] {
                    check(member, property, path: memberPath, depth: depth + 1, into: &violations)
                } else if schema["additionalProperties"] == .bool(false) {
                    violations.append(Violation(path: memberPath, problem: "is not a field the contract allows here"))
                }
            }
        default:
            break
        }
    }

    private func checkString(_ text: String, _ schema: JSONValue, fail: (String) -> Void) {
        let length = text.count
        if let least = schema["minLength"]?.intValue, length < least { fail("must be at least \(least) character\(least == 1 ? "" : "s") long") }
        if let most = schema["maxLength"]?.intValue, length > most { fail("must be at most \(most) characters long") }
        if let pattern = schema["pattern"]?.stringValue {
            if let expression = try? NSRegularExpression(pattern: pattern),
               expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                fail("does not have the form the contract gives (pattern \(pattern))")
            }
        }
        switch schema["format"]?.stringValue {
        case "date-time"?:
            if ISO8601Timestamp.parse(text) == nil { fail("must be an RFC 3339 date-time") }
        case "uri"?:
            if URLComponents(string: text)?.scheme == nil { fail("must be an absolute URI") }
        default:
            break
        }
    }

    private static func types(_ node: JSONValue?) -> [String]? {
        guard let node else { return nil }
        if let one = node.stringValue { return [one] }
        return node.arrayValue?.compactMap(\.stringValue)
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null), ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "null": "null"
        case "array", "object", "integer": "an \(type)"
        default: "a \(type)"
        }
    }

    /// A value of the spec (an allowed value), as a message shows it.
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
        case .null: "null"
        default: value.kindDescription
        }
    }

    /// A value Yams loaded (strings, numbers, booleans, arrays, mappings) as JSON.
    private static func json(_ value: Any) -> JSONValue? {
        switch value {
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let text as String: return .string(text)
        case let items as [Any]: return .array(items.compactMap(json))
        case let members as [String: Any]: return .object(members.compactMapValues(json))
        case let members as [AnyHashable: Any]:
            return .object(Dictionary(uniqueKeysWithValues: members.compactMap { key, member in
                json(member).map { ("\(key.base)", $0) }
            }))
        case is NSNull: return .null
        default: return nil
        }
    }
}
