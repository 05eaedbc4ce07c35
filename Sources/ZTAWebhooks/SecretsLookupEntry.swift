import Foundation
import ZTASecretsFormat

/// One entry of the secrets file, read for lookup only: its site, id and secret, and when it was
/// retired. The file's other fields may be missing; the core's codec reads the rest.
struct SecretsLookupEntry: Decodable {
    var siteId: String
    var id: String
    var knowledge: WebhookSecrets.Knowledge
    /// Set on a retired entry.
    var retiredAt: String?
    /// The webhook this one replaced.
    var replaces: String?

    var known: WebhookSecrets.Known { .init(siteId: siteId, knowledge: knowledge, replaces: replaces) }

    private enum CodingKeys: String, CodingKey {
        case siteId, id, secret, retiredAt, replaces
    }

    /// An encrypted secrets file seals each secret as an object where a plain file has a string;
    /// such an entry reads as `.sealed`, not as garbage and not as a failure of the whole file.
    private struct SealedProbe: Decodable {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        siteId = try container.decode(String.self, forKey: .siteId)
        id = try container.decode(String.self, forKey: .id)
        retiredAt = try container.decodeIfPresent(String.self, forKey: .retiredAt)
        replaces = try container.decodeIfPresent(String.self, forKey: .replaces)
        if let secret = try? container.decodeIfPresent(String.self, forKey: .secret) {
            knowledge = .secret(WebhookSecret(secret))
        } else if (try? container.decodeNil(forKey: .secret)) ?? true {
            knowledge = .adopted
        } else {
            _ = try container.decode(SealedProbe.self, forKey: .secret)
            knowledge = .sealed
        }
    }

    /// The webhooks of a secrets file's bytes, through the core's own layout: the same version
    /// check and the same words for a damaged file. Retired entries carry their `retiredAt`.
    static func webhooks(in bytes: Data) throws(SecretsFileCodec.DecodingFailure) -> [String: WebhookSecrets.Known] {
        guard let layout = try SecretsFileCodec.decodeLayout([UInt8](bytes), entries: Self.self, retired: Self.self) else { return [:] }
        var webhooks: [String: WebhookSecrets.Known] = [:]
        for entry in layout.retired ?? [] {
            var known = entry.known
            known.retiredAt = entry.retiredAt.flatMap(Timestamp.parse) ?? Date()
            webhooks[entry.id] = known
        }
        // An active entry wins over a retired one of the same id.
        for entry in layout.webhooks ?? [] { webhooks[entry.id] = entry.known }
        return webhooks
    }
}
