import Foundation

/// The secrets file while an apply runs: every record durable before its call returns.
///
/// Records go to a journal beside the file (`<file>.journal`, one checksummed line each, one
/// fsync per batch), so that saving a secret costs the same with 10 entries or 100,000. The
/// journal is folded into the JSON file atomically (temporary file, fsync, rename, fsync of the
/// directory) when it grows large, at `close()`, and by the next `open` after a crash. An
/// exclusive lock on `<file>.lock` keeps two applies from interleaving.
public actor SecretsStore {
    /// Where the store lives: beside the real file, whatever links the given path went through.
    public nonisolated let paths: SecretsPaths
    /// Things found on opening that the user should hear about (e.g. a file open to others).
    public nonisolated let warnings: [String]
    /// What `open` recovered from a journal left by an interrupted run.
    public nonisolated let recovery: SecretsRecovery
    /// The key every new secret is sealed with; `nil` for a plain-text store.
    nonisolated let key: SecretsKey?
    /// True when the file is sealed and the store was opened without its key: adoptions and
    /// deletions can still be recorded, a new secret cannot.
    public nonisolated let needsKey: Bool
    /// How many plain-text secrets opening with a key sealed (an existing plain-text file is
    /// upgraded at once); `nil` when the file was sealed already, or did not exist.
    public nonisolated let upgradedSecrets: Int?

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
    /// Whether a batch's append and fsync run on the writing task's thread (see `appendDurably`).
    private(set) var batchesWaitOnThePool = ProcessInfo.processInfo.activeProcessorCount > 1

    /// Tests cover both ways of waiting for a batch whatever the machine's cores.
    func waitForBatches(onThePool: Bool) {
        batchesWaitOnThePool = onThePool
    }

    init(paths: SecretsPaths, displayPath: String, loaded: Loaded, key: SecretsKey?, io: any DurableFileIO,
         journal: DurableFileHandle, lock: DurableFileHandle, fileBytes: Int, minimumFoldBytes: Int) {
        self.paths = paths
        self.key = key
        self.needsKey = key == nil && loaded.state.isSealed
        self.upgradedSecrets = loaded.upgradedSecrets
        let recovery = loaded.recovery
        let warnings = loaded.warnings
        let state = loaded.state
        self.path = displayPath
        self.recovery = recovery
        self.warnings = warnings
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

    /// Opens the store for an apply: resolves the path's links, creates the directory (0700) if
    /// needed, takes the lock without waiting (recording who holds it), and folds a journal left
    /// by a crash into the file first.
    ///
    /// - Parameter acceptEmptyFile: read an existing but empty file as an empty store
    ///   (`--init-secrets`); otherwise an empty file is an error, since that is what a CI restore
    ///   of an unset secret writes. A missing file always starts empty.
    /// - Parameter api: the origin of the API this run reaches (`APIOrigin`): a file that belongs
    ///   to another is refused before anything is written; a file that names none is bound to
    ///   this one, on disk before `open` returns.
    /// - Parameter retiredKeep: retired entries retired longer ago than this are dropped.
    public static func open(
        path: String,
        io: some DurableFileIO = POSIXDurableFileIO(),
        minimumFoldBytes: Int = SecretsStore.defaultMinimumFoldBytes,
        acceptEmptyFile: Bool = false,
        key: SecretsKey? = nil,
        api: String? = nil,
        retiredKeep: Duration? = nil,
        now: Date = Date(),
        holder: LockHolder = .current()
    ) throws(SecretsStoreError) -> SecretsStore {
        let paths = try resolve(path, io: io, create: true)
        let lock: DurableFileHandle
        do {
            var taken = try io.lockFile(paths.lock)
            // A lock that names no holder is being let go (or was just taken): a child process
            // spawned by another thread may keep it for the moment before its exec closes the
            // descriptor. A short wait tells that apart from a real holder.
            let clock = ContinuousClock()
            let grace = clock.now.advanced(by: .seconds(2))
            while taken == nil, lockHolder(paths: paths, io: io) == nil, clock.now < grace {
                usleep(10_000)
                taken = try io.lockFile(paths.lock)
            }
            guard let taken else {
                throw SecretsStoreError.locked(lockFile: paths.lock, holder: lockHolder(paths: paths, io: io))
            }
            lock = taken
        } catch let error as SecretsStoreError {
            throw error
        } catch let error as FileIOError {
            throw .lockFailed(lockFile: paths.lock, reason: error.reason)
        } catch {
            throw .lockFailed(lockFile: paths.lock, reason: "\(error)")
        }
        io.describeLock(lock, as: holder.encoded)
        do {
            return try prepare(paths: paths, displayPath: path, io: io, lock: lock, minimumFoldBytes: minimumFoldBytes,
                               acceptEmptyFile: acceptEmptyFile, key: key, api: api, retiredKeep: retiredKeep, now: now)
        } catch {
            io.describeLock(lock, as: [])
            io.close(lock)
            throw error
        }
    }

    /// `open`, waiting up to `lockTimeout` for another run to release the lock.
    public static func open(
        path: String,
        io: some DurableFileIO = POSIXDurableFileIO(),
        minimumFoldBytes: Int = SecretsStore.defaultMinimumFoldBytes,
        acceptEmptyFile: Bool = false,
        key: SecretsKey? = nil,
        api: String? = nil,
        retiredKeep: Duration? = nil,
        lockTimeout: Duration
    ) async throws(SecretsStoreError) -> SecretsStore {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: lockTimeout)
        while true {
            do {
                return try open(path: path, io: io, minimumFoldBytes: minimumFoldBytes, acceptEmptyFile: acceptEmptyFile, key: key,
                                api: api, retiredKeep: retiredKeep)
            } catch .locked(let lockFile, let holder) {
                guard clock.now < deadline, !Task.isCancelled else { throw .locked(lockFile: lockFile, holder: holder) }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// The file plus any journal beside it, without taking the lock: for plan and drift, which
    /// must see the secrets of a run that crashed or is still running.
    public static func read(path: String, io: some DurableFileIO = POSIXDurableFileIO(), acceptEmptyFile: Bool = false) throws(SecretsStoreError) -> SecretsSnapshot {
        try inspect(path: path, io: io, acceptEmptyFile: acceptEmptyFile).snapshot
    }

    /// What `read` sees, with what is worth telling the user about it. With `key`, sealed secrets
    /// are opened (a wrong key or a value that does not open is an error); without it they stay
    /// sealed, which is all that planning needs.
    public static func inspect(path: String, io: some DurableFileIO = POSIXDurableFileIO(), acceptEmptyFile: Bool = false,
                               key: SecretsKey? = nil) throws(SecretsStoreError) -> SecretsInspection {
        let paths = try resolve(path, io: io, create: false)
        let loaded = try load(paths: paths, io: io, acceptEmptyFile: acceptEmptyFile, key: key, sealPlaintext: false)
        var warnings = loaded.warnings
        if let summary = loaded.recovery.summary(verb: "read") {
            warnings.append(summary + "; the next apply folds it into the file")
        }
        return SecretsInspection(snapshot: loaded.state.snapshot, paths: paths, recovery: loaded.recovery, warnings: warnings,
                                 holder: lockHolder(paths: paths, io: io))
    }

    /// The paths of the real file behind `path`: links followed, so that one file has one lock.
    static func resolve(_ path: String, io: some DurableFileIO, create: Bool) throws(SecretsStoreError) -> SecretsPaths {
        do {
            var real = try io.resolvedPath(path)
            if create {
                let directory = SecretsPaths.directory(of: real)
                do {
                    try io.makeDirectory(directory)
                } catch {
                    throw SecretsStoreError.directoryNotCreated(directory: directory, reason: error.reason)
                }
                real = try io.resolvedPath(real)
            }
            if let status = try io.fileStatus(real), status.kind != .regular {
                throw SecretsStoreError.notRegularFile(file: real, kind: status.kind)
            }
            return SecretsPaths(file: real)
        } catch let error as SecretsStoreError {
            throw error
        } catch let error as FileIOError {
            throw .unreadable(file: path, reason: error.reason)
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }

    /// Who the lock file says holds the lock, if anyone.
    static func lockHolder(paths: SecretsPaths, io: some DurableFileIO) -> LockHolder? {
        (try? io.readFile(paths.lock)).flatMap { $0 }.flatMap(LockHolder.decode)
    }

    /// The secrets file as the user named it, for messages; `paths.file` is the real file behind it.
    public nonisolated let path: String

    /// Current entries and unresolved intents, including everything recorded so far.
    public var snapshot: SecretsSnapshot { state.snapshot }

    /// Whether any site's entry, active or retired, has this webhook id.
    public func isRecorded(id: String) -> Bool { state.isRecorded(id: id) }

    /// Records that a create is about to be sent. Durable before it returns: send the POST only then.
    public func recordIntent(_ intent: CreateIntent) async throws(SecretsStoreError) {
        try await commit([.intent(intent)], what: "the intent to create \(intent.siteId)/\(intent.name)")
    }

    /// Records a created webhook and its secret, resolving the intent. Durable before it returns.
    /// With a key the secret is sealed before it reaches the journal; a sealed file opened
    /// without its key refuses it, since it could only be written in plain text.
    public func recordCreated(_ entry: SecretEntry, intentId: String) async throws(SecretsStoreError) {
        try await recordCreated(entry, intentId: intentId, then: nil)
    }

    /// Records a created webhook and, in the same commit, the intent of the create that follows
    /// it: one fsync instead of two on a site's chain of creates. Both are durable before it
    /// returns; if the commit fails, neither is, and the next POST must not be sent.
    public func recordCreated(_ entry: SecretEntry, intentId: String, then next: CreateIntent?) async throws(SecretsStoreError) {
        var entry = entry
        entry.sealed = nil
        if let key, let secret = entry.secret {
            entry.sealed = SecretSealer.seal(secret, siteId: entry.siteId, id: entry.id, key: key)
        } else if needsKey {
            throw .keyRequired(file: paths.file, keyId: state.encryption?.keyId)
        }
        var records: [SecretsJournalRecord] = [.created(entry, intentId: intentId)]
        if let next { records.append(.intent(next)) }
        try await commit(records, what: "the secret of \(entry.siteId)/\(entry.name)")
    }

    /// Records that a create definitively did not happen (the API rejected it), resolving its intent.
    public func recordCreateFailed(intentId: String) async throws(SecretsStoreError) {
        let what = state.intent(id: intentId).map { "the failed create of \($0.siteId)/\($0.name)" }
            ?? "the failed create \(intentId)"
        try await commit([.createFailed(intentId: intentId)], what: what)
    }

    /// Records that a webhook was deleted, or that the API no longer lists it: its entry moves
    /// to `retired`, secret and all.
    public func recordRetired(siteId: String, id: String, reason: String, at: Date) async throws(SecretsStoreError) {
        try await commit([.retired(siteId: siteId, id: id, at: Timestamp.format(at), reason: reason)],
                         what: "the retirement of \(siteId)/\(id)")
    }

    /// Records that a retired webhook is listed again: its entry comes back.
    public func recordRestored(siteId: String, id: String) async throws(SecretsStoreError) {
        try await commit([.restored(siteId: siteId, id: id)], what: "the restoration of \(siteId)/\(id)")
    }

    /// Records that the `--on-secret` sink took a webhook's secret: its entry stops waiting.
    public func recordHandedOff(siteId: String, id: String) async throws(SecretsStoreError) {
        try await commit([.handedOff(siteId: siteId, id: id)], what: "the hand-off of \(siteId)/\(id)")
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
