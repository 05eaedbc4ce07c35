import Foundation

/// One webhook ztahooks knows the secret of (or adopted without one), as stored in the
/// secrets file. Layout fixed by the product contract.
public struct SecretEntry: Hashable, Sendable {
    public var siteId: String
    public var name: String
    public var id: String
    public var url: String
    public var events: [String]
    /// The secret in plain text: `nil` for an adopted webhook, whose secret ztahooks never saw,
    /// and for a sealed one read without the key.
    public var secret: String?
    /// The secret as sealed in the file (`"secret": {"sealed": ...}`), when the file is encrypted.
    /// Kept beside `secret` once opened, so that an unchanged secret is written back unchanged.
    public var sealed: SealedSecret?
    /// ISO 8601 with milliseconds, as the API returned it.
    public var createdAt: String?
    /// True when brought in by `import` rather than created by ztahooks.
    public var adopted: Bool?
    /// The description sent at creation; the API never returns it, so this is the only record.
    /// (Named apart from `description` so that printing an entry can never show its secret.)
    public var webhookDescription: String?
    /// `false` while the secret waits to be handed to `--on-secret` (created, not yet handed
    /// off); absent once it was, and in files written before sinks existed, which stay valid.
    public var handedOff: Bool?
    /// The id of the webhook this one replaced (a replace or rotate): for the overlap, ZTA
    /// delivers each event to both, and receivers pass it on once (`WebhookDeduplicator`).
    public var replaces: String?

    enum CodingKeys: String, CodingKey {
        case siteId, name, id, url, events, secret, createdAt, adopted, handedOff, replaces
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

    /// Whether the secrets file holds this webhook's secret, in plain text or sealed.
    public var hasSecret: Bool { secret != nil || sealed != nil }

    /// The secret is sealed in the file and was read without the key: known, but not usable.
    public var isSealedWithoutKey: Bool { secret == nil && sealed != nil }

    /// True while the secret has not reached the `--on-secret` sink: the webhook it replaces,
    /// if any, must stay live until it has.
    public var awaitsHandOff: Bool { handedOff == false }
}

extension SecretEntry: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "SecretEntry(site: \(siteId), name: \(name), id: \(id), secret: \(sealed != nil ? "<sealed>" : secret == nil ? "none" : "<redacted>"))"
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
}

/// What the secrets file (plus any journal beside it) says, as the planner reads it.
public struct SecretsSnapshot: Hashable, Sendable {
    public var entries: [SecretEntry]
    /// Creates that started and never finished: their secrets, if the webhook exists, are lost.
    public var unresolvedIntents: [CreateIntent]
    /// How the file's secrets are sealed; `nil` for a plain-text file.
    public var encryption: SecretsEncryption?
    /// The API the file belongs to (`APIOrigin`); `nil` until the first run that writes it.
    public var api: String?
    /// Entries of webhooks that were deleted or are no longer listed: kept, never erased by an answer.
    public var retired: [RetiredEntry]

    public init(entries: [SecretEntry] = [], unresolvedIntents: [CreateIntent] = [], encryption: SecretsEncryption? = nil,
                api: String? = nil, retired: [RetiredEntry] = []) {
        self.entries = entries
        self.unresolvedIntents = unresolvedIntents
        self.encryption = encryption
        self.api = api
        self.retired = retired
    }

    /// True when the file is encrypted, or holds a sealed value: a new secret must be sealed too.
    public var isSealed: Bool {
        encryption != nil || entries.contains { $0.sealed != nil } || retired.contains { $0.entry.sealed != nil }
    }

    public static let empty = SecretsSnapshot()

    /// The snapshot split by site, in one pass: each site sees only its own part, and filtering
    /// every entry for every site would add up (10,000 entries x 1,000 sites).
    public func bySite() -> [String: SecretsSnapshot] {
        let entries = Dictionary(grouping: entries, by: \.siteId)
        let intents = Dictionary(grouping: unresolvedIntents, by: \.siteId)
        let retired = Dictionary(grouping: retired, by: \.entry.siteId)
        return Dictionary(uniqueKeysWithValues: Set(entries.keys).union(intents.keys).union(retired.keys).map { site in
            (site, SecretsSnapshot(entries: entries[site] ?? [], unresolvedIntents: intents[site] ?? [], encryption: encryption,
                                   api: api, retired: retired[site] ?? []))
        })
    }

    /// The retired entry of a webhook id, if one was kept.
    public func retiredEntry(id: String) -> RetiredEntry? { retired.first { $0.entry.id == id } }

    /// The entry for a live webhook id, if ztahooks knows it.
    public func entry(id: String) -> SecretEntry? { entries.first { $0.id == id } }
}

/// An entry whose webhook was deleted, or that the API stopped listing: its secret is kept for
/// receivers (deliveries in flight, retries) and for the day the webhook is listed again.
public struct RetiredEntry: Hashable, Sendable {
    public var entry: SecretEntry
    /// ISO 8601 with milliseconds: when ztahooks retired it.
    public var retiredAt: String
    /// Why, in a few words: "deleted by apply", "replaced by wh_new", "no longer listed by the API".
    public var reason: String

    public init(entry: SecretEntry, retiredAt: String, reason: String) {
        var entry = entry
        // Nothing waits on a retired secret: its webhook is gone.
        entry.handedOff = nil
        self.entry = entry
        self.retiredAt = retiredAt
        self.reason = reason
    }

    /// Whether a receiver may still verify with it at `now`, given `grace` after `retiredAt`.
    /// An unreadable timestamp counts as retired just now (a receiver keeps verifying).
    public func isWithinGrace(_ grace: Duration, now: Date) -> Bool {
        guard grace > .zero else { return false }
        guard let at = Timestamp.parse(retiredAt) else { return true }
        return now.timeIntervalSince(at) < Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
    }
}

/// Why an entry moves to `retired`: the words stored in the file.
public enum RetirementReason {
    public static let deleted = "deleted by apply"
    public static let notListed = "no longer listed by the API"
    public static func replaced(by id: String) -> String { "replaced by \(id)" }
}
