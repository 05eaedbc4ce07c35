import Foundation
import Testing
import ZTAClient
import ZTAHooksCore
import ZTASim

/// The client against the emulator's injected faults.
@Suite struct SimFaultTests {
    private let alerts = CreateWebhookRequest(siteId: "site_a", url: "https://hooks.example.com/zta/alerts", events: ["alert"])

    @Test func getRecoversFromAServerErrorBurst() async throws {
        try await SimClientHarness.with { sim in
            _ = try await sim.client.createWebhook(alerts)
            await sim.faults(SimFaultUpdate(failNext: 3, failStatus: 503))
            #expect(try await sim.client.listWebhooks(site: "site_a").count == 1)
            #expect(await sim.server.stats.count(method: "GET", status: 503) == 3)
            #expect(await sim.server.stats.count(method: "GET", status: 200) == 1)
            #expect(sim.sleeps.all.count == 3)
        }
    }

    @Test func getGivesUpAfterTheRetryBudget() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(failNext: 10))
            let error = await expectFailure { () throws(APIError) in try await sim.client.listWebhooks(site: "site_a") }
            #expect(error == .server(status: 500, message: "Internal server error", context: "listing webhooks of site site_a"))
            #expect(await sim.server.stats.count(method: "GET") == 4)
        }
    }

    @Test func deleteRecoversFromAServerErrorBurst() async throws {
        try await SimClientHarness.with { sim in
            let created = try await sim.client.createWebhook(alerts)
            await sim.faults(SimFaultUpdate(failNext: 2, failStatus: 502))
            try await sim.client.deleteWebhook(id: created.webhook.id, site: "site_a")
            #expect(await sim.server.state.webhooks.isEmpty)
            #expect(await sim.server.stats.count(method: "DELETE") == 3)
        }
    }

    @Test func postIsNotRetriedAfterAServerError() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(failNext: 1))
            let error = await expectFailure { () throws(APIError) in try await sim.client.createWebhook(alerts) }
            #expect(error == .outcomeUnknown(
                message: "the server answered 500 Internal Server Error: \"Internal server error\" and may have stored it",
                context: "creating webhook https://hooks.example.com/zta/alerts on site site_a"))
            #expect(await sim.server.stats.count(method: "POST") == 1)
        }
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(rateLimitNext: 2, retryAfter: 3))
            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed.isEmpty)
            #expect(sim.sleeps.all == [.seconds(3), .seconds(3)])
            #expect(await sim.server.stats.count(method: "GET", status: 429) == 2)
        }
    }

    @Test func rateLimitedCreateIsRetriedOnce() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(rateLimitNext: 1, retryAfter: 1))
            let created = try await sim.client.createWebhook(alerts)
            #expect(sim.sleeps.all == [.seconds(1)])
            // The 429 was not processed, so exactly one webhook exists.
            #expect(await sim.server.state.webhooks.map(\.id) == [created.webhook.id])
        }
    }

    @Test func rateLimitBeyondTheBudgetIsReported() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(rateLimitNext: 10, retryAfter: 1))
            let error = await expectFailure { () throws(APIError) in try await sim.client.listWebhooks(site: "site_a") }
            #expect(error?.message == "listing webhooks of site site_a: rate limited (429) and retries exhausted; lower --concurrency or try later")
        }
    }

    @Test func stalledGetTimesOutAndIsRetried() async throws {
        // A deadline long enough that the retry itself cannot miss it on a busy machine.
        try await SimClientHarness.with(configure: { $0.timeout = .seconds(1) }) { sim in
            await sim.faults(SimFaultUpdate(stallNext: 1, stallSeconds: 4))
            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed.isEmpty)
            #expect(sim.sleeps.all.count == 1)
        }
    }

    @Test func stalledGetBeyondTheBudgetIsATransportError() async throws {
        try await SimClientHarness.with(configure: { $0.timeout = .milliseconds(200); $0.maxAttempts = 2 }) { sim in
            await sim.faults(SimFaultUpdate(stallNext: 2, stallSeconds: 2))
            let error = await expectFailure { () throws(APIError) in try await sim.client.listWebhooks(site: "site_a") }
            #expect(error == .transport(message: "no answer from 127.0.0.1:\(sim.server.port) within 0.2 seconds (2 attempts)",
                                        context: "listing webhooks of site site_a"))
        }
    }

    @Test func stalledCreateIsAnUnknownOutcome() async throws {
        try await SimClientHarness.with(configure: { $0.timeout = .milliseconds(300) }) { sim in
            await sim.faults(SimFaultUpdate(stallNext: 1, stallSeconds: 1))
            let error = await expectFailure { () throws(APIError) in try await sim.client.createWebhook(alerts) }
            #expect(error == .outcomeUnknown(message: "no answer from 127.0.0.1:\(sim.server.port) within 0.3 seconds",
                                             context: "creating webhook https://hooks.example.com/zta/alerts on site site_a"))
        }
    }

    @Test func droppedCreateIsAnUnknownOutcomeAndTheWebhookExists() async throws {
        try await SimClientHarness.with { sim in
            await sim.faults(SimFaultUpdate(dropNextCreates: 1))
            let error = await expectFailure { () throws(APIError) in try await sim.client.createWebhook(alerts) }
            guard case .outcomeUnknown(_, let context) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(context == "creating webhook https://hooks.example.com/zta/alerts on site site_a")
            #expect(await sim.server.stats.count(method: "POST") == 1)
            // What the apply layer does next: list again, and find the webhook the server kept.
            let listed = try await sim.client.listWebhooks(site: "site_a")
            #expect(listed.map(\.url) == [alerts.url])
            #expect(await sim.server.state.webhooks.count == 1)
        }
    }

    @Test func aCreateDroppedOnAReusedConnectionIsNotSentAgainBehindTheClientsBack() async throws {
        try await SimClientHarness.with { sim in
            // The listing leaves a kept-alive connection, which the create then reuses.
            _ = try await sim.client.listWebhooks(site: "site_a")
            await sim.faults(SimFaultUpdate(dropNextCreates: 1))
            let error = await expectFailure { () throws(APIError) in try await sim.client.createWebhook(alerts) }
            guard case .outcomeUnknown = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            // libcurl resends a request whose reused connection died without an answer: for this
            // POST that would have been a second webhook, with the first one's secret never seen.
            #expect(await sim.server.stats.count(method: "POST") == 1)
            #expect(await sim.server.state.webhooks.count == 1)
        }
    }

    @Test func randomFaultsAreSurvivedByIdempotentCalls() async throws {
        try await SimClientHarness.with(SimOptions(tokens: [SimClientHarness.token: ["site_a"]], failRate: 0.3, seed: 7),
                                        configure: { $0.maxAttempts = 8 }) { sim in
            for _ in 0..<20 {
                let listed = try await sim.client.listWebhooks(site: "site_a")
                #expect(listed.isEmpty)
            }
        }
    }
}
