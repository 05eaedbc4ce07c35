import Foundation
import ZTAHooksCore

/// Where the secrets file lives and how to open it: what `--secrets-file`, `--init-secrets`,
/// `--secrets-key-file` and `--lock-timeout` say, then `ZTA_SECRETS_FILE`, then the defaults.
public struct SecretsSettings: Sendable {
    public var secretsFile: String?
    public var initSecrets: Bool
    public var secretsKeyFile: String?
    public var lockTimeout: String

    public init(secretsFile: String? = nil, initSecrets: Bool = false, secretsKeyFile: String? = nil, lockTimeout: String = "0s") {
        self.secretsFile = secretsFile
        self.initSecrets = initSecrets
        self.secretsKeyFile = secretsKeyFile
        self.lockTimeout = lockTimeout
    }

    /// The key that seals the secrets: `--secrets-key-file`, else `ZTAHOOKS_SECRETS_KEY`, else
    /// `nil` (a plain-text file, or a sealed one read without opening its secrets). The one place
    /// ztahooks reads it.
    public func key(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandExit) -> SecretsKey? {
        try SecretsKeySource.load(file: secretsKeyFile, flag: "--secrets-key-file", variable: "ZTAHOOKS_SECRETS_KEY",
                                  environment: environment)
    }

    /// How long to wait for the lock.
    public var lockWait: Duration { .seconds((try? DurationText.seconds(lockTimeout)) ?? 0) }

    /// How long requests in flight get after SIGINT or SIGTERM: 10 s, within the grace that
    /// GitHub Actions and GitLab give before SIGKILL; `ZTAHOOKS_STOP_GRACE_SECONDS` changes it.
    public var stopGrace: Duration {
        let seconds = ProcessInfo.processInfo.environment["ZTAHOOKS_STOP_GRACE_SECONDS"].flatMap(Double.init) ?? 10
        return .milliseconds(Int(max(0, min(seconds, 600)) * 1000))
    }

    /// The secrets file for this run, resolved the same way with and without `--sandbox`: the
    /// flag, then `ZTA_SECRETS_FILE`, then the default. With `--sandbox` the default is a file of
    /// its own, and `ZTA_SECRETS_FILE` (set for real runs) is refused rather than used or ignored:
    /// a sandbox apply would drop that file's real entries as gone.
    public func path(sandbox: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws(UsageError) -> String {
        if let secretsFile { return secretsFile }
        let env = environment["ZTA_SECRETS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if sandbox {
            if env != nil {
                throw UsageError("ZTA_SECRETS_FILE is set, and --sandbox keeps its own secrets file so that emulator webhooks "
                    + "never mix with real ones; unset it, or pass --secrets-file to choose the sandbox's file")
            }
            return ".ztahooks/sandbox-secrets.json"
        }
        return env ?? ".ztahooks/secrets.json"
    }

    /// These settings with the project file's `secretsFile` where neither `--secrets-file` nor
    /// `ZTA_SECRETS_FILE` names one. With `--sandbox` the project's file is not used: it holds
    /// real webhooks' secrets, and a sandbox apply would drop them as gone.
    public func defaulted(
        by project: ProjectFile?, sandbox: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> SecretsSettings {
        var settings = self
        let fromEnvironment = environment["ZTA_SECRETS_FILE"].map { !$0.isEmpty } ?? false
        if settings.secretsFile == nil, !fromEnvironment, !sandbox, let path = project?.secretsFilePath {
            settings.secretsFile = path
        }
        return settings
    }
}

extension Optional where Wrapped == ProjectFile {
    /// `retiredKeep` of the project file, or the default of 30 days.
    public var retiredKeepDuration: Duration { .seconds(self?.retiredKeep ?? ProjectFile.defaultRetiredKeep) }
}
