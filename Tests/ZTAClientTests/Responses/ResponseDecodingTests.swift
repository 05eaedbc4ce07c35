import Foundation
import Testing
import ZTAHooksCore
@testable import ZTAClient

@Suite struct ResponseDecodingTests {
    private func list(_ json: String) -> Result<[LiveWebhook], DecodingProblem> {
        ResponseDecoding.webhookList(Data(json.utf8))
    }

    private func date(_ text: String) -> Date { ISO8601Timestamp.parse(text)! }

    @Test func documentedListExampleDecodesWithoutItsSecret() throws {
        let json = """
            {"webhooks": [{"id": "wh_abc123", "url": "https://your-server.com/webhook",
              "events": ["pageview", "event", "goal"], "secret": "whsec_xyz789", "active": true,
              "createdAt": "2024-12-01T10:00:00.000Z", "lastTriggered": "2024-12-12T15:30:00.000Z"}]}
            """
        let webhooks = try list(json).get()
        #expect(webhooks == [LiveWebhook(
            id: "wh_abc123", url: "https://your-server.com/webhook", events: ["pageview", "event", "goal"],
            active: true, createdAt: Date(timeIntervalSince1970: 1_733_047_200),
            lastTriggered: Date(timeIntervalSince1970: 1_734_017_400))])
        // The secret is not decoded, so it cannot be anywhere in the value.
        #expect(!String(reflecting: webhooks).contains("whsec_"))
    }

    @Test func quirksAreTolerated() throws {
        let json = """
            {"webhooks": [{"id": "wh_1", "url": "https://a.example/x", "events": ["alert"],
              "createdAt": "2024-12-01T10:00:00Z", "lastTriggered": null, "description": "x",
              "deliveryStats": {"ok": 3}, "version": 7}], "nextCursor": null}
            """
        let webhook = try #require(try list(json).get().first)
        #expect(webhook.active == true)
        #expect(webhook.createdAt == Date(timeIntervalSince1970: 1_733_047_200))
        #expect(webhook.lastTriggered == nil)
    }

    @Test func bareArrayAndMissingTimestampsAreAccepted() throws {
        let webhooks = try list(#"[{"id": "wh_1", "url": "https://a.example/x", "events": [], "active": false}]"#).get()
        #expect(webhooks == [LiveWebhook(id: "wh_1", url: "https://a.example/x", events: [], active: false)])
        #expect(try list(#"{"webhooks": []}"#).get().isEmpty)
    }

    @Test func problemsNameTheFieldAndNeverQuoteTheBody() {
        #expect(list(#"{"webhooks": [{"url": "https://a.example", "events": [], "secret": "whsec_leak"}]}"#)
            == .failure(DecodingProblem(description: "field 'webhooks[0].id' is missing")))
        #expect(list(#"{"webhooks": [{"id": "wh_1", "url": "https://a.example", "events": "alert"}]}"#)
            == .failure(DecodingProblem(description: "field 'webhooks[0].events' is not a list")))
        #expect(list(#"{"webhooks": [{"id": "wh_1", "url": "https://a.example", "events": [], "createdAt": "yesterday"}]}"#)
            == .failure(DecodingProblem(description: "field 'webhooks[0].createdAt' is not an ISO 8601 timestamp")))
        #expect(list("<html>whsec_leak</html>") == .failure(DecodingProblem(description: "the answer is not valid JSON")))
        #expect(list(#"{"items": []}"#) == .failure(DecodingProblem(description: "field 'webhooks' is missing")))
    }

    @Test func createdWebhookCarriesTheSecret() throws {
        let json = """
            {"webhook": {"id": "wh_abc123", "url": "https://your-server.com/webhook", "events": ["goal"],
              "secret": "whsec_xyz789", "active": true, "createdAt": "2024-12-12T16:00:00.000Z"}}
            """
        let created = try ResponseDecoding.createdWebhook(Data(json.utf8)).get()
        #expect(created.secret == "whsec_xyz789")
        #expect(created.webhook.id == "wh_abc123")
        #expect(created.webhook.createdAt == date("2024-12-12T16:00:00Z"))
        #expect(!String(describing: created).contains("whsec_xyz789"))
    }

    @Test func createdWebhookWithoutSecretIsAProblem() {
        let json = #"{"webhook": {"id": "wh_1", "url": "https://a.example", "events": ["goal"]}}"#
        #expect(throws: DecodingProblem(description: "field 'webhook.secret' is missing")) {
            try ResponseDecoding.createdWebhook(Data(json.utf8)).get()
        }
    }

    @Test(arguments: [
        ("2024-12-12T16:00:00.000Z", 1_734_019_200.0),
        ("2024-12-12T16:00:00Z", 1_734_019_200.0),
        ("2024-12-12T16:00:00.5Z", 1_734_019_200.5),
        ("2024-12-12T16:00:00.123456789Z", 1_734_019_200.123456789),
        ("2024-12-12T18:00:00+02:00", 1_734_019_200.0),
        ("2024-12-12T11:30:00-0430", 1_734_019_200.0),
        ("2024-12-12 16:00:00z", 1_734_019_200.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func timestampsParse(text: String, seconds: Double) throws {
        let parsed = try #require(ISO8601Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test(arguments: ["", "2024-12-12", "2024-12-12T16:00:00", "2024-13-01T00:00:00Z", "2024-12-12T16:00:00.Z",
                      "2024-12-12T16:00:00Zjunk", "12/12/2024 16:00"])
    func badTimestampsAreRejected(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test func serverMessagesAreQuotedScrubbedAndShort() {
        #expect(ResponseDecoding.serverMessage(Data(#"{"error": "Access denied"}"#.utf8)) == "Access denied")
        #expect(ResponseDecoding.serverMessage(Data(#"{"error": {"message": "nope"}}"#.utf8)) == "nope")
        #expect(ResponseDecoding.serverMessage(Data(#"{"message": "busy"}"#.utf8)) == "busy")
        #expect(ResponseDecoding.serverMessage(Data("<html>502</html>".utf8)) == nil)
        #expect(ResponseDecoding.serverMessage(Data(#"{"error": "bad secret whsec_abc123, try again"}"#.utf8))
            == "bad secret <redacted>, try again")
        let long = String(repeating: "x", count: 1000)
        #expect(ResponseDecoding.serverMessage(Data(#"{"error": "\#(long)"}"#.utf8))?.count == 301)
    }
}
