/// One durable fact appended to the journal beside the secrets file while an apply runs.
///
/// Each record is idempotent (it sets or removes one key), so replaying a journal over a file
/// that already contains it, as happens after a crash between a fold and the journal's
/// truncation, gives the same state.
package enum SecretsJournalRecord: Hashable, Sendable {
    /// A create is about to be sent.
    case intent(CreateIntent)
    /// The create succeeded and returned this secret.
    case created(SecretEntry, intentId: String?)
    /// The create definitively did not happen (the API rejected it).
    case createFailed(intentId: String)
    /// The webhook was deleted: its entry leaves the file.
    case deleted(siteId: String, id: String)
    /// The `--on-secret` sink took the webhook's secret: its entry is no longer pending.
    case handedOff(siteId: String, id: String)
    /// A webhook created elsewhere, known without its secret.
    case adopted(SecretEntry)
    /// Intents whose possible orphan the apply has dealt with.
    case resolved(intentIds: [String])
}

/// Read with `JSONDecoder`; written by `JSONWriter.compact(_:)` in the same keys.
extension SecretsJournalRecord: Decodable {
    private enum Kind: String, Codable {
        case intent, created, createFailed, deleted, adopted, resolved, handedOff
    }

    private enum CodingKeys: String, CodingKey {
        case type, intent, entry, intentId, intentIds, siteId, id
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .type) {
        case .intent:
            self = .intent(try c.decode(CreateIntent.self, forKey: .intent))
        case .created:
            self = .created(try c.decode(SecretEntry.self, forKey: .entry),
                            intentId: try c.decodeIfPresent(String.self, forKey: .intentId))
        case .createFailed:
            self = .createFailed(intentId: try c.decode(String.self, forKey: .intentId))
        case .deleted:
            self = .deleted(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id))
        case .handedOff:
            self = .handedOff(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id))
        case .adopted:
            self = .adopted(try c.decode(SecretEntry.self, forKey: .entry))
        case .resolved:
            self = .resolved(intentIds: try c.decode([String].self, forKey: .intentIds))
        }
    }
}
