import Foundation
import ZTAHooksCore

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
