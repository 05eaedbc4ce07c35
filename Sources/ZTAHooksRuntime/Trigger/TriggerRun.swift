import Foundation
import ZTAClient
import ZTAHooksCore
import ZTASim

/// `ztahooks trigger`: publishes one event on the emulator (the sandbox's, or a running `sim serve`)
/// and waits for every delivery. Never the real API.
public struct TriggerRun: Sendable {
    public var event: String
    public var siteID: String
    /// The event's data as written, already checked to be a JSON object.
    public var data: String?
    public var timestamp: String?
    public var sandbox: Bool
    public var apiURL: String?
    /// How the `--sandbox` emulator delivers.
    public var options: SimOptions

    public init(event: String, siteID: String, data: String?, timestamp: String?, sandbox: Bool, apiURL: String?, options: SimOptions) {
        self.event = event
        self.siteID = siteID
        self.data = data
        self.timestamp = timestamp
        self.sandbox = sandbox
        self.apiURL = apiURL
        self.options = options
    }

    /// Every delivery's record; a failure to reach the emulator, or something that is not one,
    /// ends the run after saying so.
    public func records() async throws -> [SimDeliveryRecord] {
        do {
            return try await sandbox ? publishOnSandbox() : publish(on: EmulatorEndpoint(base: Self.emulatorURL(apiURL: apiURL)), confirming: true)
        } catch let failure as EmulatorEndpoint.Failure {
            throw Self.report(failure)
        } catch let error as SimError {
            StandardError.write("error: the sandbox emulator did not start: \(String(describing: error).displaySafe)\n")
            throw CommandExit(.failure)
        }
    }

    /// The `sim serve` to publish to: from --api-url or ZTA_API_URL, and plain http (loopback, as
    /// the client's own checks ensure). Anything else cannot be the emulator: bad usage.
    public static func emulatorURL(apiURL: String?) throws(UsageError) -> URL {
        let url: URL
        do {
            url = try ClientConfiguration.resolveBaseURL(apiURL: apiURL, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw UsageError(error.message)
        }
        guard url.scheme == "http" else {
            throw UsageError(
                "trigger publishes only to the emulator, not to \(url.absoluteString.displaySafe): use --sandbox, "
                    + "or --api-url with the http://127.0.0.1:PORT that `ztahooks sim serve` prints"
            )
        }
        return url
    }

    /// An ISO 8601 time, with or without fractional seconds.
    public static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private func publishOnSandbox() async throws -> [SimDeliveryRecord] {
        let server = try await APISettings.startSandbox(options)
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

    /// The `/_sim/publish` request; `data` goes in as written, already checked to be an object.
    private func publishBody() -> Data {
        func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        var members = [#""event":\#(quoted(event))"#, #""siteId":\#(quoted(siteID))"#, #""wait":true"#]
        if let data { members.append(#""data":\#(data)"#) }
        if let timestamp { members.append(#""timestamp":\#(quoted(timestamp))"#) }
        return Data("{\(members.joined(separator: ","))}".utf8)
    }

    private static func report(_ failure: EmulatorEndpoint.Failure) -> CommandExit {
        switch failure {
        case .unreachable(let reason):
            StandardError.write("error: \(reason.displaySafe)\n")
            return CommandExit(.failure)
        case .notEmulator(let reason):
            StandardError.write("refused: \(reason.displaySafe); trigger publishes only to the emulator. Nothing was published.\n")
            return CommandExit(.refused)
        case .refused(let status, let message):
            StandardError.write("error: the emulator refused the event (\(status)): \(message.displaySafe)\n")
            return CommandExit(.failure)
        }
    }
}
