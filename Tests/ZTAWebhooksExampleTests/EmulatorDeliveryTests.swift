import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZTASim
import ZTAWebhooks

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The README's route, served for real, receiving the emulator's deliveries of every event type:
/// the library verifies and decodes what the emulator signs and sends.
struct EmulatorDeliveryTests {
    private struct Published: Decodable {
        var deliveries: [SimDeliveryRecord]
    }

    /// Publishes one event through the emulator's control API and waits for its deliveries.
    private func publish(_ event: String, site: String, to sim: SimServer) async throws -> [SimDeliveryRecord] {
        var request = URLRequest(url: URL(string: sim.baseURL + "/_sim/publish")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"event":"\#(event)","siteId":"\#(site)","wait":true}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONDecoder().decode(Published.self, from: data).deliveries
    }

    @Test func everyEventTypeFromTheEmulatorIsAcceptedAndAnUnknownWebhookIsNot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secretsFile = directory.appendingPathComponent("secrets.json")
        let router = Router()
        addWebhookRoute(to: router, secretsFile: secretsFile.path)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))

        try await app.test(.live) { client in
            let port = try #require(client.port)
            let sim = try await SimServer.start(options: SimOptions())
            do {
                let url = "http://127.0.0.1:\(port)/zta/webhooks"
                let events = ["pageview", "event", "goal", "alert", "session_end"]
                let known = try await sim.state.create(siteId: "site_known", url: url, events: events, description: nil)
                _ = try await sim.state.create(siteId: "site_unknown", url: url, events: ["goal"], description: nil)
                try Data(#"""
                    {"version": 1, "webhooks": [{"siteId": "site_known", "name": "receiver", "id": "\#(known.id)",
                      "url": "\#(url)", "events": ["alert"], "secret": "\#(known.secret)"}]}
                    """#.utf8).write(to: secretsFile)

                for event in events {
                    let deliveries = try await publish(event, site: "site_known", to: sim)
                    #expect(deliveries.map(\.delivered) == [true], "\(event): \(deliveries.map(\.attempts))")
                }
                let refused = try await publish("goal", site: "site_unknown", to: sim)
                #expect(refused.map(\.delivered) == [false])
                #expect(refused.first?.attempts.first?.status == 401)
            } catch {
                await sim.stop()
                throw error
            }
            await sim.stop()
        }
    }
}
