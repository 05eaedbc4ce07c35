import Foundation
import Testing
import ZTASim

@Suite struct ControlTests {
    @Test func stateShowsEverythingIncludingSecretsAndDescriptions() async throws {
        try await SimHarness.with { sim async throws in
            let created = try await sim.create(site: "site_x", description: "ops")
            let answer = try await sim.send("GET", "/_sim/state")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            let item = try #require(answer.webhooks.first)
            #expect(Set(item.keys) == [
                "siteId", "id", "url", "events", "secret", "active", "createdAt", "lastTriggered", "description",
            ])
            #expect(item["siteId"] as? String == "site_x")
            #expect(item["secret"] as? String == created.webhook["secret"] as? String)
            #expect(item["description"] as? String == "ops")
            #expect(item["lastTriggered"] is NSNull)
        }
    }

    @Test func seedInsertsOneOrManyAndFillsTheGaps() async throws {
        try await SimHarness.with { sim async throws in
            let one = try await sim.send(
                "POST", "/_sim/seed", json: #"{"siteId":"s","url":"http://legacy.example.com/","events":["goal"]}"#)
            #expect(one.status == 200)
            let seeded = try #require(one.webhooks.first)
            #expect((seeded["id"] as? String)?.hasPrefix("wh_") == true)
            #expect((seeded["secret"] as? String)?.hasPrefix("whsec_") == true)
            #expect(seeded["active"] as? Bool == true)
            let many = try await sim.send("POST", "/_sim/seed", json: """
                [{"siteId":"s","url":"https://a.example.com/","events":["alert"],"id":"wh_fixed","secret":"whsec_known",
                  "active":false,"createdAt":"2024-12-01T10:00:00.000Z","lastTriggered":"2024-12-12T15:30:00.000Z",
                  "description":"seeded"},
                 {"siteId":"t","url":"https://b.example.com/","events":["pageview"]}]
                """)
            #expect(many.webhooks.count == 2)
            let listed = try await sim.list("s").webhooks
            #expect(listed.count == 2)
            let fixed = try #require(listed.first { $0["id"] as? String == "wh_fixed" })
            #expect(fixed["active"] as? Bool == false)
            #expect(fixed["createdAt"] as? String == "2024-12-01T10:00:00.000Z")
            #expect(fixed["lastTriggered"] as? String == "2024-12-12T15:30:00.000Z")
        }
    }

    @Test func seedRefusesDuplicateIdsAndIncompleteWebhooks() async throws {
        try await SimHarness.with { sim async throws in
            let body = #"{"siteId":"s","url":"https://a.example.com/","events":["goal"],"id":"wh_same"}"#
            #expect(try await sim.send("POST", "/_sim/seed", json: body).status == 200)
            let duplicate = try await sim.send("POST", "/_sim/seed", json: body)
            #expect(duplicate.status == 400)
            #expect(duplicate.error == "Webhook id already exists: wh_same")
            let incomplete = try await sim.send("POST", "/_sim/seed", json: #"{"siteId":"s"}"#)
            #expect(incomplete.status == 400)
            #expect(incomplete.error == "Seed a webhook object or a list of them, each with siteId, url and events")
            #expect(await sim.server.state.webhooks.count == 1)
        }
    }

    @Test func disableMakesAWebhookInactive() async throws {
        try await SimHarness.with { sim async throws in
            let id = try #require(try await sim.create().webhook["id"] as? String)
            let answer = try await sim.send("POST", "/_sim/disable?id=\(id)")
            #expect(answer.status == 200)
            #expect(try await sim.list("site_abc123").webhooks.first?["active"] as? Bool == false)
            let missing = try await sim.send("POST", "/_sim/disable?id=wh_missing")
            #expect(missing.status == 404)
            #expect(missing.error == "Webhook not found")
        }
    }

    @Test func resetClearsWebhooksStatsAndScripts() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.create()
            try await sim.setFaults(#"{"failNext": 3}"#)
            let answer = try await sim.send("POST", "/_sim/reset")
            #expect(answer.status == 200)
            #expect(answer.text == #"{"success":true}"#)
            #expect(await sim.server.state.webhooks.isEmpty)
            #expect(await sim.server.stats.snapshot.total == 0)
            #expect(try await sim.list("site_abc123").status == 200)
        }
    }

    @Test func statsCountAPIRequestsByMethodAndStatus() async throws {
        try await SimHarness.with { sim async throws in
            _ = try await sim.create()
            _ = try await sim.create(url: "http://insecure.example.com/")
            _ = try await sim.list("site_abc123")
            _ = try await sim.delete("wh_missing")
            _ = try await sim.send("GET", "/_sim/state")
            let answer = try await sim.send("GET", "/_sim/stats")
            #expect(answer.status == 200)
            let stats = try JSONDecoder().decode(SimStats.Snapshot.self, from: answer.body)
            #expect(stats == SimStats.Snapshot(
                total: 4, requests: ["POST": ["200": 1, "400": 1], "GET": ["200": 1], "DELETE": ["404": 1]]))
        }
    }

    @Test func unknownControlPathIsNotFound() async throws {
        try await SimHarness.with { sim async throws in
            #expect(try await sim.send("GET", "/_sim/nothing").status == 404)
            #expect(try await sim.send("DELETE", "/_sim/state").status == 405)
        }
    }
}
