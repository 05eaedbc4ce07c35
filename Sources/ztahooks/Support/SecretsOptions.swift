import ArgumentParser
import Foundation
import ZTAHooksCore

/// Where the secrets file lives and how to open it: `--secrets-file`, then `ZTA_SECRETS_FILE`,
/// then the default.
struct SecretsOptions: ParsableArguments {
    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("The secrets file (env ZTA_SECRETS_FILE; default .ztahooks/secrets.json, or .ztahooks/sandbox-secrets.json with --sandbox).", valueName: "file"))
    var secretsFile: String?

    @Flag(name: .customLong("init-secrets"), help: "Accept an existing but empty secrets file as empty (a missing one always starts empty).")
    var initSecrets = false

    @Option(name: .customLong("secrets-key-file"), help: ArgumentHelp("A file holding the key that seals the secrets (env ZTAHOOKS_SECRETS_KEY): 32 random bytes in base64, from `ztahooks secrets keygen`.", valueName: "file"))
    var secretsKeyFile: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait this long for another apply to release the secrets file (e.g. 30s, 5m). Default: 0, refuse at once.", valueName: "duration"))
    var lockTimeout: String = "0s"

    func validate() throws {
        do {
            _ = try DurationText.seconds(lockTimeout)
        } catch {
            throw ValidationError("--lock-timeout: \(error)")
        }
    }

    /// The key that seals the secrets: `--secrets-key-file`, else `ZTAHOOKS_SECRETS_KEY`, else
    /// `nil` (a plain-text file, or a sealed one read without opening its secrets). The one place
    /// the executable reads it.
    func key(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SecretsKey? {
        try SecretsKeySource.load(file: secretsKeyFile, flag: "--secrets-key-file", variable: "ZTAHOOKS_SECRETS_KEY",
                                  environment: environment)
    }

    /// How long to wait for the lock.
    var lockWait: Duration { .seconds((try? DurationText.seconds(lockTimeout)) ?? 0) }

    /// How long requests in flight get after SIGINT or SIGTERM: 10 s, within the grace that
    /// GitHub Actions and GitLab give before SIGKILL; `ZTAHOOKS_STOP_GRACE_SECONDS` changes it.
    var stopGrace: Duration {
        let seconds = ProcessInfo.processInfo.environment["ZTAHOOKS_STOP_GRACE_SECONDS"].flatMap(Double.init) ?? 10
        return .milliseconds(Int(max(0, min(seconds, 600)) * 1000))
    }

    /// The secrets file for this run, resolved the same way with and without `--sandbox`: the
    /// flag, then `ZTA_SECRETS_FILE`, then the default. With `--sandbox` the default is a file of
    /// its own, and `ZTA_SECRETS_FILE` (set for real runs) is refused rather than used or ignored:
    /// a sandbox apply would drop that file's real entries as gone.
    func path(sandbox: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let secretsFile { return secretsFile }
        let env = environment["ZTA_SECRETS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if sandbox {
            if env != nil {
                throw ValidationError("ZTA_SECRETS_FILE is set, and --sandbox keeps its own secrets file so that emulator webhooks "
                    + "never mix with real ones; unset it, or pass --secrets-file to choose the sandbox's file")
            }
            return ".ztahooks/sandbox-secrets.json"
        }
        return env ?? ".ztahooks/secrets.json"
    }
}
