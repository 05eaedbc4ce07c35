import Foundation
import Testing
import ZTAJSON
@testable import ZTAHooksCore

/// The contract the binary carries is the spec in the repository, and its check says where an
/// answer differs, never with what.
struct APIContractTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theEmbeddedSpecIsTheCommittedOne() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("schemas/zta-api.openapi.yaml"), encoding: .utf8)
        #expect(APIContract.specText + "\n" == committed, "run scripts/embed-texts")
        #expect(APIContract.embedded.schemaNames.contains("WebhookList"))
    }

    static func json(_ text: String) throws -> JSONValue {
        try #require(JSONValue(parsing: Array(text.utf8)))
    }

    /// The API document's own examples conform.
    @Test func theDocumentsExamplesConform() throws {
        let contract = APIContract.embedded
        let list = try Self.json(#"{"webhooks": [{"id": "wh_abc123", "url": "https://your-server.com/webhook", "events": ["pageview", "event", "goal"], "secret": "whsec_xyz789", "active": true, "createdAt": "2024-12-01T10:00:00.000Z", "lastTriggered": "2024-12-12T15:30:00.000Z"}]}"#)
        #expect(contract.check(list, against: "WebhookList") == [])
        let created = try Self.json(#"{"webhook": {"id": "wh_abc123", "url": "https://your-server.com/webhook", "events": ["pageview", "event", "goal"], "secret": "whsec_xyz789", "active": true, "createdAt": "2024-12-12T16:00:00Z"}}"#)
        #expect(contract.check(created, against: "WebhookCreated") == [])
        #expect(contract.check(try Self.json(#"{"success": true, "message": "Webhook deleted successfully"}"#), against: "WebhookDeleted") == [])
        #expect(contract.check(try Self.json(#"{"error": "Access denied", "extra": 1}"#), against: "Error") == [])
    }

    @Test func everyDifferenceIsNamedByItsPlaceWithoutTheValue() throws {
        let broken = try Self.json(#"""
            {"webhooks": [{"id": "wh_1", "url": "http://x.example/a", "events": ["goal", "goal", "nope"], "secret": "whsec_topsecret",
                           "active": "yes", "lastTriggered": null}]}
            """#)
        let violations = APIContract.embedded.check(broken, against: "WebhookList").map(\.description)
        #expect(violations == [
            "webhooks[0]: misses the required field \"createdAt\"",
            "webhooks[0].active: must be a boolean, found a string",
            "webhooks[0].events: must not hold the same item twice",
            "webhooks[0].events[2]: must be one of pageview, event, goal, alert, session_end",
            "webhooks[0].url: does not have the form the contract gives (pattern ^[Hh][Tt][Tt][Pp][Ss]://[^/?#\\s]+)",
        ])
        #expect(!violations.joined().contains("topsecret"))
        #expect(APIContract.embedded.check(.string("x"), against: "WebhookList").map(\.description) == ["(answer): must be an object, found a string"])
        #expect(APIContract.embedded.check(try Self.json(#"{"success": false, "message": "no"}"#), against: "WebhookDeleted").map(\.description)
            == ["success: must be true"])
    }
}
