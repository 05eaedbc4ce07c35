import Foundation
import Testing
import ZTAClient
import ZTAHooksCore
import ZTASim

/// The client against the emulator: every documented answer and error, and the quirks.
@Suite struct SimEndToEndTests {
    private let alerts = CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/zta/alerts",
                                              events: ["alert"], description: "ops channel")

    @Test func createListDeleteRoundTrip() async throws {
        try await SimClientHarness.with { sim in
            #expect(try await sim.client.listWebhooks(site: "site_a").isEmpty)

            let created = try await sim.client.createWebhook(alerts)
            #expect(created.secret.hasPrefix("whsec_"))
            #expect(created.webhook.id.hasPrefix("wh_"))
            #expect(created.webhook.url == alerts.url)
            #expect(created.webhook.events == ["alert"])
            #expect(created.webhook.active)
            #expect(created.webhook.createdAt != nil)

            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed == [created.webhook])
            #expect(try await sim.client.listWebhooks(site: "site_b").isEmpty)

            try await sim.client.deleteWebhook(id: created.webhook.id, site: "site_a")
            #expect(try await sim.client.listWebhooks(site: "site_a").isEmpty)
            #expect(await sim.server.state.webhooks.isEmpty)
        }
    }

    @Test func createAnswered201IsASuccess() async throws {
        try await SimClientHarness.with(SimOptions(tokens: [SimClientHarness.token: ["site_a"]], createStatus: 201)) { sim in
            let created = try await sim.client.createWebhook(alerts)
            #expect(created.secret.hasPrefix("whsec_"))
            #expect(await sim.server.state.webhooks.map(\.id) == [created.webhook.id])
        }
    }

    @Test func secretsInListAnswersAreDropped() async throws {
        try await SimClientHarness.with(SimOptions(tokens: [SimClientHarness.token: ["site_a"]], listIncludesSecrets: true)) { sim in
            let created = try await sim.client.createWebhook(alerts)
            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed.map(\.id) == [created.webhook.id])
            var dumped = ""
            dump(listed, to: &dumped)
            #expect(!dumped.contains(created.secret))
            #expect(!dumped.contains("whsec_"))
        }
    }

    @Test func seededTimestampsWithoutFractionsAndDisabledWebhooksDecode() async throws {
        try await SimClientHarness.with { sim in
            _ = try await sim.server.state.insert([
                SimWebhookSeed(siteId: "site_a", url: "https://a.example/x", events: ["goal", "pageview"], id: "wh_seeded",
                               active: false, createdAt: "2024-12-01T10:00:00Z", lastTriggered: "2024-12-12T15:30:00+00:00"),
            ])
            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed == [LiveWebhook(
                id: "wh_seeded", url: "https://a.example/x", events: ["goal", "pageview"], active: false,
                createdAt: Date(timeIntervalSince1970: 1_733_047_200), lastTriggered: Date(timeIntervalSince1970: 1_734_017_400))])
        }
    }

    @Test func disabledWebhookShowsInactive() async throws {
        try await SimClientHarness.with { sim in
            let created = try await sim.client.createWebhook(alerts)
            _ = try await sim.server.state.disable(id: created.webhook.id)
            #expect(try await sim.client.listWebhooks(site: "site_a").first?.active == false)
        }
    }

    @Test func wrongTokenIsUnauthorizedAndFatal() async throws {
        try await SimClientHarness.with { sim in
            let client = sim.client { $0.token = "tok_wrong_0000" }
            let error = await expectFailure { () throws(APIError) in try await client.listWebhooks(site: "site_a") }
            #expect(error == .unauthorized(message: "Unauthorized", context: "listing webhooks of site site_a"))
            #expect(error?.message == "listing webhooks of site site_a: the API refused the token (401): \"Unauthorized\"; check ZTA_API_TOKEN or --token-file")
            #expect(error?.isFatal == true)
            let anonymous = sim.client { $0.token = nil }
            #expect(await expectFailure { () throws(APIError) in try await anonymous.listWebhooks(site: "site_a") }?.isFatal == true)
        }
    }

    @Test func siteNotOwnedIsAccessDenied() async throws {
        try await SimClientHarness.with { sim in
            let error = await expectFailure { () throws(APIError) in try await sim.client.listWebhooks(site: "site_other") }
            #expect(error?.message == "listing webhooks of site site_other: access denied (403): \"Access denied\"; the token does not own this site")
            var create = alerts
            create.siteId = "site_other"
            let createError = await expectFailure { () throws(APIError) in try await sim.client.createWebhook(create) }
            #expect(createError == .accessDenied(message: "Access denied",
                                                 context: "creating webhook https://hooks.example.com/zta/alerts on site site_other"))
        }
    }

    @Test func unknownWebhookIsNotFound() async throws {
        try await SimClientHarness.with { sim in
            let error = await expectFailure { () throws(APIError) in try await sim.client.deleteWebhook(id: "wh_missing", site: "site_a") }
            #expect(error?.message == "deleting webhook wh_missing of site site_a: not found (404): \"Webhook not found\"")
        }
    }

    @Test func documentedBadRequestsQuoteTheServer() async throws {
        try await SimClientHarness.with { sim in
            func failure(_ request: CreateWebhookRequest) async -> String? {
                await expectFailure { () throws(APIError) in try await sim.client.createWebhook(request) }?.message
            }
            #expect(await failure(CreateWebhookRequest(siteId: "site_a", url: "http://hooks.example.com/x", events: ["alert"]))
                == "creating webhook http://hooks.example.com/x on site site_a: the API rejected the request (400): \"URL must use HTTPS\"")
            #expect(await failure(CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/x", events: ["invalid_event"]))
                == "creating webhook https://hooks.example.com/x on site site_a: the API rejected the request (400): \"Invalid event type: invalid_event\"")
            let six = ["pageview", "event", "goal", "alert", "session_end", "pageview"]
            #expect(await failure(CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/x", events: six))?
                .hasPrefix("creating webhook https://hooks.example.com/x on site site_a: the API rejected the request (400): ") == true)

            for index in 0..<10 {
                _ = try await sim.client.createWebhook(CreateWebhookRequest(siteId: "site_b", url: "https://h.example/\(index)", events: ["goal"]))
            }
            #expect(await failure(CreateWebhookRequest(siteId: "site_b", url: "https://h.example/10", events: ["goal"]))
                == "creating webhook https://h.example/10 on site site_b: the API rejected the request (400): \"Maximum 10 webhooks per site\"")
            #expect(try await sim.client.listWebhooks(site: "site_b").count == 10)
        }
    }

    @Test func listAllKeepsGoingPastAForbiddenSite() async throws {
        try await SimClientHarness.with { sim in
            _ = try await sim.client.createWebhook(alerts)
            let results = await sim.client.listAll(sites: ["site_a", "site_other", "site_b", "site_a"], concurrency: 2)
            #expect(results.count == 3)
            #expect((try? results["site_a"]?.get())?.count == 1)
            #expect((try? results["site_b"]?.get())?.isEmpty == true)
            guard case .failure(.accessDenied) = results["site_other"] else {
                Issue.record("expected access denied, got \(String(describing: results["site_other"]))")
                return
            }
        }
    }

    @Test func listAllWithABadTokenFailsEverySite() async throws {
        try await SimClientHarness.with { sim in
            let client = sim.client { $0.token = "tok_wrong_0000" }
            let sites = (0..<20).map { "site_\($0)" }
            let results = await client.listAll(sites: sites, concurrency: 4)
            #expect(results.count == 20)
            #expect(results.values.allSatisfy { result in
                if case .failure(let error) = result { return error.isFatal }
                return false
            })
            // Stopped early: far fewer than 20 requests reached the server.
            #expect(await sim.server.stats.count(method: "GET") < 20)
        }
    }
}
