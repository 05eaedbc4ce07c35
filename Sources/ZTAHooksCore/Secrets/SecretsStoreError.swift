/// Everything that can go wrong with the secrets file, typed so that apply can stop before the
/// next create. Messages name files and webhooks, never a secret.
public enum SecretsStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another apply holds the lock beside the file.
    case locked(lockFile: String)
    /// The lock could not be taken for another reason than contention.
    case lockFailed(lockFile: String, reason: String)
    /// The directory for the file could not be created.
    case directoryNotCreated(directory: String, reason: String)
    /// The file or its journal could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not a secrets file this build understands.
    case malformed(file: String, detail: String)
    /// The file was written by a newer layout version.
    case unsupportedVersion(file: String, version: Int)
    /// A record could not be made durable; `what` names it, e.g. "the secret of site_abc/ops-alerts".
    case notDurable(what: String, file: String, reason: String)
    /// A record was not attempted because an earlier write failed.
    case refused(what: String, file: String, reason: String)
    /// Folding the journal into the file failed; the journal still holds every record.
    case foldFailed(file: String, journal: String, reason: String)
    /// The store was used after `close()`.
    case closed(file: String)

    /// One line for a human: what failed, the system's words, and what it means.
    public var message: String {
        switch self {
        case .locked(let lockFile):
            return "another ztahooks apply is using the secrets file (the lock \(lockFile) is held); wait for it to finish, then run again"
        case .lockFailed(let lockFile, let reason):
            return "could not lock \(lockFile): \(reason)"
        case .directoryNotCreated(let directory, let reason):
            return "could not create the directory \(directory) for the secrets file: \(reason)"
        case .unreadable(let file, let reason):
            return "could not read the secrets file \(file): \(reason)"
        case .malformed(let file, let detail):
            return "the secrets file \(file) is not valid: \(detail)"
        case .unsupportedVersion(let file, let version):
            return "the secrets file \(file) has version \(version); this ztahooks reads version \(SecretsFileCodec.version) only, upgrade ztahooks"
        case .notDurable(let what, let file, let reason):
            return "could not make \(what) durable in \(file): \(reason); nothing after this was attempted"
        case .refused(let what, let file, let reason):
            return "did not record \(what): an earlier write to \(file) failed (\(reason)); nothing after that failure is attempted"
        case .foldFailed(let file, let journal, let reason):
            return "could not write the secrets file \(file): \(reason); every recorded secret is kept in \(journal), and the next run folds it in"
        case .closed(let file):
            return "the secrets file \(file) is already closed"
        }
    }

    public var description: String { message }
}
