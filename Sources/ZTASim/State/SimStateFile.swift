import Foundation

/// The state file: every webhook with its secret, replaced atomically after each change.
///
/// Atomic means temp file in the same directory, fsync, rename, fsync of the directory: a crash
/// leaves either the old or the new file, never a torn one.
struct SimStateFile: Sendable {
    let path: String

    private struct Contents: Codable {
        var version: Int
        var webhooks: [SimWebhook]
    }

    /// The stored webhooks; none when the file does not exist yet.
    func load() throws(SimError) -> [SimWebhook] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(Contents.self, from: data).webhooks
        } catch {
            throw .stateFileUnreadable(path: path, reason: Self.describe(error))
        }
    }

    func save(_ webhooks: [SimWebhook]) throws(SimError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(Contents(version: 1, webhooks: webhooks))
            data.append(0x0A)
            try writeAtomically(data)
        } catch let error as SimError {
            throw error
        } catch {
            throw .stateFileNotWritten(path: path, reason: Self.describe(error))
        }
    }

    private func writeAtomically(_ data: Data) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temp = directory + "/." + target.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // 0600: the file holds signing secrets.
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw posixFailure("open") }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw posixFailure("write")
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw posixFailure("fsync") }
            closed = true
            guard close(fd) == 0 else { throw posixFailure("close") }
            guard rename(temp, path) == 0 else { throw posixFailure("rename") }
        } catch {
            unlink(temp)
            throw error
        }
        let dirFD = open(directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    private func posixFailure(_ call: String) -> SimError {
        .stateFileNotWritten(path: path, reason: "\(call): \(String(cString: strerror(errno)))")
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context),
                .typeMismatch(_, let context), .valueNotFound(_, let context):
                return context.debugDescription
            @unknown default:
                return "not a valid state file"
            }
        }
        return (error as NSError).localizedDescription
    }
}
