import ArgumentParser
import Foundation
import ZTAHooksCore
import ZTAHooksRuntime
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

    @Argument(help: "The event type: pageview, event, goal, alert or session_end.")
    var event: String

    @Option(name: .customLong("site"), help: ArgumentHelp("The site whose subscribed webhooks receive the event.", valueName: "site-id"))
    var siteID: String

    @Option(help: ArgumentHelp("The event's data, a JSON object (default: the API document's sample for the type).", valueName: "json"))
    var data: String?

    @Option(help: ArgumentHelp("The event's timestamp, ISO 8601 (default: the time of publishing).", valueName: "iso"))
    var timestamp: String?

    @Option(help: ArgumentHelp("text, or json for the delivery records.", valueName: "format"))
    var format: OutputFormat = .text

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
        if let timestamp, TriggerRun.parseTimestamp(timestamp) == nil {
            throw ValidationError("--timestamp '\(timestamp.displaySafe)' is not an ISO 8601 time such as 2024-12-12T16:30:00.000Z")
        }
        if sandbox {
            if apiURL != nil { throw ValidationError("--sandbox and --api-url cannot be used together") }
        } else {
            if delivery.isSet {
                throw ValidationError("--route, --delivery-time-scale and --disable-after set up the --sandbox emulator; give them to `ztahooks sim serve` instead")
            }
            do {
                _ = try TriggerRun.emulatorURL(apiURL: apiURL)
            } catch {
                throw error.validation
            }
        }
    }

    func run() async throws {
        let run = TriggerRun(event: event, siteID: siteID, data: data, timestamp: timestamp, sandbox: sandbox, apiURL: apiURL,
                             options: try delivery.applied(to: SimOptions()))
        let records = try await run.records()
        switch format {
        case .text:
            let style = Style(enabled: Terminal.current().colorOnStdout)
            StandardOutput.write(TriggerPrinter.text(records, event: event, siteID: siteID, style: style))
        case .json:
            StandardOutput.write(StableJSON.render(["deliveries": records]))
        }
        try (records.allSatisfy(\.delivered) ? ExitStatus.success : .failure).exit()
    }
}
