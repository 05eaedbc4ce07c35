/// Everything that can go wrong with the secrets file, typed so that apply can stop before the
/// next create. Messages name files and webhooks, never a secret.
public enum SecretsStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another apply holds the lock beside the file; `holder` is who, when the lock file says.
    case locked(lockFile: String, holder: LockHolder?)
    /// The file exists but holds nothing: what restoring an unset CI secret writes.
    case emptyFile(file: String)
    /// Something other than a regular file is where the secrets file should be.
    case notRegularFile(file: String, kind: FileKind)
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
    /// The file is sealed with another key than the one given; `source` says where that one came from.
    case wrongKey(file: String, sealedWith: String, given: String, source: String? = nil)
    /// A sealed value does not open with the key: altered, or moved from another entry.
    case sealedValueRejected(file: String, entry: String, keyId: String)
    /// The file is sealed and no key was given, so a new secret cannot be sealed into it (or an
    /// old one opened); `keyId` names the key it needs, when the file says.
    case keyRequired(file: String, keyId: String?)
    /// The file belongs to another API than the one this run reaches (`APIOrigin`).
    case boundToAnotherAPI(file: String, bound: String, requested: String)

    /// One line for a human: what failed, the system's words, and what it means.
    public var message: String {
        switch self {
        case .locked(let lockFile, let holder):
            let who = holder.map { " by \($0.summary)" } ?? ""
            return "another ztahooks run holds the lock \(lockFile)\(who); wait for it to finish (or pass --lock-timeout 5m to wait), then run again"
        case .emptyFile(let file):
            return "the secrets file \(file) is empty; a CI step that restores an unset secret writes an empty file, "
                + "and reading it as \"no secrets\" would make every webhook's secret unknown. Restore the real file "
                + "(and its .journal, if one was saved), or pass --init-secrets to start from an empty secrets file on purpose"
        case .notRegularFile(let file, let kind):
            return "the secrets file \(file) is \(kind), not a regular file; point --secrets-file at a regular file"
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
        case .wrongKey(let file, let sealedWith, let given, let source):
            return "the secrets file \(file) is sealed with key \(sealedWith), and \(source ?? "the key given") is key \(given); "
                + "give the key it was sealed with (change keys with `ztahooks secrets rekey`). Nothing was written"
        case .sealedValueRejected(let file, let entry, let keyId):
            return "the sealed secret of \(entry) in \(file) (or its journal) does not open with key \(keyId): it was altered, "
                + "or copied from another entry. Nothing was written; restore the file from git or a backup"
        case .keyRequired(let file, let keyId):
            let which = keyId.map { " with key \($0)" } ?? ""
            return "the secrets file \(file) is sealed\(which), and sealing or opening a secret needs that key: "
                + "set ZTAHOOKS_SECRETS_KEY or pass --secrets-key-file. Nothing was changed"
        case .boundToAnotherAPI(let file, let bound, let requested):
            let fix = bound == APIOrigin.sandbox
                ? "run with --sandbox, or use another --secrets-file"
                : "point ZTA_API_URL (or --api-url) at \(bound), or use another --secrets-file"
            return "the secrets file \(file) belongs to \(APIOrigin.describe(bound)), and this run would reach "
                + "\(APIOrigin.describe(requested)): its secrets are of webhooks there, which would all look gone here. "
                + "\(fix.prefix(1).uppercased() + fix.dropFirst()); to move the file on purpose, run "
                + "`ztahooks secrets rebind \(requested) --secrets-file \(file)`"
        }
    }

    /// True when nothing was changed and the run was refused on purpose (exit 3).
    public var isRefusal: Bool {
        switch self {
        case .locked, .boundToAnotherAPI: true
        default: false
        }
    }

    public var description: String { message }
}
