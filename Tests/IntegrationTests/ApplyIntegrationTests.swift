import Foundation
import Testing
import ZTAClient
import ZTAHooksCore
import ZTASim

struct ApplyIntegrationTests {
    @Test func applyOnACleanEmulatorCreatesEverythingAndKeepsEverySecret() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(5, webhooks: 3)
        let (plan, report) = try await fixture.apply(sites)
        #expect(plan.summary.create == 15)
        #expect(report.isSuccess)
        #expect(report.count(.create) == 15)
        #expect(try await fixture.expectConverged(sites) == [])
        #expect(try await fixture.plan(sites).hasChanges == false)
    }

    @Test func applyUnderServerErrorsRateLimitsAndLostAnswersConvergesWithoutDuplicates() async throws {
        let fixture = try await SandboxFixture.start(SimOptions(failRate: 0.15, dropAfterCommit: 0.2, seed: 42))
        defer { Task { await fixture.stop() } }
        await fixture.server.faults.update(SimFaultUpdate(rateLimitNext: 6, retryAfter: 1))
        let sites = SandboxFixture.sites(12, webhooks: 4)
        var runs = 0
        while runs < 12 {
            runs += 1
            let (plan, report) = try await fixture.apply(sites)
            let pending = try SecretsStore.read(path: fixture.secretsPath).unresolvedIntents
            if !plan.hasChanges && report.isSuccess && pending.isEmpty { break }
        }
        #expect(runs < 12, "did not converge in 11 runs")
        // The faults really happened: POSTs were dropped after commit and answered with 5xx.
        #expect(await fixture.server.stats.dropped(method: "POST") > 0)
        #expect(try await fixture.expectConverged(sites) == [])
    }

    @Test func replacingAllTenWebhooksOfAFullSiteNeverExceedsTheCap() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(1, webhooks: 10, events: [.alert])
        let seeds = sites[0].webhooks.map { SimWebhookSeed(siteId: sites[0].site, url: $0.url, events: ["goal"]) }
        _ = try await fixture.server.state.insert(seeds)
        let (plan, report) = try await fixture.apply(sites)
        #expect(plan.summary.replace == 10)
        #expect(plan.sites[0].actions.allSatisfy { $0.order == .deleteThenCreate })
        #expect(report.isSuccess)
        // The emulator refuses an 11th webhook with a 400: none was answered.
        #expect(await fixture.server.stats.count(method: "POST", status: 400) == 0)
        #expect(try await fixture.expectConverged(sites) == [])
    }

    @Test func aReplaceWithRoomCreatesBeforeItDeletes() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(1, webhooks: 2, events: [.alert])
        _ = try await fixture.server.state.insert([SimWebhookSeed(siteId: sites[0].site, url: sites[0].webhooks[0].url, events: ["goal"])])
        let (plan, report) = try await fixture.apply(sites)
        #expect(plan.sites[0].actions.map(\.kind) == [.replace, .create])
        #expect(plan.sites[0].actions[0].order == .createThenDelete)
        #expect(report.isSuccess)
        #expect(try await fixture.expectConverged(sites) == [])
    }

    @Test func aFailureOnOneSiteDoesNotStopTheOthers() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        var sites = SandboxFixture.sites(3, webhooks: 2)
        // The emulator refuses a URL that is not https: a 400 on that site only.
        sites[1].webhooks[0].url = "http://plain.example.com/x"
        let (_, report) = try await fixture.apply(sites)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.siteId == "site_it1")
        #expect(report.failures.first?.message.contains("URL must use HTTPS") == true)
        #expect(report.count(.create) == 4)
    }

    @Test func noSecretReachesAnyReportOrPlanText() async throws {
        let fixture = try await SandboxFixture.start(SimOptions(dropAfterCommit: 0.3, seed: 9))
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(4, webhooks: 3)
        let (plan, report) = try await fixture.apply(sites)
        let texts = [
            PlanTextRenderer.render(plan), PlanMarkdownRenderer.render(plan), PlanJSONRenderer.render(plan),
            "\(report)", String(describing: try SecretsStore.read(path: fixture.secretsPath)),
        ]
        for secret in await fixture.server.state.webhooks.map(\.secret) {
            for text in texts { #expect(!text.contains(secret)) }
        }
    }

    @Test func entriesOfWebhooksThatAreGoneAreRetiredWithTheirSecrets() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let sites = SandboxFixture.sites(1, webhooks: 1)
        _ = try await fixture.apply(sites)
        // As if an earlier run was killed between a DELETE and its record.
        let store = try SecretsStore.open(path: fixture.secretsPath)
        let intent = CreateIntent(intentId: "i-gone", siteId: sites[0].site, name: "gone", url: "https://gone.example.com/",
                                  events: ["goal"], startedAt: "2026-01-01T00:00:00.000Z")
        try await store.recordIntent(intent)
        try await store.recordCreated(SecretEntry(siteId: sites[0].site, name: "gone", id: "wh_gone", url: intent.url,
                                                  events: ["goal"], secret: "whsec_gone", createdAt: nil), intentId: "i-gone")
        try await store.close()
        #expect(try SecretsStore.read(path: fixture.secretsPath).entry(id: "wh_gone") != nil)

        let (plan, report) = try await fixture.apply(sites)
        #expect(!plan.hasChanges)
        #expect(report.isSuccess)
        let after = try SecretsStore.read(path: fixture.secretsPath)
        #expect(after.entry(id: "wh_gone") == nil)
        #expect(after.retiredEntry(id: "wh_gone")?.entry.secret == "whsec_gone")
        #expect(after.retiredEntry(id: "wh_gone")?.reason == "no longer listed by the API")
        #expect(try await fixture.expectConverged(sites) == [])
    }
}
