import Foundation

/// Who holds the secrets file's lock: written into the lock file by the apply that takes it,
/// so that a second run can say whom it is waiting for, and `plan` can say that live state is
/// moving while it looks.
public struct LockHolder: Hashable, Sendable, Codable {
    public var pid: Int32
    public var host: String
    /// ISO 8601, when the holder took the lock.
    public var startedAt: String

    public init(pid: Int32, host: String, startedAt: String) {
        self.pid = pid
        self.host = host
        self.startedAt = startedAt
    }

    /// This process, now.
    public static func current(now: Date = Date()) -> LockHolder {
        LockHolder(pid: ProcessInfo.processInfo.processIdentifier, host: hostName(), startedAt: Timestamp.format(now))
    }

    /// The lock file's bytes: one JSON line.
    public var encoded: [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.raw("{")
        writer.key("host", first: true)
        writer.string(host)
        writer.key("pid")
        writer.raw(String(pid))
        writer.key("startedAt")
        writer.string(startedAt)
        writer.raw("}\n")
        return writer.bytes
    }

    /// Reads a lock file's bytes; `nil` for an empty file (no holder, or one that released it)
    /// or anything unreadable (a lock file of an older version, or damaged).
    public static func decode(_ bytes: [UInt8]) -> LockHolder? {
        guard bytes.count < 4096, bytes.contains(where: { $0 != 0x20 && $0 != 0x0A }) else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: Data(bytes))
    }

    /// "pid 4242 on host ci-7, since 2026-11-29T20:01:02.000Z", safe to print (the file may say anything).
    /// Empties the lock file when it names process `pid` of this host: for a run that exits at
    /// once on a signal, whose lock the kernel releases but whose name would stay. Another
    /// holder's name is left alone.
    public static func clear(_ lockFile: String, ifHeldBy pid: Int32) {
        guard let data = FileManager.default.contents(atPath: lockFile), let holder = decode([UInt8](data)),
              holder.pid == pid, holder.host == hostName() else { return }
        _ = truncate(lockFile, 0)
    }

    public var summary: String {
        "pid \(pid) on host \(host.displaySafe), since \(startedAt.displaySafe)"
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
