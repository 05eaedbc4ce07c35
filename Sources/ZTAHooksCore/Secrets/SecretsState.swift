/// The secrets store's knowledge in memory: entries by webhook and unresolved intents.
///
/// Dictionaries rather than the snapshot's arrays so that applying one record costs the same
/// with ten entries or a hundred thousand.
package struct SecretsState: Sendable {
    private var entries: [Key: SecretEntry] = [:]
    private var intents: [String: CreateIntent] = [:]
    /// How the file's secrets are sealed, `nil` for plain text.
    var encryption: SecretsEncryption?

    private struct Key: Hashable, Sendable {
        var siteId: String
        var id: String
    }

    package init(_ snapshot: SecretsSnapshot = .empty) {
        for entry in snapshot.entries { entries[Key(siteId: entry.siteId, id: entry.id)] = entry }
        for intent in snapshot.unresolvedIntents { intents[intent.intentId] = intent }
        encryption = snapshot.encryption
    }

    /// Changes every entry in place, e.g. to open or seal its secret; stops at the first error.
    mutating func updateEntries<E: Error>(_ body: (inout SecretEntry) throws(E) -> Void) throws(E) {
        for key in entries.keys.sorted(by: { ($0.siteId, $0.id) < ($1.siteId, $1.id) }) {
            try body(&entries[key]!)
        }
    }

    package var snapshot: SecretsSnapshot {
        SecretsSnapshot(entries: SecretsFileCodec.sorted(Array(entries.values), by: SecretsFileCodec.entryKey),
                        unresolvedIntents: SecretsFileCodec.sorted(Array(intents.values), by: SecretsFileCodec.intentKey),
                        encryption: encryption)
    }

    var entryCount: Int { entries.count }

    /// `SecretsSnapshot.isSealed` without sorting every entry into a snapshot.
    var isSealed: Bool { encryption != nil || entries.values.contains { $0.sealed != nil } }

    func intent(id: String) -> CreateIntent? { intents[id] }

    /// Intent ids of one site whose URL has this identity.
    func intentIds(siteId: String, identity: String) -> [String] {
        intents.values.filter { $0.siteId == siteId && $0.identity == identity }.map(\.intentId).sorted()
    }

    package mutating func apply(_ record: SecretsJournalRecord) {
        switch record {
        case .intent(let intent):
            intents[intent.intentId] = intent
        case .created(let entry, let intentId):
            if let intentId { intents[intentId] = nil }
            entries[Key(siteId: entry.siteId, id: entry.id)] = entry
        case .createFailed(let intentId):
            intents[intentId] = nil
        case .deleted(let siteId, let id):
            entries[Key(siteId: siteId, id: id)] = nil
        case .handedOff(let siteId, let id):
            entries[Key(siteId: siteId, id: id)]?.handedOff = nil
        case .adopted(let entry):
            let key = Key(siteId: entry.siteId, id: entry.id)
            // A known secret is worth more than an adoption: never trade it for `null`.
            if entries[key]?.hasSecret == true { return }
            var adopted = entry
            adopted.secret = nil
            adopted.sealed = nil
            adopted.adopted = true
            entries[key] = adopted
        case .resolved(let intentIds):
            for id in intentIds { intents[id] = nil }
        }
    }
}
