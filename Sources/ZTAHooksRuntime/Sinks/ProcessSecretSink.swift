#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ZTAHooksCore

/// Runs a sink command (`--on-secret`, `--on-delete`) as a child process, without a shell.
///
/// The secret goes to its standard input only; the webhook is described in `ZTA_*` variables.
/// The child gets a process group of its own, so that a timeout kills everything it started.
/// Its output (stdout and stderr together) is passed to ztahooks' stderr once it ends, each
/// line prefixed with the webhook, the secret replaced by `[secret]`, and sanitised for the
/// terminal: a sink that echoes what it is given never prints the secret.
struct ProcessSecretSink: SecretSink {
    var command: SinkCommand
    /// `--on-secret` or `--on-delete`, for messages.
    var flag: String
    var timeout: Duration
    /// ztahooks' own environment; the API token and the secrets key never reach a sink.
    var environment: [String: String]

    /// Variables a sink must never see: it needs the secret it is given, not the keys to everything.
    static let withheld = ["ZTA_API_TOKEN", "ZTAHOOKS_SECRETS_KEY"]
    /// Output kept from one run; the rest is dropped and said so.
    static let outputLimit = 64 * 1024

    func run(for webhook: SinkWebhook, secret: String?) async throws(SinkFailure) {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<SinkProcess.Outcome, Never>) in
            let process = SinkProcess(argv: command.argv, environment: childEnvironment(for: webhook), input: secret.map { Array($0.utf8) },
                                      timeout: timeout, outputLimit: Self.outputLimit)
            Thread.detachNewThread { continuation.resume(returning: process.run()) }
        }
        report(outcome.output, truncated: outcome.truncated, webhook: webhook, secret: secret)
        let program = command.argv[0].displaySafe
        switch outcome.end {
        case .exited(0): return
        case .exited(let status): throw SinkFailure("`\(program)` exited with status \(status)")
        case .signalled(let signal): throw SinkFailure("`\(program)` was killed by signal \(signal)")
        case .timedOut:
            throw SinkFailure("`\(program)` did not finish within \(DurationText.format(seconds: Int(timeout.components.seconds))) "
                + "and was killed with its process group (--sink-timeout)")
        case .notStarted(let reason): throw SinkFailure("`\(program)` could not be started: \(reason)")
        }
    }

    func childEnvironment(for webhook: SinkWebhook) -> [String: String] {
        var variables = environment
        for name in Self.withheld { variables[name] = nil }
        variables["ZTA_SITE_ID"] = webhook.siteId
        variables["ZTA_WEBHOOK_NAME"] = webhook.name
        variables["ZTA_WEBHOOK_ID"] = webhook.id
        variables["ZTA_WEBHOOK_URL"] = webhook.url
        variables["ZTA_WEBHOOK_EVENTS"] = webhook.events.joined(separator: ",")
        // Set only for a webhook that replaced another: receivers pair the two for the overlap.
        variables["ZTA_REPLACES"] = webhook.replaces
        return variables
    }

    /// The sink's output on stderr, scrubbed: line by line, under the webhook's name.
    private func report(_ output: [UInt8], truncated: Bool, webhook: SinkWebhook, secret: String?) {
        guard !output.isEmpty else { return }
        var text = String(decoding: output, as: UTF8.self)
        if let secret, !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "[secret]")
            // Output cut at the limit may end in the first part of the secret.
            if truncated, let cut = (1..<secret.count).reversed().first(where: { text.hasSuffix(secret.prefix($0)) }) {
                text = String(text.dropLast(cut))
            }
        }
        let label = "\(webhook.siteId)/\(webhook.name.isEmpty ? webhook.id : webhook.name)".displaySafe
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(flag) \(label): \(DisplayText.sanitize($0))" }
        if lines.last?.hasSuffix(": ") == true, text.hasSuffix("\n") { lines.removeLast() }
        if truncated { lines.append("\(flag) \(label): (output beyond \(Self.outputLimit / 1024) KiB left out)") }
        StandardError.write(lines.joined(separator: "\n") + "\n")
    }
}
