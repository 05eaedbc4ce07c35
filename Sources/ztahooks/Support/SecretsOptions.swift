import ArgumentParser
import Foundation

/// Where the secrets file lives: `--secrets-file`, then `ZTA_SECRETS_FILE`, then the default.
struct SecretsOptions: ParsableArguments {
    @Option(name: .customLong("secrets-file"), help: "The secrets file (env ZTA_SECRETS_FILE; default .ztahooks/secrets.json, or .ztahooks/sandbox-secrets.json with --sandbox).")
    var secretsFile: String?

    /// The sandbox keeps its own secrets file so that emulator webhooks never mix with real ones.
    func path(sandbox: Bool) -> String {
        if let secretsFile { return secretsFile }
        if !sandbox, let env = ProcessInfo.processInfo.environment["ZTA_SECRETS_FILE"], !env.isEmpty { return env }
        return sandbox ? ".ztahooks/sandbox-secrets.json" : ".ztahooks/secrets.json"
    }
}
