import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksCore
import ZTAHooksRuntime
import ZTAPages
import ZTAReceiver
import ZTAWebhooks
import ServiceLifecycle

/// `ztahooks listen`: a local receiver that verifies deliveries with the secrets file, as
/// `stripe listen` is for Stripe.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive deliveries locally and verify each with the secret of its webhook.",
        discussion: """
            Takes POSTs on any path, looks the secret up by X-ZTA-Webhook-ID in the secrets file \
            (and its journal, so a running apply or rotate's new webhooks verify at once), and \
            answers 200 when the signature verifies, 401 when not, 400 for a signed body that is \
            not JSON or a body cut short, 413 over 1 MB, 405 for other methods (those three with \
            Connection: close, and the connection closed). Idle connections close after \
            --idle-timeout. Prints one line per delivery on \
            standard output, never a secret. With --forward, verified deliveries go on to the URL \
            (body and headers unchanged, the URL exactly as given) and its status and body are \
            the answer (502 when it cannot be reached within 10 s); during a replace's overlap, \
            when ZTA delivers each event to both webhooks, the second delivery of an event (the \
            same raw body within 10 minutes through the other webhook of a pair recorded as \
            replaces in the secrets file) is answered 200 and not forwarded, unless --no-dedupe. \
            Only loopback addresses \
            unless --allow-remote. Stops on Ctrl-C or SIGTERM with exit 0.

            --inspect [PORT] also serves a page (port 8789 by default, 0 for a free one; its URL \
            is printed) that shows each delivery as it arrives: its verdict and why, headers, \
            body, the forward app's answer; replays it, and copies it as a verify or curl \
            command. The page answers to loopback names only, needs its per-run token for \
            replays and never shows a secret. The last --inspect-keep deliveries stay in memory.

            Examples:
              ztahooks listen
              ztahooks listen --port 9000 --forward http://127.0.0.1:3000/zta
              ztahooks listen --inspect --forward http://localhost:3000/hook
            """
    )

    @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
    var port: Int = 8788

    @Option(help: ArgumentHelp("Address to bind; a loopback address unless --allow-remote.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Flag(help: "Allow a non-loopback --host: anyone on the network could then send deliveries and reach the --forward app.")
    var allowRemote = false

    @Option(help: ArgumentHelp("Pass verified deliveries on to this URL (https, or http to a loopback address).", valueName: "url"))
    var forward: String?

    @Flag(help: "With --forward, pass on both deliveries of an event during a replace's overlap instead of the first only.")
    var noDedupe = false

    @Flag(help: "Print each delivery's body (sanitised in text; a JSON string in json).")
    var printBody = false

    @Option(help: ArgumentHelp("text or json (one object per line).", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(help: "Read the sandbox's secrets file (.ztahooks/sandbox-secrets.json) by default.")
    var sandbox = false

    @Option(help: ArgumentHelp(
        "Keep verifying a retired webhook's deliveries this long after its retiredAt in the secrets file (deliveries in flight and retries of a deleted webhook); 0s to stop at once.",
        valueName: "duration"))
    var retiredGrace = "10m"

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Close a keep-alive connection that has been idle this long (e.g. 60s, 5m).", valueName: "duration"))
    var idleTimeout = "60s"

    @Option(help: ArgumentHelp("Serve the delivery inspector on this port (--inspect alone: 8789; 0 picks a free one).", valueName: "port"))
    var inspect: Int?

    @Option(help: ArgumentHelp("Deliveries the inspector keeps in memory.", valueName: "n"))
    var inspectKeep = 500

    @OptionGroup var secrets: SecretsOptions

    /// The inspector's port when `--inspect` comes without one.
    static let defaultInspectPort = 8789

    /// `arguments` with the default port after a bare `--inspect` of `listen`.
    static func withInspectPort(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName, let index = arguments.firstIndex(of: "--inspect") else {
            return arguments
        }
        let next = arguments.index(after: index)
        if next < arguments.endIndex, Int(arguments[next]) != nil || !arguments[next].hasPrefix("-") { return arguments }
        var result = arguments
        result.insert(String(defaultInspectPort), at: next)
        return result
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let inspect, !(0...65535).contains(inspect) { throw ValidationError("--inspect must be a port between 0 and 65535.") }
        guard inspectKeep >= 1 else { throw ValidationError("--inspect-keep must be at least 1.") }
        do {
            guard try DurationText.seconds(idleTimeout) > 0 else { throw ValidationError("--idle-timeout must be at least 1s") }
        } catch let error as DurationText.Error {
            throw ValidationError("--idle-timeout: \(error.message)")
        }
        do {
            _ = try DurationText.seconds(retiredGrace)
        } catch {
            throw ValidationError("--retired-grace: \(error.message)")
        }
        if !allowRemote, !ClientConfiguration.isLoopback(host: host) {
            throw ValidationError("--host \(host.displaySafe) is not a loopback address: a receiver open to the network "
                + "takes deliveries from anyone and passes verified ones to --forward; add --allow-remote if that is what you want")
        }
        if let forward, DeliveryForwarder.validate(forward) == nil {
            throw ValidationError("--forward must be an absolute https:// URL, or http:// to a loopback address, without user:password@")
        }
    }

    func run() async throws {
        let path = try secrets.settings.path(sandbox: sandbox)
        let key = try secrets.settings.key()
        let grace = Duration.seconds((try? DurationText.seconds(retiredGrace)) ?? 0)
        let listenSecrets: ListenSecrets
        do {
            listenSecrets = try ListenSecrets(path: path, acceptEmptyFile: secrets.initSecrets, key: key, retiredGrace: grace) { warning in
                StandardError.write("warning: \(warning)\n")
            }
        } catch {
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let printer = DeliveryLinePrinter(json: format == .json, style: Style(enabled: Terminal.current().colorOnStdout), printBody: printBody) {
            StandardOutput.write($0)
        }
        let inspector = inspect.map { _ in DeliveryInspector(keep: inspectKeep) }
        let receiver = DeliveryReceiver(secrets: listenSecrets, forwarder: forward.flatMap(DeliveryForwarder.validate).map(DeliveryForwarder.init(target:)),
                                        observers: [printer] + (inspector.map { [$0] } ?? []),
                                        deduplicator: forward != nil && !noDedupe ? WebhookDeduplicator() : nil)
        let host = self.host
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let listenAddress = BoundAddress()
        var companions: [any Service] = []
        if let inspector, let inspect {
            let responder = InspectorResponder(
                inspector: inspector, pageGuard: LocalPageGuard(allowRemote: allowRemote), target: forward, secretsFile: path,
                listenURL: { listenAddress.value }, receiver: receiver)
            companions.append(InspectorServer.service(host: host, port: inspect, responder: responder) { bound in
                StandardError.write("ztahooks listen: inspector on http://\(shownHost):\(bound)/\n")
            })
        }
        let ready = "(secrets: \(path.displaySafe), \(listenSecrets.withSecrets) webhooks with secrets)"
        if listenSecrets.sealedWithoutKey > 0 {
            StandardError.write("warning: \(listenSecrets.sealedWithoutKey) secrets in \(path.displaySafe) are sealed; "
                + "their deliveries are refused until listen is started with ZTAHOOKS_SECRETS_KEY or --secrets-key-file\n")
        }
        let server = ListenServer(host: host, port: port, idleTimeout: .seconds((try? DurationText.seconds(idleTimeout)) ?? 60),
                                  receiver: receiver, companions: companions) { bound in
            listenAddress.set("http://\(shownHost):\(bound)")
            StandardError.write("ztahooks listen: receiving on http://\(shownHost):\(bound) \(ready)\n")
        }
        do {
            // Stops gracefully on SIGINT and SIGTERM: deliveries in flight are answered first.
            try await server.run()
        } catch {
            StandardError.write("error: could not listen on \(host.displaySafe):\(port): \(String(describing: error).displaySafe)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let duplicates = printer.duplicates
        StandardError.write("ztahooks listen: stopped" + (duplicates > 0 ? " (\(duplicates) duplicate\(duplicates == 1 ? "" : "s") of a replaced pair not passed on)" : "") + "\n")
    }
}
