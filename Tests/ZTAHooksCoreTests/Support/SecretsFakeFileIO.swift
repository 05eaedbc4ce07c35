import Foundation
@testable import ZTAHooksCore

/// An in-memory file system for the secrets store, with faults to inject at any step.
///
/// Writes land at once (a crash keeps everything written), so "durable" here means "written
/// before the failure"; the real fsync path is covered by the POSIX tests.
final class SecretsFakeFileIO: DurableFileIO, @unchecked Sendable {
    enum Operation: Hashable { case append, sync, writeFile, rename, syncDirectory }

    private let mutex = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var handles: [Int32: String] = [:]
    private var locked: Set<String> = []
    private var nextHandle: Int32 = 10
    private var faults: [Operation: (after: Int, error: FileIOError)] = [:]
    private var counts: [Operation: Int] = [:]
    /// Called (outside the lock) before each sync; lets a test hold a sync in progress.
    var beforeSync: (@Sendable () -> Void)?

    static let noSpace = FileIOError(code: 28, reason: "No space left on device")
    static let ioError = FileIOError(code: 5, reason: "Input/output error")

    /// The operation fails from its `after + 1`-th call on (counting from now).
    func fail(_ operation: Operation, after: Int = 0, with error: FileIOError = noSpace) {
        mutex.withLock { faults[operation] = (after + (counts[operation] ?? 0), error) }
    }

    func heal() { mutex.withLock { faults = [:] } }

    func count(_ operation: Operation) -> Int { mutex.withLock { counts[operation] ?? 0 } }

    func contents(_ path: String) -> [UInt8]? { mutex.withLock { files[path] } }

    func setContents(_ path: String, _ bytes: [UInt8]) { mutex.withLock { files[path] = bytes } }

    private func step(_ operation: Operation) throws(FileIOError) {
        let error: FileIOError? = mutex.withLock {
            let done = counts[operation] ?? 0
            counts[operation] = done + 1
            if let fault = faults[operation], done >= fault.after { return fault.error }
            return nil
        }
        if let error { throw error }
    }

    func readFile(_ path: String) throws(FileIOError) -> [UInt8]? { contents(path) }

    func makeDirectory(_ path: String) throws(FileIOError) {}

    func lockFile(_ path: String) throws(FileIOError) -> DurableFileHandle? {
        mutex.withLock {
            guard !locked.contains(path) else { return nil }
            locked.insert(path)
            return open(path)
        }
    }

    func openForAppend(_ path: String) throws(FileIOError) -> DurableFileHandle {
        mutex.withLock {
            if files[path] == nil { files[path] = [] }
            return open(path)
        }
    }

    private func open(_ path: String) -> DurableFileHandle {
        nextHandle += 1
        handles[nextHandle] = path
        return DurableFileHandle(raw: nextHandle)
    }

    func append(_ bytes: [UInt8], to file: DurableFileHandle) throws(FileIOError) {
        do {
            try step(.append)
        } catch {
            // A full disk takes part of the write: leave a torn line behind, as a real one may.
            mutex.withLock {
                if let path = handles[file.raw] { files[path, default: []] += bytes.prefix(bytes.count / 2) }
            }
            throw error
        }
        mutex.withLock {
            if let path = handles[file.raw] { files[path, default: []] += bytes }
        }
    }

    func sync(_ file: DurableFileHandle) throws(FileIOError) {
        beforeSync?()
        try step(.sync)
    }

    func truncate(_ file: DurableFileHandle, to length: Int) throws(FileIOError) {
        mutex.withLock {
            if let path = handles[file.raw] { files[path] = Array((files[path] ?? []).prefix(length)) }
        }
    }

    func close(_ file: DurableFileHandle) {
        mutex.withLock {
            if let path = handles.removeValue(forKey: file.raw) { locked.remove(path) }
        }
    }

    func writeFile(_ path: String, bytes: [UInt8]) throws(FileIOError) {
        do {
            try step(.writeFile)
        } catch {
            mutex.withLock { files[path] = Array(bytes.prefix(bytes.count / 2)) }
            throw error
        }
        mutex.withLock { files[path] = bytes }
    }

    func rename(_ source: String, to destination: String) throws(FileIOError) {
        try step(.rename)
        mutex.withLock { files[destination] = files.removeValue(forKey: source) }
    }

    func syncDirectory(_ path: String) throws(FileIOError) {
        try step(.syncDirectory)
    }

    func removeFile(_ path: String) throws(FileIOError) {
        _ = mutex.withLock { files.removeValue(forKey: path) }
    }
}

/// Values and helpers shared by the secrets tests.
enum SecretsFixtures {
    static func entry(_ site: String = "site_abc123", _ name: String = "ops-alerts", id: String = "wh_abc123",
                      secret: String? = "whsec_xyz789", description: String? = nil) -> SecretEntry {
        SecretEntry(siteId: site, name: name, id: id, url: "https://hooks.example.com/zta/\(name)", events: ["alert"],
                    secret: secret, createdAt: "2024-12-12T16:00:00.000Z", description: description)
    }

    static func intent(_ intentId: String, site: String = "site_abc123", name: String = "ops-alerts") -> CreateIntent {
        CreateIntent(intentId: intentId, siteId: site, name: name, url: "https://hooks.example.com/zta/\(name)",
                     events: ["alert"], startedAt: "2024-12-12T16:00:00.000Z")
    }

    /// A fresh directory under the system's temporary directory, removed by the caller.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "ztahooks-secrets-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    static func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
