import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZTAWebhooks

/// The README's receiver example: the same text as the README, and it answers as the README says.
struct ReceiverExampleTests {
    static let body = #"{"event":"alert","timestamp":"2024-12-12T16:30:00.000Z","data":{"siteId":"site_abc123","alertId":"alert_abc123","alertName":"Traffic Spike","condition":"pageviews > 1000","currentValue":1543,"threshold":1000}}"#

    static let webhookID = HTTPFields.Element.Name("X-ZTA-Webhook-ID")!
    static let signature = HTTPFields.Element.Name("X-ZTA-Signature")!

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The lines between the markers, exclusive.
    private static func between(_ begin: String, _ end: String, in text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(of: begin), let last = lines[first...].firstIndex(of: end) else { return nil }
        return lines[(first + 1)..<last].joined(separator: "\n")
    }

    @Test func theReadmeShowsThisCode() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("ReceiverExample.swift"), encoding: .utf8)
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/guides/receivers.md"), encoding: .utf8)
        let code = try #require(Self.between("// README example: begin", "// README example: end", in: source))
        let snippet = try #require(Self.between("<!-- receiver-example: begin -->", "<!-- receiver-example: end -->", in: readme))
        #expect(snippet == "```swift\n" + code + "\n```")
    }

    /// A router with the example's route over a secrets file holding `whsec_xyz789` for `wh_abc123`.
    private func withApplication(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secrets.json")
        try Data(#"""
            {"version": 1, "webhooks": [{"siteId": "site_abc123", "name": "ops", "id": "wh_abc123",
              "url": "https://hooks.example.com/zta", "events": ["alert"], "secret": "whsec_xyz789",
              "createdAt": "2024-12-12T16:00:00.000Z"}]}
            """#.utf8).write(to: file)
        let router = Router()
        addWebhookRoute(to: router, secretsFile: file.path)
        try await Application(router: router).test(.router, test)
    }

    private func post(_ client: some TestClientProtocol, headers: HTTPFields, body: String = Self.body) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/zta/webhooks", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0.status }
    }

    @Test func aSignedDeliveryIsAccepted() async throws {
        try await withApplication { client in
            let signature = WebhookSignature.header(body: Array(Self.body.utf8), secret: "whsec_xyz789")
            let status = try await post(client, headers: [Self.webhookID: "wh_abc123", Self.signature: signature])
            #expect(status == .ok)
        }
    }

    @Test func unsignedOrMissignedDeliveriesAreRefused() async throws {
        try await withApplication { client in
            let signature = WebhookSignature.header(body: Array(Self.body.utf8), secret: "whsec_xyz789")
            let tampered = Self.body.replacingOccurrences(of: "1543", with: "1544")
            var statuses: [HTTPResponse.Status] = []
            statuses.append(try await post(client, headers: [Self.webhookID: "wh_abc123"]))
            statuses.append(try await post(client, headers: [Self.signature: signature]))
            statuses.append(try await post(client, headers: [Self.webhookID: "wh_other", Self.signature: signature]))
            statuses.append(try await post(client, headers: [Self.webhookID: "wh_abc123", Self.signature: signature], body: tampered))
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .unauthorized])
        }
    }
}
