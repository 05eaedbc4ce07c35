import Foundation

/// One webhook ztahooks knows the secret of (or adopted without one), as stored in the
/// secrets file. Layout fixed by the product contract.
public struct SecretEntry: Hashable, Sendable, Codable {
    public var siteId: String
    public var name: String
    public var id: String
    public var url: String
    public var events: [String]
    /// `nil` for an adopted webhook, whose secret ztahooks never saw.
    public var secret: String?
    /// ISO 8601 with milliseconds, as the API returned it.
    public var createdAt: String?
    /// True when brought in by `import` rather than created by ztahooks.
    public var adopted: Bool?
    /// The description sent at creation; the API never returns it, so this is the only record.
    /// (Named apart from `description` so that printing an entry can never show its secret.)
    public var webhookDescription: String?

    enum CodingKeys: String, CodingKey {
        case siteId, name, id, url, events, secret, createdAt, adopted
        case webhookDescription = "description"
    }

    public init(siteId: String, name: String, id: String, url: String, events: [String], secret: String?,
                createdAt: String?, adopted: Bool? = nil, description: String? = nil) {
        self.siteId = siteId
        self.name = name
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.createdAt = createdAt
        self.adopted = adopted
        self.webhookDescription = description
    }
}

extension SecretEntry: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "SecretEntry(site: \(siteId), name: \(name), id: \(id), secret: \(secret == nil ? "none" : "<redacted>"))"
    }
    public var debugDescription: String { description }
}

/// A create that was about to be sent: written durably before the POST, so that after a
/// crash the next run can recognise the webhook created in the lost window.
public struct CreateIntent: Hashable, Sendable, Codable {
    public var intentId: String
    public var siteId: String
    public var name: String
    public var url: String
    public var events: [String]
    public var startedAt: String

    public init(intentId: String, siteId: String, name: String, url: String, events: [String], startedAt: String) {
        self.intentId = intentId
        self.siteId = siteId
        self.name = name
        self.url = url
        self.events = events
        self.startedAt = startedAt
    }

    public var identity: String { WebhookURL.normalized(url) }
}

/// What the secrets file (plus any journal beside it) says, as the planner reads it.
public struct SecretsSnapshot: Hashable, Sendable {
    public var entries: [SecretEntry]
    /// Creates that started and never finished: their secrets, if the webhook exists, are lost.
    public var unresolvedIntents: [CreateIntent]

    public init(entries: [SecretEntry] = [], unresolvedIntents: [CreateIntent] = []) {
        self.entries = entries
        self.unresolvedIntents = unresolvedIntents
    }

    public static let empty = SecretsSnapshot()

    /// The snapshot split by site, in one pass: each site sees only its own part, and filtering
    /// every entry for every site would add up (10,000 entries x 1,000 sites).
    public func bySite() -> [String: SecretsSnapshot] {
        let entries = Dictionary(grouping: entries, by: \.siteId)
        let intents = Dictionary(grouping: unresolvedIntents, by: \.siteId)
        return Dictionary(uniqueKeysWithValues: Set(entries.keys).union(intents.keys).map { site in
            (site, SecretsSnapshot(entries: entries[site] ?? [], unresolvedIntents: intents[site] ?? []))
        })
    }

    /// The entry for a live webhook id, if ztahooks knows it.
    public func entry(id: String) -> SecretEntry? { entries.first { $0.id == id } }
}
