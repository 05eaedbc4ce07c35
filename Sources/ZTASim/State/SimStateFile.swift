import Foundation

/// The state file: a snapshot of every webhook with its secret (`FILE`, the JSON it always was)
/// and a log of the changes since (`FILE.log`, one line each), so that a change costs one
/// appended line however many webhooks there are.
///
/// - Loading is the snapshot with the log replayed over it. A last line that a crash cut short is
///   ignored; any other damaged line stops the load, naming the log and the line.
/// - Folding writes snapshot and log as a new snapshot (temp file, fsync, rename, fsync of the
///   directory) and then empties the log; it runs when the log outgrows the snapshot (at least
///   `foldBytes`), so its cost is spread over as many changes as it folds, and when the emulator
///   stops, so that a clean stop leaves the whole state in `FILE`. A crash between the rename and
///   the emptying replays lines the snapshot already holds, which changes nothing (`SimLogEntry`).
/// - A line is written before the change is answered, without an fsync of its own: it survives
///   the death of the process (SIGKILL included), and only a crash of the machine can lose the
///   changes since the last fold. The emulator is a test double; the fold is fsynced.
/// - Processes sharing the file (two sandbox commands, `sim serve` and a sandbox command) append
///   and fold under an exclusive `flock` on the log and load under a shared one, and a fold folds
///   what is on disk, not what its process holds in memory: no process's change is lost or torn.
///   Each still sees only the state it loaded and its own changes, as before the log.
/// - Both files hold signing secrets: 0600, never opened through a symbolic link, and refused
///   when not a regular file.
final class SimStateFile {
    let path: String
    var logPath: String { path + ".log" }
    /// The least log size that triggers a fold; beyond it the log folds once it outgrows the snapshot.
    let foldBytes: Int
    /// Open for appending from the first change on; a process that only reads never creates the log.
    private var log: Int32 = -1
    private var snapshotBytes = 0

    static let defaultFoldBytes = 4 << 20

    init(path: String, foldBytes: Int = defaultFoldBytes) {
        self.path = path
        self.foldBytes = foldBytes
    }

    deinit {
        if log >= 0 { Foundation.close(log) }
    }

