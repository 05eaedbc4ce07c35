import Foundation
import Testing
import ZTASim

@Suite struct ListTests {
    @Test func emptySiteListsNoWebhooks() async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.list("site_abc123")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.text == #"{"webhooks":[]}"#)
        }
    }

    @Test func listShowsTheDocumentedFieldsWithoutSecretOrDescription() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.create(events: ["pageview", "goal"], description: "kept but never shown")
            let answer = try await sim.list("site_abc123")
            #expect(answer.status == 200)
            let item = try #require(answer.webhooks.first)
            #expect(Set(item.keys) == ["id", "url", "events", "active", "createdAt"])
            #expect(item["url"] as? String == "https://hooks.example.com/a")
            #expect(item["events"] as? [String] == ["pageview", "goal"])
            #expect(item["active"] as? Bool == true)
            #expect(!answer.text.contains("whsec_"))
            #expect(!answer.text.contains("never shown"))
        }
    }

    @Test func listOnlyShowsTheRequestedSite() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.create(site: "site_a", url: "https://a.example.com/")
            _ = try await sim.create(site: "site_b", url: "https://b.example.com/")
            let answer = try await sim.list("site_a")
            #expect(answer.webhooks.map { $0["url"] as? String } == ["https://a.example.com/"])
        }
    }

    @Test func lastTriggeredAppearsOnlyWhenSet() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.server.state.insert([
                SimWebhookSeed(siteId: "s", url: "https://a.example.com/", events: ["alert"], id: "wh_one"),
                SimWebhookSeed(
                    siteId: "s", url: "https://b.example.com/", events: ["alert"], id: "wh_two",
                    lastTriggered: "2024-12-12T15:30:00.000Z"),
            ])
            let items = try await sim.list("s").webhooks
            #expect(items.count == 2)
            #expect(items[0]["lastTriggered"] == nil)
            #expect(items[1]["lastTriggered"] as? String == "2024-12-12T15:30:00.000Z")
        }
    }

    @Test func secretsInListIsAQuirkSwitch() async throws {
        try await SimHarness.with(SimOptions(listIncludesSecrets: true)) { sim async throws in
            let created = try await sim.create()
            let secret = try #require(created.webhook["secret"] as? String)
            let item = try #require(try await sim.list("site_abc123").webhooks.first)
            #expect(item["secret"] as? String == secret)
        }
    }

    @Test(arguments: ["/api/webhooks", "/api/webhooks?siteId=", "/api/webhooks?other=1"])
    func missingSiteIdIsABadRequest(path: String) async throws {
        try await SimHarness.with { sim async throws in
            let answer = try await sim.send("GET", path)
            #expect(answer.status == 400)
            #expect(answer.text == #"{"error":"siteId is required"}"#)
        }
    }

    @Test func percentEncodedSiteIdIsDecoded() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.create(site: "site a+b")
            let answer = try await sim.send("GET", "/api/webhooks?siteId=site%20a%2Bb")
            #expect(answer.webhooks.count == 1)
        }
    }
}
