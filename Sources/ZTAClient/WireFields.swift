import Foundation
import ZTAHooksCore

/// A webhook object of an answer as read, field by field, before it is judged.
///
/// The reader meets fields in the answer's order; they are judged afterwards in the order the
/// Codable decoding used to judge them (keys, then id, url, events, active, createdAt,
/// lastTriggered, secret), so that an answer with several faults names the same one. The first
/// of duplicate keys wins, as in `JSONDecoder`; later ones are only checked as structure.
/// `secret` is kept only when asked for: a list answer's secret is never even decoded.
struct WireFields {
    var keysValid = true
    var id = WireField<String>.absent
    var url = WireField<String>.absent
    var events = WireField<[String]>.absent
    var active = WireField<Bool>.absent
    var createdAt = WireField<String>.absent
    var lastTriggered = WireField<String>.absent
    var secret = WireField<String>.absent

    /// The names this decoder reads; any other key is skipped.
    enum Key: String {
        case id, url, events, active, createdAt, lastTriggered, secret, webhook, webhooks
    }

    /// Reads the value of `key` into its field when it is the first of its name; otherwise
    /// skips it (an unknown key, a duplicate, or `secret` when not wanted).
    mutating func read(_ key: Key?, from reader: inout JSONReader, keepingSecret: Bool) throws(JSONReader.Malformed) {
        switch key {
        case .id? where id.isAbsent: id = try reader.readTextField()
        case .url? where url.isAbsent: url = try reader.readTextField()
        case .events? where events.isAbsent: events = try reader.readTextListField()
        case .active? where active.isAbsent: active = try reader.readBoolField()
        case .createdAt? where createdAt.isAbsent: createdAt = try reader.readTextField()
        case .lastTriggered? where lastTriggered.isAbsent: lastTriggered = try reader.readTextField()
        case .secret? where keepingSecret && secret.isAbsent: secret = try reader.readTextField()
        default: try reader.skipValue()
        }
    }

    /// The webhook, or the first fault in decoding order; `path` names the object ("" at the top).
    func webhook(at path: @autoclosure () -> String) -> Result<LiveWebhook, DecodingProblem> {
        guard keysValid else { return .failure(.notJSON) }
        func field(_ name: String) -> String {
            let prefix = path()
            return prefix.isEmpty ? name : "\(prefix).\(name)"
        }
        do throws(DecodingProblem) {
            let webhook = LiveWebhook(
                id: try id.required(at: field("id")),
                url: try url.required(at: field("url")),
                events: try events.required(at: field("events")),
                active: try active.optional(at: field("active")) ?? true,
                createdAt: try Self.timestamp(createdAt, at: field("createdAt")),
                lastTriggered: try Self.timestamp(lastTriggered, at: field("lastTriggered")))
            return .success(webhook)
        } catch {
            return .failure(error)
        }
    }

    private static func timestamp(_ field: WireField<String>, at path: @autoclosure () -> String) throws(DecodingProblem) -> Date? {
        guard let text = try field.optional(at: path()) else { return nil }
        guard let date = ISO8601Timestamp.parse(text) else { throw .notTimestamp(path()) }
        return date
    }
}

/// One field of an object as read: missing, null, its value, or why its value is unusable.
enum WireField<Value> {
    case absent
    case null
    case value(Value)
    case fault(WireFault)

    var isAbsent: Bool {
        if case .absent = self { true } else { false }
    }

    /// The value of a field that must be there (`decode`).
    func required(at path: @autoclosure () -> String) throws(DecodingProblem) -> Value {
        switch self {
        case .absent: throw .missing(path())
        case .null: throw .null(path())
        case .value(let value): return value
        case .fault(let fault): throw fault.problem(at: path())
        }
    }

    /// The value of a field that may be missing or null (`decodeIfPresent`).
    func optional(at path: @autoclosure () -> String) throws(DecodingProblem) -> Value? {
        switch self {
        case .absent, .null: return nil
        case .value(let value): return value
        case .fault(let fault): throw fault.problem(at: path())
        }
    }
}

/// Why a field's value is unusable.
enum WireFault {
    /// A string in it is malformed: `JSONDecoder` calls the whole answer invalid.
    case notJSON
    /// It is of another kind; the words name the expected one ("a string").
    case notA(String)
    /// An element of a list is null, or not a string.
    case nullElement(Int)
    case notAStringElement(Int)

    func problem(at path: String) -> DecodingProblem {
        switch self {
        case .notJSON: .notJSON
        case .notA(let expected): .notA(expected, path)
        case .nullElement(let index): .null("\(path)[\(index)]")
        case .notAStringElement(let index): .notA("a string", "\(path)[\(index)]")
        }
    }
}
