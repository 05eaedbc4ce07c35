import Foundation

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
    /// The webhook was deleted, or the API no longer lists it: its entry moves to `retired`.
    /// Journals of earlier versions say `deleted` without a time or reason; they read as this.
    case retired(siteId: String, id: String, at: String, reason: String)
    /// A retired webhook is listed again: its entry comes back from `retired`.
    case restored(siteId: String, id: String)
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
        case intent, created, createFailed, deleted, retired, restored, adopted, resolved, handedOff
    }

    private enum CodingKeys: String, CodingKey {
        case type, intent, entry, intentId, intentIds, siteId, id, at, reason
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
            // Written before entries were retired: the time it is read is the best time there is.
            self = .retired(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id),
                            at: Timestamp.format(Date()), reason: RetirementReason.deleted)
        case .retired:
            self = .retired(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id),
                            at: try c.decode(String.self, forKey: .at), reason: try c.decode(String.self, forKey: .reason))
        case .restored:
            self = .restored(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id))
        case .handedOff:
            self = .handedOff(siteId: try c.decode(String.self, forKey: .siteId), id: try c.decode(String.self, forKey: .id))
        case .adopted:
            self = .adopted(try c.decode(SecretEntry.self, forKey: .entry))
        case .resolved:
            self = .resolved(intentIds: try c.decode([String].self, forKey: .intentIds))
        }
    }
}