    /// The stored webhooks in creation order; none when neither file exists yet.
    func load() throws(SimError) -> [SimWebhook] {
        while true {
            // O_NONBLOCK: a FIFO at the path is refused below instead of blocking the open.
            let fd = open(logPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else {
                guard errno == ENOENT else { throw unreadable(logPath, call: "open") }
                let webhooks = try readSnapshot()
                // A log created while the snapshot was read may hold changes it lacks: read both again, locked.
                if !exists(logPath) { return webhooks }
                continue
            }
            defer { Foundation.close(fd) }
            do {
                try SimFileIO.requireRegular(fd)
            } catch {
                throw .stateFileUnreadable(path: logPath, reason: error.reason)
            }
            return try locked(fd, LOCK_SH, path: logPath) { () throws(SimError) in try readMerged(fd) }
        }
    }

    /// Appends the changes, one line each, and folds when the log has outgrown the snapshot.
    func append(_ entries: [SimLogEntry]) throws(SimError) {
        let data: Data
        do {
            data = try SimLogLine.encode(entries)
        } catch {
            throw .stateFileNotWritten(path: logPath, reason: "\(error)")
        }
        let fd = try openLog()
        let end = try locked(fd, LOCK_EX, path: logPath) { () throws(SimError) -> Int in
            let start = try wholeLinesEnd(fd)
            do {
                try SimFileIO.writeAll(fd, data)
            } catch {
                let failure = notWritten(logPath, call: "write")
                // Nothing of a change the log did not take whole stays in it.
                _ = ftruncate(fd, off_t(start))
                throw failure
            }
            return start + data.count
        }
        // The change is in the log; a fold that fails is tried again at the next change.
        if end > max(foldBytes, snapshotBytes) { try? fold() }
    }

    /// Replaces the whole state (the reset of `/_sim/reset`) with `webhooks`.
    func replace(with webhooks: [SimWebhook]) throws(SimError) {
        let fd = try openLog()
        try locked(fd, LOCK_EX, path: logPath) { () throws(SimError) in try writeSnapshot(webhooks, emptying: fd) }
    }

    /// Folds the log into the snapshot.
    func fold() throws(SimError) {
        let fd = try openLog()
        try locked(fd, LOCK_EX, path: logPath) { () throws(SimError) in
            try writeSnapshot(try readMerged(fd), emptying: fd)
        }
    }

    /// Folds what this process logged and closes the log; a process that changed nothing touches nothing.
    func close() throws(SimError) {
        guard log >= 0 else { return }
        defer {
            Foundation.close(log)
            log = -1
        }
        if lseek(log, 0, SEEK_END) > 0 { try fold() }
    }

    private func readMerged(_ fd: Int32) throws(SimError) -> [SimWebhook] {
        var replay = SimReplay(try readSnapshot())
        let data: Data
        do {
            data = try SimFileIO.readAll(fd)
        } catch {
            throw unreadable(logPath, call: "read")
        }
        do {
            for entry in try SimLogLine.decode(data).entries { replay.apply(entry) }
        } catch {
            throw .stateFileUnreadable(path: logPath, reason: "line \(error.line): \(error.reason)")
        }
        return replay.webhooks
    }

    private func readSnapshot() throws(SimError) -> [SimWebhook] {
        let data: Data
        do {
            guard let read = try SimFileIO.readRegularFile(path) else {
                snapshotBytes = 0
                return []
            }
            data = read
        } catch {
            throw .stateFileUnreadable(path: path, reason: error.reason)
        }
        snapshotBytes = data.count
        do {
            return try SimSnapshot.decode(data)
        } catch {
            throw .stateFileUnreadable(path: path, reason: SimSnapshot.describe(error))
        }
    }

    /// Writes the snapshot, then empties the log, whose lock the caller holds.
    private func writeSnapshot(_ webhooks: [SimWebhook], emptying fd: Int32) throws(SimError) {
        do {
            let data = try SimSnapshot.encode(webhooks)
            try SimFileIO.replaceAtomically(path, with: data)
            snapshotBytes = data.count
        } catch let error as SimFileIO.Failure {
            throw .stateFileNotWritten(path: path, reason: error.reason)
        } catch {
            throw .stateFileNotWritten(path: path, reason: "\(error)")
        }
        guard ftruncate(fd, 0) == 0, fsync(fd) == 0 else { throw notWritten(logPath, call: "truncate") }
    }

    /// Where the next line starts: the end of the log, less a last line that a crash cut short.
    private func wholeLinesEnd(_ fd: Int32) throws(SimError) -> Int {
        let end = Int(lseek(fd, 0, SEEK_END))
        guard end > 0 else { return 0 }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(end - 1)) == 1 else { throw notWritten(logPath, call: "read") }
        if last == 0x0A { return end }
        let data: Data
        do {
            data = try SimFileIO.readAll(fd)
        } catch {
            throw notWritten(logPath, call: "read")
        }
        let whole = data.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0
        guard ftruncate(fd, off_t(whole)) == 0 else { throw notWritten(logPath, call: "truncate") }
        return whole
    }

    private func openLog() throws(SimError) -> Int32 {
        if log >= 0 { return log }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // O_APPEND: the lines of two processes never overwrite each other.
        let fd = open(logPath, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw notWritten(logPath, call: "open") }
        do {
            try SimFileIO.requireRegular(fd)
        } catch {
            Foundation.close(fd)
            throw .stateFileNotWritten(path: logPath, reason: error.reason)
        }
        log = fd
        return fd
    }

    private func locked<T>(_ fd: Int32, _ operation: Int32, path: String, _ body: () throws(SimError) -> T) throws(SimError) -> T {
        while flock(fd, operation) != 0 {
            guard errno == EINTR else { throw .stateFileNotWritten(path: path, reason: "flock: \(SimFileIO.lastError())") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    private func unreadable(_ path: String, call: String) -> SimError {
        .stateFileUnreadable(path: path, reason: SimFileIO.describe(call: call))
    }

    private func notWritten(_ path: String, call: String) -> SimError {
        .stateFileNotWritten(path: path, reason: SimFileIO.describe(call: call))
    }
}
