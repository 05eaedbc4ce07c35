import Foundation

extension SecretsStore {
    /// The file and journal as read from disk, before anything is written.
    struct Loaded {
        var state: SecretsState
        var fileBytes: Int
        var journalBytes: Int
        var recovery: SecretsRecovery
        /// The journal as read, kept for quarantine when lines of it are damaged.
        var journal: [UInt8]
        var warnings: [String]
        /// Plain-text secrets sealed on loading with a key, when an existing file was plain text.
        var upgradedSecrets: Int?
        /// Opened with a key, the file on disk is not yet sealed with it: write it at once, so
        /// that no journal record is ever sealed beside a file that does not name its key.
        var needsSealing = false
    }

    static func load(paths: SecretsPaths, io: some DurableFileIO, acceptEmptyFile: Bool = false, key: SecretsKey? = nil,
                     sealPlaintext: Bool = true) throws(SecretsStoreError) -> Loaded {
        var warnings: [String] = []
        if let status = try? io.fileStatus(paths.file), status.isOpenToOthers {
            warnings.append("the secrets file \(paths.file) can be read by other users (mode \(String(status.mode, radix: 8))); "
                + "run `chmod 600 \(paths.file)` (apply rewrites it with mode 0600)")
        }
        var fileBytes = try read(paths.file, io: io)
        var journalBytes = try read(paths.journal, io: io)
        // Without the lock a running apply may fold between the two reads; a journal is only
        // valid over the file it was appended to, so read again until the file held still.
        for _ in 0..<10 {
            let again = try read(paths.file, io: io)
            if again == fileBytes { break }
            fileBytes = again
            journalBytes = try read(paths.journal, io: io)
        }
        var snapshot = SecretsSnapshot.empty
        if let fileBytes, !acceptEmptyFile, SecretsFileCodec.isBlank(fileBytes) {
            // ztahooks never writes an empty secrets file; something else did.
            throw .emptyFile(file: paths.file)
        }
        if let fileBytes {
            do {
                snapshot = try SecretsFileCodec.decode(fileBytes)
            } catch {
                switch error {
                case .unsupportedVersion(let version): throw .unsupportedVersion(file: paths.file, version: version)
                case .malformed(let detail): throw .malformed(file: paths.file, detail: detail)
                }
            }
        }
        var state = SecretsState(snapshot)
        let contents = SecretsJournalCodec.decode(journalBytes ?? [])
        for record in contents.records { state.apply(record) }
        let recovery = SecretsRecovery(journal: paths.journal, replayedRecords: contents.records.count,
                                       tornTail: contents.tornTail, damagedLines: contents.damagedLines,
                                       damagedSecretLines: contents.damagedSecretLines)
        var loaded = Loaded(state: state, fileBytes: fileBytes?.count ?? 0, journalBytes: journalBytes?.count ?? 0, recovery: recovery,
                            journal: journalBytes ?? [], warnings: warnings)
        if let key {
            let sealedNow = try unseal(&loaded.state, key: key, file: paths.file, sealPlaintext: sealPlaintext)
            loaded.needsSealing = sealPlaintext && snapshot.encryption == nil
            if loaded.needsSealing, fileBytes != nil { loaded.upgradedSecrets = sealedNow }
        }
        return loaded
    }

    private static func read(_ path: String, io: some DurableFileIO) throws(SecretsStoreError) -> [UInt8]? {
        do {
            return try io.readFile(path)
        } catch {
            throw .unreadable(file: path, reason: error.reason)
        }
    }

    /// Everything `open` does once it holds the lock.
    static func prepare(paths: SecretsPaths, displayPath: String, io: some DurableFileIO, lock: DurableFileHandle,
                        minimumFoldBytes: Int, acceptEmptyFile: Bool, key: SecretsKey? = nil, api: String? = nil,
                        retiredKeep: Duration? = nil, now: Date = Date()) throws(SecretsStoreError) -> SecretsStore {
        var loaded = try load(paths: paths, io: io, acceptEmptyFile: acceptEmptyFile, key: key)
        // Before anything is written: a file of another API is left exactly as it was.
        var bindNow = false
        if let api {
            try loaded.state.snapshotHeader.checkBinding(to: api, file: displayPath)
            bindNow = loaded.state.api == nil
            loaded.state.api = api
        }
        var dropped = 0
        if let retiredKeep {
            dropped = loaded.state.dropRetired(before: now.addingTimeInterval(-Double(retiredKeep.components.seconds)))
        }
        if !loaded.recovery.damagedLines.isEmpty {
            // The fold below drops the damaged lines for good: keep the journal's bytes first, so
            // that a person (or a later version) can still read what they held.
            let quarantine = paths.journal + ".damaged-" + Self.stamp(now)
            do {
                try io.writeFile(quarantine, bytes: loaded.journal)
                try io.syncDirectory(paths.directory)
            } catch {
                throw .notDurable(what: "a copy of the damaged journal", file: quarantine, reason: error.reason)
            }
            loaded.recovery.quarantinedTo = quarantine
        }
        // A crash mid-fold may leave a temporary copy of secrets behind; the file is the truth.
        try? io.removeFile(paths.temporary)
        var fileBytes = loaded.fileBytes
        if loaded.journalBytes > 0 || loaded.needsSealing || bindNow || dropped > 0 {
            // A crash left a journal: make the file complete before anything new is recorded.
            // A key given for a plain-text (or missing) file: seal it now, before any record.
            // A file that names no API yet: bind it now, so that a crash cannot leave records
            // that a run against another API would take for its own.
            do {
                fileBytes = try writeFile(loaded.state.snapshot, paths: paths, io: io)
            } catch {
                throw .foldFailed(file: paths.file, journal: paths.journal, reason: error.reason)
            }
        }
        let journal: DurableFileHandle
        do {
            journal = try io.openForAppend(paths.journal)
        } catch {
            throw .notDurable(what: "the journal", file: paths.journal, reason: error.reason)
        }
        do {
            if loaded.journalBytes > 0 {
                try io.truncate(journal, to: 0)
                try io.sync(journal)
            }
            // The journal's directory entry must be durable before any record in it counts.
            try io.syncDirectory(paths.directory)
        } catch {
            io.close(journal)
            throw .notDurable(what: "the journal", file: paths.journal, reason: error.reason)
        }
        return SecretsStore(paths: paths, displayPath: displayPath, loaded: loaded, key: key, io: io,
                            journal: journal, lock: lock, fileBytes: fileBytes, minimumFoldBytes: minimumFoldBytes)
    }

    /// `20261129T201502Z`: sorts by time and is valid in a file name everywhere.
    static func stamp(_ date: Date) -> String {
        Timestamp.format(date).filter { $0.isNumber || $0 == "T" }.prefix(15) + "Z"
    }

    /// Replaces the file atomically: temporary file (0600) in the same directory, fsync, rename,
    /// fsync of the directory. Returns the file's size.
    static func writeFile(_ snapshot: SecretsSnapshot, paths: SecretsPaths, io: some DurableFileIO) throws(FileIOError) -> Int {
        let bytes = SecretsFileCodec.encode(snapshot)
        try io.replaceFile(paths.file, with: bytes, temporary: paths.temporary)
        return bytes.count
    }
}
