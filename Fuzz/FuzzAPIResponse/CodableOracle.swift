import Foundation
import ZTAHooksCore
import ZTAClient

/// The Codable decoding of the API's answers that the hand-written reader replaced, kept out
/// of the product as the oracle of its equivalence: here for the fuzz target, and linked into
/// `Tests/ZTAClientTests/Support` for the differential test and the benchmark. The same types,
/// the same `JSONDecoder`, the same words for each `DecodingError`.
enum CodableOracle {
    static func webhookList(_ body: Data) -> Result<[LiveWebhook], DecodingProblem> {
        let decoder = JSONDecoder()
        do {
            return .success(try decoder.decode(WireWebhookList.self, from: body).webhooks.map(\.webhook))
        } catch let envelopeError {
            if let bare = try? decoder.decode([WireWebhook].self, from: body) {
                return .success(bare.map(\.webhook))
            }
            return .failure(problem(envelopeError))
        }
    }

    static func createdWebhook(_ body: Data) -> Result<CreatedWebhook, DecodingProblem> {
        do {
            return .success(try JSONDecoder().decode(WireCreatedWebhook.self, from: body).created)
        } catch {
            return .failure(problem(error))
        }
    }

    static func problem(_ error: any Error) -> DecodingProblem {
        let description: String
        guard let error = error as? DecodingError else {
            return DecodingProblem(description: "the answer is not valid JSON")
        }
        switch error {
        case .keyNotFound(let key, let context):
            description = "field '\(Self.path(context.codingPath + [key]))' is missing"
        case .valueNotFound(_, let context):
            description = "field '\(Self.path(context.codingPath))' is null"
        case .typeMismatch(let type, let context):
            description = context.codingPath.isEmpty
                ? "the answer is not the expected JSON object"
                : "field '\(Self.path(context.codingPath))' is not \(Self.article(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                description = "the answer is not valid JSON"
            } else if context.debugDescription == WireWebhook.timestampProblem {
                description = "field '\(Self.path(context.codingPath))' \(WireWebhook.timestampProblem)"
            } else {
                description = "field '\(Self.path(context.codingPath))' is not valid"
            }
        @unknown default:
            description = "the answer could not be decoded"
        }
        return DecodingProblem(description: description)
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else if key.stringValue.hasPrefix("Index ") {
                text += "[\(key.stringValue.dropFirst(6))]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func article(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is [String].Type, is [Any].Type: return "a list"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of the expected type"
        }
    }
}

/// A webhook as the server sends it, read tolerantly: unknown fields are ignored, `active`
/// defaults to true, `createdAt` and `lastTriggered` may be missing or null.
///
/// There is deliberately no `secret` field: a list answer may carry one (the API document's
/// own example does), and what is never decoded can never be stored, printed or logged.
struct WireWebhook: Decodable {
    var webhook: LiveWebhook

    private enum Keys: String, CodingKey {
        case id, url, events, active, createdAt, lastTriggered
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        webhook = LiveWebhook(
            id: try c.decode(String.self, forKey: .id),
            url: try c.decode(String.self, forKey: .url),
            events: try c.decode([String].self, forKey: .events),
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true,
            createdAt: try Self.timestamp(c, .createdAt),
            lastTriggered: try Self.timestamp(c, .lastTriggered)
        )
    }

    static let timestampProblem = "is not an ISO 8601 timestamp"

    private static func timestamp(_ c: KeyedDecodingContainer<Keys>, _ key: Keys) throws -> Date? {
        guard let raw = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ISO8601Timestamp.parse(raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: timestampProblem)
        }
        return date
    }
}

/// `{"webhooks": [...]}`; a bare array is accepted too.
struct WireWebhookList: Decodable {
    var webhooks: [WireWebhook]
}

/// `{"webhook": {..., "secret": "whsec_..."}}`; a bare webhook object, or a `secret` beside
/// `webhook`, is accepted too.
struct WireCreatedWebhook: Decodable {
    var created: CreatedWebhook

    private enum Keys: String, CodingKey {
        case webhook, secret
    }

    init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: Keys.self)
        let webhookDecoder = outer.contains(.webhook) ? try outer.superDecoder(forKey: .webhook) : decoder
        let webhook = try WireWebhook(from: webhookDecoder).webhook
        let inner = try webhookDecoder.container(keyedBy: Keys.self)
        let secret: String
        if !inner.contains(.secret), outer.contains(.secret) {
            secret = try outer.decode(String.self, forKey: .secret)
        } else {
            secret = try inner.decode(String.self, forKey: .secret)
        }
        created = CreatedWebhook(webhook: webhook, secret: secret)
    }
}
