import Foundation

/// The JSON layout of a ztahooks secrets file, read for lookup only:
/// `{"version": 1, "webhooks": [{"siteId", "id", "secret", ...}], "retired": [{..., "retiredAt"}]}`;
/// other keys are ignored.
enum SecretsFileLayout {
    static let version = 1

    enum Failure: Error {
        case unsupportedVersion(Int)
        case malformed(String)
    }

    static func webhooks(in bytes: Data) throws(Failure) -> [String: WebhookSecrets.Known] {
        // ztahooks never writes a blank file; reading one as empty lets a receiver start first.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        let layout: Layout
        do {
            layout = try JSONDecoder().decode(Layout.self, from: bytes)
        } catch {
            // The decoder's own words may quote a value, which may be a secret: say only where.
            throw .malformed(Self.describe(error))
        }
        guard let found = layout.version else { throw .malformed("it has no \"version\"") }
        guard found == version else { throw .unsupportedVersion(found) }
        guard let entries = layout.webhooks else { throw .malformed("it has no \"webhooks\"") }
        var webhooks: [String: WebhookSecrets.Known] = [:]
        for entry in layout.retired ?? [] {
            var known = entry.known
            known.retiredAt = entry.retiredAt.flatMap(RetiredTime.parse) ?? Date()
            webhooks[entry.id] = known
        }
        // An active entry wins over a retired one of the same id.
        for entry in entries { webhooks[entry.id] = entry.known }
        return webhooks
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            "missing key \"\(key.stringValue)\"\(at(context.codingPath))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "wrong type\(at(context.codingPath))"
        case .dataCorrupted(let context)? where !context.codingPath.isEmpty:
            "invalid value\(at(context.codingPath))"
        default:
            "it is not valid JSON"
        }
    }

    private static func at(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    private struct Layout: Decodable {
        var version: Int?
        var webhooks: [SecretsFileEntry]?
        var retired: [SecretsFileEntry]?
    }
}

/// One entry of the file or of a journal record: only what lookup needs.
struct SecretsFileEntry: Decodable {
    var siteId: String
    var id: String
    var knowledge: WebhookSecrets.Knowledge
    /// Set on a retired entry.
    var retiredAt: String?

    var known: WebhookSecrets.Known { .init(siteId: siteId, knowledge: knowledge) }

    private enum CodingKeys: String, CodingKey {
        case siteId, id, secret, retiredAt
    }

    /// An encrypted secrets file seals each secret as an object where a plain file has a string;
    /// such an entry reads as `.sealed`, not as garbage and not as a failure of the whole file.
    private struct SealedProbe: Decodable {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        siteId = try container.decode(String.self, forKey: .siteId)
        id = try container.decode(String.self, forKey: .id)
        retiredAt = try container.decodeIfPresent(String.self, forKey: .retiredAt)
        if let secret = try? container.decodeIfPresent(String.self, forKey: .secret) {
            knowledge = .secret(WebhookSecret(secret))
        } else if (try? container.decodeNil(forKey: .secret)) ?? true {
            knowledge = .adopted
        } else {
            _ = try container.decode(SealedProbe.self, forKey: .secret)
            knowledge = .sealed
        }
    }
}
