import ArgumentParser
import ZTAHooksCore
import ZTAHooksRuntime

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

    var settings: SecretsSettings {
        SecretsSettings(secretsFile: secretsFile, initSecrets: initSecrets, secretsKeyFile: secretsKeyFile, lockTimeout: lockTimeout)
    }
}

/// `--no-step-summary`, shared by the commands that write one.
struct StepSummaryOptions: ParsableArguments {
    @Flag(name: .customLong("no-step-summary"), help: "Do not append the Markdown report to the file GITHUB_STEP_SUMMARY names.")
    var noStepSummary = false
}
