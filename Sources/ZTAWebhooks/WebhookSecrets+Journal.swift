import Foundation
import ZTASecretsFormat

extension WebhookSecrets.Known {
    /// What a whole entry of a journal record says, for lookup.
    init(_ entry: SecretEntry) {
        siteId = entry.siteId
        knowledge = entry.secret.map { .secret(WebhookSecret($0)) } ?? (entry.sealed != nil ? .sealed : .adopted)
        replaces = entry.replaces
    }
}

extension WebhookSecrets {
    /// Replays the journal's records over the file's webhooks, as ztahooks does for lookup. The
    /// lines are read by the core's own journal codec: a line cut short or with a wrong checksum
    /// was never acknowledged and is skipped.
    static func replay(journal bytes: Data, over webhooks: inout [String: Known]) {
        for record in SecretsJournalCodec.decode([UInt8](bytes)).records {
            switch record {
            case .created(let entry, _):
                webhooks[entry.id] = Known(entry)
            case .retired(let siteId, let id, let at, _):
                if webhooks[id]?.siteId == siteId, webhooks[id]?.retiredAt == nil { webhooks[id]?.retiredAt = Timestamp.parse(at) ?? Date() }
            case .restored(let siteId, let id):
                if webhooks[id]?.siteId == siteId { webhooks[id]?.retiredAt = nil }
            case .adopted(let entry):
                // A known secret is worth more than an adoption: ztahooks never trades it for null.
                if var known = webhooks[entry.id], known.siteId == entry.siteId, known.knowledge != .adopted {
                    known.retiredAt = nil
                    webhooks[entry.id] = known
                    continue
                }
                webhooks[entry.id] = Known(siteId: entry.siteId, knowledge: .adopted)
            case .intent, .createFailed, .handedOff, .resolved:
                break
            }
        }
    }
}
