import Foundation
import ZTAHooksCore

/// The secrets `listen` verifies with, kept current while it runs.
///
/// During an `apply` or `rotate` the newest secrets exist only in the journal beside the file,
/// folded in at the end; so both files are watched. Each request compares their identity
/// (device, inode, size, modification time to the nanosecond: one `stat` each) with the one
/// last read, and reads again through `SecretsStore.inspect` (no lock, journal applied) when
/// either differs. A read that fails keeps the last good secrets: a damaged file met in the middle
/// of a session must not turn every delivery into a 401.
///
/// A webhook that leaves the file's active entries (deleted by an apply or a rotate, or no longer
/// listed by the API) is kept in its `retired` entries, and stays verifiable for `retiredGrace`
/// after its `retiredAt`: a delivery published just before its delete, or a retry of one (ZTA
/// retries for 30 s), can arrive after the deletion was recorded, and must not be refused. The
/// file is the one rule: `verify` and the ZTAWebhooks library read it the same way.
public final class ListenSecrets: @unchecked Sendable {
    /// Where the secrets came from, for the ready line and warnings.
    public let path: String

    private let acceptEmptyFile: Bool
    private let key: SecretsKey?
    private let retiredGrace: Duration
    private let warn: @Sendable (String) -> Void
    // Guards everything below; held while reading, so that concurrent requests wait for one
    // read instead of each starting their own.
    private let lock = NSLock()
    private var paths: SecretsPaths
    private var seen: [FileIdentity?]
    private var byId: [String: SecretEntry]
    private var lastFailure: String?
    /// Ids still unknown after a read forced for them, since the files last changed: a receiver
    /// that a stale webhook keeps posting to reads the files again only when they change.
    private var knownMisses: Set<String> = []
    /// The file's retired entries, by id.
    private var retired: [String: RetiredEntry] = [:]
    /// The chains of replaces of the entries read last (active and retired).
    private var lineage = WebhookLineage(replaces: [:])
    private let now: @Sendable () -> Date

    /// Reads the file once; throws when it cannot be read at all (the command then exits 1).
    /// With `key`, sealed secrets are opened; without it they cannot verify anything.
    public init(path: String, acceptEmptyFile: Bool, key: SecretsKey?, retiredGrace: Duration,
         now: @escaping @Sendable () -> Date = { Date() }, warn: @escaping @Sendable (String) -> Void) throws(SecretsStoreError) {
        self.path = path
        self.now = now
        self.acceptEmptyFile = acceptEmptyFile
        self.key = key
        self.retiredGrace = retiredGrace
        self.warn = warn
        let before = FileIdentity.both(SecretsPaths(file: path))
        let inspection = try SecretsStore.inspect(path: path, acceptEmptyFile: acceptEmptyFile, key: key)
        paths = inspection.paths
        // Identities taken before the read: a change that lands during it is read again next time.
        seen = inspection.paths == SecretsPaths(file: path) ? before : FileIdentity.both(inspection.paths)
        byId = Self.index(inspection.snapshot)
        retired = Self.retiredIndex(inspection.snapshot)
        lineage = Self.lineage(inspection.snapshot)
        for warning in inspection.warnings { warn(warning) }
    }

    /// How many webhooks have a sealed secret that this receiver cannot open (no key given).
    public var sealedWithoutKey: Int { lock.withLock { byId.values.count(where: \.isSealedWithoutKey) } }

    /// How many webhooks have a secret to verify with.
    public var withSecrets: Int { lock.withLock { byId.values.count { $0.secret != nil } } }

    /// The entry for a webhook id, reading the files again first if they changed. When the id is
    /// unknown, reads once more regardless (once per id until the files change): a create may have
    /// become durable a moment before its first delivery, within the same tick of a coarse clock.
    public func entry(id: String) -> SecretEntry? {
        lock.withLock {
            reloadIfChanged(force: false)
            if let entry = byId[id] { return entry }
            if let entry = retiredEntry(id) { return entry }
            guard !knownMisses.contains(id) else { return nil }
            reloadIfChanged(force: true)
            if byId[id] == nil, knownMisses.count < 10_000 { knownMisses.insert(id) }
            return byId[id] ?? retiredEntry(id)
        }
    }

    /// A retired entry retired less than `retiredGrace` ago.
    private func retiredEntry(_ id: String) -> SecretEntry? {
        guard let found = retired[id], found.isWithinGrace(retiredGrace, now: now()) else { return nil }
        return found.entry
    }

    private func replaceIndex(with snapshot: SecretsSnapshot) {
        byId = Self.index(snapshot)
        retired = Self.retiredIndex(snapshot)
        lineage = Self.lineage(snapshot)
    }

    /// The other webhooks of this one's chain of replaces (`WebhookLineage`), from the entries read
    /// last; empty when it is in no replaced pair.
    public func pairedWebhookIDs(of id: String) -> Set<String> {
        lock.withLock { lineage.paired(with: id) }
    }

    private static func lineage(_ snapshot: SecretsSnapshot) -> WebhookLineage {
        var replaces: [String: String] = [:]
        for entry in snapshot.retired.map(\.entry) + snapshot.entries { replaces[entry.id] = entry.replaces }
        return WebhookLineage(replaces: replaces)
    }

    private func reloadIfChanged(force: Bool) {
        let now = FileIdentity.both(paths)
        guard force || now != seen else { return }
        if now != seen { knownMisses = [] }
        do {
            let inspection = try SecretsStore.inspect(path: path, acceptEmptyFile: acceptEmptyFile, key: key)
            paths = inspection.paths
            seen = now
            replaceIndex(with: inspection.snapshot)
            lastFailure = nil
        } catch {
            // Remember the identities that failed, so that the same damaged file is not parsed on
            // every request; a later change is read again.
            seen = now
            if lastFailure != error.message {
                lastFailure = error.message
                warn("could not read the secrets file again (\(error.message.displaySafe)); still verifying with the secrets read before")
            }
        }
    }

    private static func index(_ snapshot: SecretsSnapshot) -> [String: SecretEntry] {
        Dictionary(snapshot.entries.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    private static func retiredIndex(_ snapshot: SecretsSnapshot) -> [String: RetiredEntry] {
        Dictionary(snapshot.retired.map { ($0.entry.id, $0) }, uniquingKeysWith: { _, last in last })
    }
}
