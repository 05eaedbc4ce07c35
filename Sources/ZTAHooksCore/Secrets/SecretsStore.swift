import Foundation

/// The secrets file while an apply runs: every record durable before its call returns.
///
/// Records go to a journal beside the file (`<file>.journal`, one checksummed line each, one
/// fsync per batch), so that saving a secret costs the same with 10 entries or 100,000. The
/// journal is folded into the JSON file atomically (temporary file, fsync, rename, fsync of the
/// directory) when it grows large, at `close()`, and by the next `open` after a crash. An
/// exclusive lock on `<file>.lock` keeps two applies from interleaving.
public actor SecretsStore {
    /// Where the store lives.
    public nonisolated let paths: SecretsPaths
    /// What `open` recovered from a journal left by an interrupted run.
    public nonisolated let recovery: SecretsRecovery

    /// A fold happens when the journal reaches this size or the size of the file, whichever is
    /// larger: growing the threshold with the file keeps the amortised cost per record constant.
    public static let defaultMinimumFoldBytes = 4 << 20

    let io: any DurableFileIO
    /// Blocking file calls run here, off the actor and off the cooperative pool, so that new
    /// records can queue up (and share the next fsync) while one fsync is in progress.
    nonisolated let ioQueue = DispatchQueue(label: "ztahooks.secrets-store")
    let minimumFoldBytes: Int

    var state: SecretsState
    var journal: DurableFileHandle?
    var lock: DurableFileHandle?
    /// Bytes acknowledged in the journal since the last fold.
    var journalLength = 0
    var foldThreshold: Int
    /// Counts changes of `state`; compared with `foldedChanges` to know if the file is behind.
    var changes = 0
    var foldedChanges = 0
    var queued: [QueuedRecords] = []
    var writerRunning = false
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// The system's words for the first failed write; once set, no record is attempted.
    var failure: String?
    var isClosed = false

    init(paths: SecretsPaths, recovery: SecretsRecovery, io: any DurableFileIO, state: SecretsState,
         journal: DurableFileHandle, lock: DurableFileHandle, fileBytes: Int, minimumFoldBytes: Int) {
        self.paths = paths
        self.recovery = recovery
        self.io = io
        self.state = state
        self.journal = journal
        self.lock = lock
        self.minimumFoldBytes = minimumFoldBytes
        self.foldThreshold = max(minimumFoldBytes, fileBytes)
    }

    deinit {
        // Never closed: the journal stays on disk with every acknowledged record, and the next
        // open folds it in. Closing the lock handle releases the lock.
        if let journal { io.close(journal) }
        if let lock { io.close(lock) }
    }

    /// Opens the store for an apply: creates the directory (0700) if needed, takes the lock
    /// without waiting, and folds a journal left by a crash into the file first.
    public static func open(
        path: String,
        io: some DurableFileIO = POSIXDurableFileIO(),
        minimumFoldBytes: Int = SecretsStore.defaultMinimumFoldBytes
    ) throws(SecretsStoreError) -> SecretsStore {
        let paths = SecretsPaths(file: path)
        do {
            try io.makeDirectory(paths.directory)
        } catch {
            throw .directoryNotCreated(directory: paths.directory, reason: error.reason)
        }
        let lock: DurableFileHandle
        do {
            guard let taken = try io.lockFile(paths.lock) else { throw SecretsStoreError.locked(lockFile: paths.lock) }
            lock = taken
        } catch let error as SecretsStoreError {
            throw error
        } catch let error as FileIOError {
            throw .lockFailed(lockFile: paths.lock, reason: error.reason)
        } catch {
            throw .lockFailed(lockFile: paths.lock, reason: "\(error)")
        }
        do {
            return try prepare(paths: paths, io: io, lock: lock, minimumFoldBytes: minimumFoldBytes)
        } catch {
            io.close(lock)
            throw error
        }
    }

    /// The file plus any journal beside it, without taking the lock: for plan and drift, which
    /// must see the secrets of a run that crashed or is still running.
    public static func read(path: String, io: some DurableFileIO = POSIXDurableFileIO()) throws(SecretsStoreError) -> SecretsSnapshot {
        let loaded = try load(paths: SecretsPaths(file: path), io: io)
        return loaded.state.snapshot
    }

    /// The path of the secrets file.
    public nonisolated var path: String { paths.file }

    /// Current entries and unresolved intents, including everything recorded so far.
    public var snapshot: SecretsSnapshot { state.snapshot }

    /// Records that a create is about to be sent. Durable before it returns: send the POST only then.
    public func recordIntent(_ intent: CreateIntent) async throws(SecretsStoreError) {
        try await commit([.intent(intent)], what: "the intent to create \(intent.siteId)/\(intent.name)")
    }

    /// Records a created webhook and its secret, resolving the intent. Durable before it returns.
    public func recordCreated(_ entry: SecretEntry, intentId: String) async throws(SecretsStoreError) {
        try await commit([.created(entry, intentId: intentId)], what: "the secret of \(entry.siteId)/\(entry.name)")
    }

    /// Records that a create definitively did not happen (the API rejected it), resolving its intent.
    public func recordCreateFailed(intentId: String) async throws(SecretsStoreError) {
        let what = state.intent(id: intentId).map { "the failed create of \($0.siteId)/\($0.name)" }
            ?? "the failed create \(intentId)"
        try await commit([.createFailed(intentId: intentId)], what: what)
    }

    /// Records that a webhook was deleted: its entry leaves the file.
    public func recordDeleted(siteId: String, id: String) async throws(SecretsStoreError) {
        try await commit([.deleted(siteId: siteId, id: id)], what: "the deletion of \(siteId)/\(id)")
    }

    /// Records webhooks created elsewhere, without their secrets. An entry whose secret is
    /// already known keeps it: a secret is never traded for `null`.
    public func recordAdopted(_ entries: [SecretEntry]) async throws(SecretsStoreError) {
        guard let first = entries.first else { return }
        let what = entries.count == 1 ? "the adopted webhook \(first.siteId)/\(first.name)" : "\(entries.count) adopted webhooks"
        try await commit(entries.map { .adopted($0) }, what: what)
    }

    /// Marks the unresolved intents of a site with this URL as dealt with, after apply found
    /// and replaced (or ruled out) the webhook a lost create may have left behind.
    ///
    /// Takes effect at once and reaches the disk with the next batch or at `close()` without
    /// being waited for: losing it in a crash only means the next run checks that URL again.
    public func resolveIntents(siteId: String, url identity: String) {
        let ids = state.intentIds(siteId: siteId, identity: WebhookURL.normalized(identity))
        guard !ids.isEmpty else { return }
        let record = SecretsJournalRecord.resolved(intentIds: ids)
        apply([record])
        guard !isClosed, failure == nil else { return }
        enqueue(QueuedRecords(records: [record], bytes: SecretsJournalCodec.encode(record), what: "", continuation: nil))
    }

    func apply(_ records: [SecretsJournalRecord]) {
        for record in records { state.apply(record) }
        changes += 1
    }
}
