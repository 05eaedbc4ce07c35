import Foundation
import Logging
import Testing
import ZTAClient
import ZTAHooksCore

/// The client's debug log: one line per attempt with method, path, status and duration, and
/// never a token, secret or body.
@Suite struct ClientLoggingTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []

        var all: [String] { lock.withLock { stored } }

        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }

    struct CapturingHandler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
        }
    }

    @Test func everyAttemptIsLoggedWithoutCredentials() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in CapturingHandler(lines: lines) }
        let created = #"{"webhook": {"id": "wh_2", "url": "https://a.example/y", "events": ["goal"], "secret": "whsec_logged_never", "createdAt": "2024-12-01T10:00:00Z"}}"#
        let transport = ScriptedTransport([
            .answer(503), .answer(200, #"{"webhooks": [{"id": "wh_1", "url": "https://a.example/x", "events": ["goal"], "secret": "whsec_listed_never"}]}"#),
            .answer(201, created),
        ])
        let client = ZTAHTTPClient(configuration: ClientConfiguration(token: "tok_log_check_42"), transport: transport,
                                   logger: logger, timing: RecordedSleeps().timing)
        _ = try await client.listWebhooks(site: "site_a")
        _ = try await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y", events: ["goal"]))

        let all = lines.all
        #expect(all.count == 4)
        #expect(all[0].hasPrefix("debug GET /api/webhooks?siteId=site_a -> 503 in "))
        #expect(all[0].hasSuffix("ms (attempt 1) [:]"))
        #expect(all[1] == "debug GET /api/webhooks?siteId=site_a: retrying in 0.1 seconds (attempt 2 of 4) [:]")
        #expect(all[2].hasPrefix("debug GET /api/webhooks?siteId=site_a -> 200 in "))
        #expect(all[3].hasPrefix("debug POST /api/webhooks -> 201 in "))
        for line in all {
            #expect(!line.contains("tok_log_check_42"))
            #expect(!line.contains("whsec_"))
            #expect(!line.contains("Bearer"))
        }
    }
}
