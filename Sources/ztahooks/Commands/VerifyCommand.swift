import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime
import ZTAReceiver
import ZTAWebhooks

/// `ztahooks verify`: checks one delivery's signature, as a receiver would.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check one delivery's X-ZTA-Signature against its raw body and the webhook's secret.",
        discussion: """
            The body is read as raw bytes from --body FILE or standard input. The secret comes from \
            the secrets file by --webhook-id (its journal included, so a webhook created by a running \
            apply is known; a retired webhook's within --retired-grace of its retiredAt, as listen \
            does), or from the environment variable named by --secret-env. Never prints the \
            secret or the expected signature. Exit codes: 0 valid; 1 invalid (malformed header, no \
            secret known for the webhook, mismatch) or the input could not be read; 64 usage.

            Examples:
              ztahooks verify --signature "$SIG" --webhook-id wh_abc123 --body delivery.json
            """
    )

    @Option(help: ArgumentHelp("The X-ZTA-Signature header's value, e.g. sha256=<64 hex digits>.", valueName: "value"))
    var signature: String

    @Option(name: .customLong("webhook-id"), help: ArgumentHelp("Take the secret of this webhook from the secrets file (the X-ZTA-Webhook-ID header).", valueName: "id"))
    var webhookID: String?

    @Option(name: .customLong("secret-env"), help: ArgumentHelp("Take the secret from this environment variable instead.", valueName: "var"))
    var secretEnv: String?

    @Option(help: ArgumentHelp("The raw body. Default: standard input.", valueName: "file"))
    var body: String?

    @Flag(help: "Use the sandbox's secrets file (.ztahooks/sandbox-secrets.json).")
    var sandbox = false

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp(
        "Accept a retired webhook's secret this long after its retiredAt in the secrets file; 0s to refuse retired ones.",
        valueName: "duration"))
    var retiredGrace = "10m"

    @OptionGroup var secrets: SecretsOptions

    func validate() throws {
        switch (webhookID, secretEnv) {
        case (nil, nil): throw ValidationError("say where the secret is: --webhook-id ID (from the secrets file) or --secret-env VAR")
        case (.some, .some): throw ValidationError("--webhook-id and --secret-env are exclusive: give one")
        default: break
        }
        do {
            _ = try DurationText.seconds(retiredGrace)
        } catch {
            throw ValidationError("--retired-grace: \(error.message)")
        }
        if body == nil || body == "-", Terminal.current().stdinIsTTY {
            throw ValidationError("no --body FILE and standard input is a terminal: pipe the raw body in, or pass --body FILE")
        }
    }

    func run() throws {
        let secret: String
        let source: String
        do {
            (secret, source) = try lookUpSecret()
        } catch let verdict as VerifyVerdict {
            return try report(verdict)
        }
        let bytes: Data
        do {
            bytes = try DeliveryBody.read(path: body)
        } catch {
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        switch WebhookSignature.verify(body: bytes, header: signature, secret: secret) {
        case .valid: try report(.valid(source: source))
        case .invalid(let failure): try report(.signature(failure))
        }
    }

    /// The secret and where it came from, for the report; a verdict when there is none to use.
    private func lookUpSecret() throws -> (secret: String, source: String) {
        if let secretEnv {
            let name = secretEnv.displaySafe
            guard let value = ProcessInfo.processInfo.environment[secretEnv] else {
                StandardError.write("error: the environment variable \(name) named by --secret-env is not set\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            guard !value.isEmpty else {
                StandardError.write("error: the environment variable \(name) named by --secret-env is empty\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            return (value, "the secret in $\(name)")
        }
        let id = webhookID ?? ""
        // With a key, sealed secrets are opened; a wrong key is an error of the run.
        let inspection = try SecretsReader.inspect(secrets.settings, sandbox: sandbox, key: try secrets.settings.key())
        let file = try secrets.settings.path(sandbox: sandbox)
        let exists = [file, SecretsPaths(file: file).journal].contains { FileManager.default.fileExists(atPath: $0) }
        let grace = Duration.seconds((try? DurationText.seconds(retiredGrace)) ?? 0)
        switch VerifySecretLookup.secret(id: id, in: inspection, file: file, fileExists: exists, grace: grace, graceText: retiredGrace) {
        case .secret(let secret, let source):
            return (secret, source)
        case .verdict(let verdict):
            throw verdict
        case .sealedWithoutKey(let keyId):
            StandardError.write("error: \(SecretsStoreError.keyRequired(file: inspection.paths.file.displaySafe, keyId: keyId).message).\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }

    private func report(_ verdict: VerifyVerdict) throws {
        switch format {
        case .text: StandardOutput.write(verdict.line + "\n")
        case .json: StandardOutput.write(verdict.json + "\n")
        }
        try (verdict.isValid ? ExitStatus.success : ExitStatus.failure).exit()
    }
}
