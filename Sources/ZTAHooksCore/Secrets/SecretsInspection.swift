/// The secrets file as `plan` and `drift` read it, without the lock: what it holds, and what
/// the user should hear about it.
public struct SecretsInspection: Sendable {
    public var snapshot: SecretsSnapshot
    /// The real file's paths, links followed.
    public var paths: SecretsPaths
    /// A journal beside the file: a run is going on, or one was interrupted.
    public var recovery: SecretsRecovery
    /// One line each: a file open to others, a damaged journal.
    public var warnings: [String]
    /// Who the lock file names; whether that process still runs is for the caller to check.
    public var holder: LockHolder?
}
