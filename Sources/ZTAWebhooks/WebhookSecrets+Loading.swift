import Foundation
import ZTASecretsFormat

extension WebhookSecrets {
    /// Why a secrets file could not be read. No message quotes the file's content.
    public enum LoadFailure: Error, Hashable, Sendable, CustomStringConvertible {
        /// Neither the file nor its journal exists.
        case notFound(path: String)
        /// The file or the journal exists but cannot be read.
        case unreadable(path: String, reason: String)
        /// The file is not a ztahooks secrets file.
        case malformed(path: String, detail: String)
        /// The file is of a layout version this library does not read.
        case unsupportedVersion(path: String, version: Int)

        /// The failure in words, naming the path; it never quotes the file's content.
        public var description: String {
            switch self {
            case .notFound(let path): "no secrets file at \(path)"
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .malformed(let path, let detail): "\(path) is not a ztahooks secrets file: \(detail)"
            case .unsupportedVersion(let path, let version):
                "\(path) has layout version \(version); this library reads version \(SecretsFileCodec.version)"
            }
        }
    }

    /// Reads a secrets file and the journal beside it, without taking ztahooks' lock.
    ///
    /// Symbolic links are followed first, since the journal lies beside the real file. A missing
    /// file with a journal is the first apply still running; a missing file without one is an error.
    public init(contentsOfFile path: String) throws(LoadFailure) {
        let real = Self.realPath(path)
        let journalPath = real + ".journal"
        var file = try Self.read(real)
        var journal = try Self.read(journalPath)
        // A running apply may fold the journal into the file between the two reads, and a
        // journal is only valid over the file it was appended to: read until the file holds still.
        for _ in 0..<10 {
            let again = try Self.read(real)
            if again == file { break }
            file = again
            journal = try Self.read(journalPath)
        }
        if file == nil && journal == nil { throw .notFound(path: path) }
        try self.init(file: file, journal: journal, path: path)
    }

    /// Reads a secrets file's bytes and its journal's, as they were read from disk. `path` names the
    /// file in errors only.
    public init(file: Data?, journal: Data?, path: String = "secrets file") throws(LoadFailure) {
        var webhooks: [String: Known]
        do {
            webhooks = try SecretsLookupEntry.webhooks(in: file ?? Data())
        } catch {
            switch error {
            case .unsupportedVersion(let version): throw .unsupportedVersion(path: path, version: version)
            case .malformed(let detail): throw .malformed(path: path, detail: detail)
            }
        }
        Self.replay(journal: journal ?? Data(), over: &webhooks)
        self.init(webhooks: webhooks)
    }

    private static func read(_ path: String) throws(LoadFailure) -> Data? {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
            return nil
        } catch let error as CocoaError {
            throw .unreadable(path: path, reason: error.underlying.map { "\($0.localizedDescription)" } ?? "error \(error.code.rawValue)")
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// The file behind `path`'s own links, which may not exist yet (the first apply): the
    /// journal lies beside it. Links of the directories do not matter for that.
    private static func realPath(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            let directory = (current as NSString).deletingLastPathComponent
            current = target.hasPrefix("/") || directory.isEmpty ? target : directory + "/" + target
        }
        return current
    }
}
