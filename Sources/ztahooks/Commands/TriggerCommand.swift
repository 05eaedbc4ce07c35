import ArgumentParser
import Foundation
import ZTAClient
import ZTAHooksCore
import ZTASim

/// `ztahooks trigger EVENT --site ID`: publishes one event on the emulator and reports each delivery,
/// as `stripe trigger` does for Stripe. Never runs against the real API.
struct TriggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Publish one event on the emulator and show how each delivery went.",
        discussion: """
            Publishes EVENT for a site on the emulator (--sandbox, or a running `ztahooks sim serve` \
            given by --api-url or ZTA_API_URL) with the API document's sample data for its type unless \
            --data is given, waits for every delivery and retry, and prints one line per webhook and \
            attempt. It refuses anything but the emulator: an https:// API URL (the default \
            https://ztas.io included) is bad usage; a loopback URL that does not answer as the emulator \
            is refused before anything is published. Exit codes: 0 every delivery delivered, or no \
            webhook subscribed; 1 a delivery failed, or the emulator could not be reached; 3 not the \
            emulator; 64 bad usage.

            Examples:
              ztahooks trigger alert --site site_abc123 --sandbox
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The event type: pageview, event, goal, alert or session_end.")
    var event: String

    @Option(name: .customLong("site"), help: ArgumentHelp("The site whose subscribed webhooks receive the event.", valueName: "site-id"))
    var siteID: String

    @Option(help: ArgumentHelp("The event's data, a JSON object (default: the API document's sample for the type).", valueName: "json"))
    var data: String?

    @Option(help: ArgumentHelp("The event's timestamp, ISO 8601 (default: the time of publishing).", valueName: "iso"))
    var timestamp: String?

    @Option(help: ArgumentHelp("text, or json for the delivery records.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "Publish on the embedded emulator (state in .ztahooks/sandbox.json, as `apply --sandbox` leaves it).")
    var sandbox = false

    @Option(name: .customLong("api-url"), help: ArgumentHelp("A running `ztahooks sim serve`, such as http://127.0.0.1:8787 (env ZTA_API_URL).", valueName: "url"))
    var apiURL: String?

    @OptionGroup(title: "Deliveries of the --sandbox emulator")
    var delivery: DeliveryOptions

    func validate() throws {
        guard EventType(rawValue: event) != nil else {
            throw ValidationError("'\(event.displaySafe)' is not an event type; use one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard SiteFormat.isValidSiteID(siteID) else {
            throw ValidationError("--site '\(siteID.displaySafe)' is not a site ID (letters, digits, '_' and '-', at most \(SiteFormat.siteMaxLength))")
        }
        if let data, (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] == nil {
            throw ValidationError("--data must be a JSON object, such as '{\"path\": \"/pricing\"}'")
        }
        if let timestamp, Self.parseTimestamp(timestamp) == nil {
            throw ValidationError("--timestamp '\(timestamp.displaySafe)' is not an ISO 8601 time such as 2024-12-12T16:30:00.000Z")
        }
        if sandbox {
            if apiURL != nil { throw ValidationError("--sandbox and --api-url cannot be used together") }
        } else {
            if delivery.isSet {
                throw ValidationError("--route, --delivery-time-scale and --disable-after set up the --sandbox emulator; give them to `ztahooks sim serve` instead")
            }
            _ = try emulatorURL()
        }
    }

    func run() async throws {
        let records: [SimDeliveryRecord]
        do {
            records = try await sandbox ? publishOnSandbox() : publish(on: EmulatorEndpoint(base: emulatorURL()), confirming: true)
        } catch let failure as EmulatorEndpoint.Failure {
            throw Self.report(failure)
        } catch let error as SimError {
            StandardError.write("error: the sandbox emulator did not start: \(String(describing: error).displaySafe)\n")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        switch format {
        case .text:
            let style = Style(enabled: Terminal.current().colorOnStdout)
            StandardOutput.write(TriggerPrinter.text(records, event: event, siteID: siteID, style: style))
        case .json:
            StandardOutput.write(StableJSON.render(["deliveries": records]))
        }
        try (records.allSatisfy(\.delivered) ? ExitStatus.success : .failure).exit()
    }

    /// The `sim serve` to publish to: from --api-url or ZTA_API_URL, and plain http (loopback, as
    /// the client's own checks ensure). Anything else cannot be the emulator: bad usage.
    private func emulatorURL() throws -> URL {
        let url: URL
        do {
            url = try ClientConfiguration.resolveBaseURL(apiURL: apiURL, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }
        guard url.scheme == "http" else {
            throw ValidationError(
                "trigger publishes only to the emulator, not to \(url.absoluteString.displaySafe): use --sandbox, "
                    + "or --api-url with the http://127.0.0.1:PORT that `ztahooks sim serve` prints"
            )
        }
        return url
    }

    private func publishOnSandbox() async throws -> [SimDeliveryRecord] {
        let server = try await APIOptions.startSandbox(try delivery.applied(to: SimOptions()))
        let outcome: Result<[SimDeliveryRecord], EmulatorEndpoint.Failure>
        do throws(EmulatorEndpoint.Failure) {
            // The emulator was started here: no need to ask whether it is one.
            outcome = .success(try await publish(on: EmulatorEndpoint(base: URL(string: server.baseURL)!), confirming: false))
        } catch {
            outcome = .failure(error)
        }
        await server.stop()
        return try outcome.get()
    }

    private func publish(on endpoint: EmulatorEndpoint, confirming: Bool) async throws(EmulatorEndpoint.Failure) -> [SimDeliveryRecord] {
        if confirming { try await endpoint.confirmEmulator() }
        return try await endpoint.publish(publishBody())
    }

    /// The `/_sim/publish` request; `--data` goes in as written, already checked to be an object.
    private func publishBody() -> Data {
        func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        var members = [#""event":\#(quoted(event))"#, #""siteId":\#(quoted(siteID))"#, #""wait":true"#]
        if let data { members.append(#""data":\#(data)"#) }
        if let timestamp { members.append(#""timestamp":\#(quoted(timestamp))"#) }
        return Data("{\(members.joined(separator: ","))}".utf8)
    }

    private static func report(_ failure: EmulatorEndpoint.Failure) -> ExitCode {
        switch failure {
        case .unreachable(let reason):
            StandardError.write("error: \(reason.displaySafe)\n")
            return ExitCode(ExitStatus.failure.rawValue)
        case .notEmulator(let reason):
            StandardError.write("refused: \(reason.displaySafe); trigger publishes only to the emulator. Nothing was published.\n")
            return ExitCode(ExitStatus.refused.rawValue)
        case .refused(let status, let message):
            StandardError.write("error: the emulator refused the event (\(status)): \(message.displaySafe)\n")
            return ExitCode(ExitStatus.failure.rawValue)
        }
    }

    private static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
