import Foundation

/// The secrets store's knowledge in memory: entries by webhook and unresolved intents.
///
/// Dictionaries rather than the snapshot's arrays so that applying one record costs the same
/// with ten entries or a hundred thousand.
package struct SecretsState: Sendable {
    private var entries: [Key: SecretEntry] = [:]
    private var intents: [String: CreateIntent] = [:]
    private var retired: [Key: RetiredEntry] = [:]
    /// How many entries, active and retired, of every site carry each id: a create answer's id
    /// is checked against it in constant time.
    private var recordedIDs: [String: Int] = [:]
    /// How the file's secrets are sealed, `nil` for plain text.
    var encryption: SecretsEncryption?
    /// The API the file belongs to.
    var api: String?

    private struct Key: Hashable, Sendable {
        var siteId: String
        var id: String
    }

    package init(_ snapshot: SecretsSnapshot = .empty) {
        for entry in snapshot.entries { setEntry(entry, at: Key(siteId: entry.siteId, id: entry.id)) }
        for intent in snapshot.unresolvedIntents { intents[intent.intentId] = intent }
        for old in snapshot.retired { setRetired(old, at: Key(siteId: old.entry.siteId, id: old.entry.id)) }
        encryption = snapshot.encryption
        api = snapshot.api
    }

    /// Changes every entry in place, retired ones included, e.g. to open or seal its secret;
    /// stops at the first error.
    mutating func updateEntries<E: Error>(_ body: (inout SecretEntry) throws(E) -> Void) throws(E) {
        func order(_ a: Key, _ b: Key) -> Bool { (a.siteId, a.id) < (b.siteId, b.id) }
        for key in entries.keys.sorted(by: order) {
            try body(&entries[key]!)
        }
        for key in retired.keys.sorted(by: order) {
            try body(&retired[key]!.entry)
        }
    }

    package var snapshot: SecretsSnapshot {
        SecretsSnapshot(entries: SecretsFileCodec.sorted(Array(entries.values), by: SecretsFileCodec.entryKey),
                        unresolvedIntents: SecretsFileCodec.sorted(Array(intents.values), by: SecretsFileCodec.intentKey),
                        encryption: encryption, api: api,
                        retired: SecretsFileCodec.sorted(Array(retired.values), by: SecretsFileCodec.retiredKey))
    }

    var entryCount: Int { entries.count + retired.count }

    /// `SecretsSnapshot.isSealed` without sorting every entry into a snapshot.
    var isSealed: Bool {
        encryption != nil || entries.values.contains { $0.sealed != nil } || retired.values.contains { $0.entry.sealed != nil }
    }

    /// The file's binding alone, for checking it before sorting every entry into a snapshot.
    var snapshotHeader: SecretsSnapshot { SecretsSnapshot(api: api) }

    /// Whether any site's entry, active or retired, has this id.
    func isRecorded(id: String) -> Bool { recordedIDs[id] != nil }

    /// Drops retired entries retired before `cutoff` (`retiredKeep`); returns how many.
    mutating func dropRetired(before cutoff: Date) -> Int {
        let expired = retired.filter { Timestamp.parse($0.value.retiredAt).map { $0 < cutoff } ?? false }
        for key in expired.keys { setRetired(nil, at: key) }
        return expired.count
    }

    // Every change of `entries` and `retired` goes through these two, which keep `recordedIDs`.
    private mutating func setEntry(_ entry: SecretEntry?, at key: Key) {
        count(key.id, old: entries[key] != nil, new: entry != nil)
        entries[key] = entry
    }

    private mutating func setRetired(_ entry: RetiredEntry?, at key: Key) {
        count(key.id, old: retired[key] != nil, new: entry != nil)
        retired[key] = entry
    }

    private mutating func count(_ id: String, old: Bool, new: Bool) {
        guard old != new else { return }
        let next = (recordedIDs[id] ?? 0) + (new ? 1 : -1)
        recordedIDs[id] = next > 0 ? next : nil
    }

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
            // Apply checks an answer's id before recording it; replayed over a file that already
            // holds it (a crash between a fold and the journal's truncation), it changes nothing.
            let key = Key(siteId: entry.siteId, id: entry.id)
            guard entries[key] == nil, retired[key] == nil else { return }
            setEntry(entry, at: key)
        case .createFailed(let intentId):
            intents[intentId] = nil
        case .retired(let siteId, let id, let at, let reason):
            let key = Key(siteId: siteId, id: id)
            guard let entry = entries[key] else { return }
            setEntry(nil, at: key)
            setRetired(RetiredEntry(entry: entry, retiredAt: at, reason: reason), at: key)
        case .restored(let siteId, let id):
            let key = Key(siteId: siteId, id: id)
            guard entries[key] == nil, let old = retired[key] else { return }
            setRetired(nil, at: key)
            setEntry(old.entry, at: key)
        case .handedOff(let siteId, let id):
            entries[Key(siteId: siteId, id: id)]?.handedOff = nil
        case .adopted(let entry):
            let key = Key(siteId: entry.siteId, id: entry.id)
            // A known secret is worth more than an adoption: never trade it for `null`.
            if entries[key]?.hasSecret == true { return }
            if entries[key] == nil, let old = retired[key], old.entry.hasSecret {
                setRetired(nil, at: key)
                setEntry(old.entry, at: key)
                return
            }
            var adopted = entry
            adopted.secret = nil
            adopted.sealed = nil
            adopted.adopted = true
            setEntry(adopted, at: key)
        case .resolved(let intentIds):
            for id in intentIds { intents[id] = nil }
        }
    }
}
