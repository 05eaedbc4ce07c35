import Foundation
import Testing
import ZTAHooksCore
import ZTAJSON
import ZTASim

/// The emulator's answers, every kind of them, against the schemas of the contract.
struct SimContractTests {
    static let contract = APIContract.embedded

    private func check(_ answer: HTTPAnswer, _ schema: String, _ what: String) throws {
        let value = try #require(JSONValue(parsing: answer.body), "\(what): not JSON")
        #expect(Self.contract.check(value, against: schema) == [], "\(what)")
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(what): \(answer.header("Content-Type") ?? "no content type")")
    }

    @Test func everyAnswerConforms() async throws {
        try await SimHarness.with(SimOptions(tokens: ["tok": ["site_abc123"]], listIncludesSecrets: false)) { sim async throws in
            let created = try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "https://a.example/x", "events": ["goal", "alert"]}"#, token: "tok")
            try check(created, "WebhookCreated", "create")
            let id = try #require(JSONValue(parsing: created.body)?["webhook"]?["id"]?.stringValue)
            try check(try await sim.send("GET", "/api/webhooks?siteId=site_abc123", token: "tok"), "WebhookList", "list")
            try check(try await sim.send("GET", "/api/webhooks?siteId=site_other", token: "tok"), "Error", "403")
            try check(try await sim.send("GET", "/api/webhooks?siteId=site_abc123", token: "wrong"), "Error", "401")
            try check(try await sim.send("GET", "/api/webhooks", token: "tok"), "Error", "400 list")
            try check(try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "http://a.example/x", "events": ["goal"]}"#, token: "tok"), "Error", "400 http")
            try check(try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "https://a.example/y", "events": ["goal", "goal"]}"#, token: "tok"), "Error", "400 repeated")
            try check(try await sim.send("DELETE", "/api/webhooks?id=wh_nope", token: "tok"), "Error", "404")
            try check(try await sim.send("DELETE", "/api/webhooks?id=\(id)", token: "tok"), "WebhookDeleted", "delete")
            try check(try await sim.send("GET", "/api/webhooks?siteId=site_abc123", token: "tok"), "WebhookList", "list after delete")
        }
    }

    @Test func aListThatShowsSecretsStillConforms() async throws {
        try await SimHarness.with(SimOptions(listIncludesSecrets: true)) { sim async throws in
            _ = try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "https://a.example/x", "events": ["goal"]}"#)
            try check(try await sim.send("GET", "/api/webhooks?siteId=site_abc123"), "WebhookList", "list with secrets")
        }
    }

    /// The test-only fault that breaks the contract is caught by the same check.
    @Test func aBrokenAnswerIsCaught() async throws {
        try await SimHarness.with(SimOptions()) { sim async throws in
            _ = try await sim.send("POST", "/_sim/faults", json: #"{"contractBreak": true}"#)
            let answer = try await sim.send("POST", "/api/webhooks", json: #"{"siteId": "site_abc123", "url": "https://a.example/x", "events": ["goal"]}"#)
            let value = try #require(JSONValue(parsing: answer.body))
            #expect(Self.contract.check(value, against: "WebhookCreated").map(\.description) == [
                "webhook: misses the required field \"createdAt\"", "webhook.active: must be a boolean, found a string",
            ])
        }
    }
}
