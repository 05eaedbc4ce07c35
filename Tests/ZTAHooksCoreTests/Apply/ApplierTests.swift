import Foundation
import Testing
@testable import ZTAHooksCore

/// The Applier against an API in memory: deterministic, no HTTP.
struct ApplierTests {
    static func sites(_ count: Int, webhooks: Int) -> [SiteFile] {
        (0..<count).map { s in
            let site = "site_\(s)"
            let declared = (0..<webhooks).map { w in
                DeclaredWebhook(name: "hook-\(w)", url: "https://hooks.example.com/\(site)/\(w)", events: [.pageview],
                                location: SourceLocation(file: "\(site).yaml", line: 1, column: 1))
            }
            return SiteFile(path: "\(site).yaml", site: site, webhooks: declared)
        }
    }

    /// Plans against the fake's state and applies with a store on an in-memory disk.
    private func apply(_ sites: [SiteFile], api: FakeWebhookAPI, store: SecretsStore, stop: StopRequest = StopRequest(),
                       concurrency: Int = 8) async -> (Plan, ApplyReport) {
        var live: [String: Planner.LiveState] = [:]
        for site in sites { live[site.site] = .success((try? await api.listWebhooks(site: site.site)) ?? []) }
        let plan = Planner.plan(sites: sites, live: live, secrets: await store.snapshot)
        let counter = IntentCounter()
        let applier = Applier(api: api, secrets: store, concurrency: concurrency, now: { Date(timeIntervalSince1970: 0) },
                              makeIntentID: { counter.next() }, stop: stop)
        return (plan, await applier.apply(plan, live: live.compactMapValues { try? $0.get() }))
    }

    @Test func aStopLetsTheCreateInFlightFinishAndRecordItsSecretThenStartsNothing() async throws {
        let api = FakeWebhookAPI()
        let stop = StopRequest()
        await api.set { $0.beforeCreate = { _ in stop.request("SIGTERM") } }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply(Self.sites(3, webhooks: 3), api: api, store: store, stop: stop, concurrency: 1)

        #expect(report.stopped == "SIGTERM")
        #expect(!report.isSuccess)
        #expect(report.succeeded == 1)
        #expect(report.skipped == 8)
        #expect(report.sites.map(\.siteId) == ["site_0", "site_1", "site_2"])
        // The one create sent has its secret, and no intent is left hanging.
        let snapshot = await store.snapshot
        #expect(snapshot.entries.map(\.secret) == ["whsec_fake1"])
        #expect(snapshot.unresolvedIntents.isEmpty)
        #expect(await api.calls.filter { $0.hasPrefix("POST") }.count == 1)
        try await store.close()
    }

    @Test func aChainOfCreatesWritesEachSecretWithTheNextIntentInOneFsync() async throws {
        let api = FakeWebhookAPI()
        let io = SecretsFakeFileIO()
        let store = try SecretsStore.open(path: "/s/secrets.json", io: io)
        let syncsBefore = io.count(.sync)
        let (_, report) = await apply(Self.sites(1, webhooks: 10), api: api, store: store, concurrency: 1)

        #expect(report.succeeded == 10)
        // The first intent alone, then each secret together with the next create's intent:
        // 11 fsyncs where one commit per record took 20.
        #expect(io.count(.sync) - syncsBefore == 11)
        let snapshot = await store.snapshot
        #expect(snapshot.entries.count == 10)
        let issued = await api.secrets
        #expect(snapshot.entries.allSatisfy { $0.secret == issued[$0.id] })
        #expect(snapshot.unresolvedIntents.isEmpty)
        try await store.close()
    }

    @Test func anIntentWrittenAheadIsSettledWhenTheRunStopsBeforeItsCreate() async throws {
        let api = FakeWebhookAPI()
        let stop = StopRequest()
        // The stop arrives while the first POST is in flight: its secret is recorded together
        // with the second create's intent, and that second POST is never sent.
        await api.set { $0.beforeCreate = { _ in stop.request("SIGINT") } }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply(Self.sites(1, webhooks: 2), api: api, store: store, stop: stop, concurrency: 1)

        #expect(report.succeeded == 1)
        #expect(await api.calls.filter { $0.hasPrefix("POST") }.count == 1)
        #expect(await store.snapshot.unresolvedIntents.isEmpty)
        try await store.close()
    }

    @Test func aLostCreateAnswerDeletesTheOrphanAndCreatesAgainWithoutADuplicate() async throws {
        let api = FakeWebhookAPI()
        await api.set { $0.loseCreateAnswers = 2 }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply(Self.sites(1, webhooks: 1), api: api, store: store)

        #expect(report.isSuccess)
        let live = await api.webhooks["site_0"] ?? []
        #expect(live.count == 1)
        #expect(await store.snapshot.entries.map(\.id) == live.map(\.id))
        #expect(await store.snapshot.entries.first?.secret == api.secrets[live[0].id])
        #expect(await api.calls == [
            "GET site_0",  // the listing the plan was made from
            "POST site_0 https://hooks.example.com/site_0/0", "GET site_0", "DELETE wh_1",
            "POST site_0 https://hooks.example.com/site_0/0", "GET site_0", "DELETE wh_2",
            "POST site_0 https://hooks.example.com/site_0/0",
        ])
        try await store.close()
    }

    @Test func aStopAfterALostAnswerDoesNotCreateAgain() async throws {
        let api = FakeWebhookAPI()
        let stop = StopRequest()
        await api.set {
            $0.loseCreateAnswers = 1
            $0.beforeCreate = { _ in stop.request("SIGINT") }
        }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply(Self.sites(1, webhooks: 2), api: api, store: store, stop: stop)

        #expect(report.stopped == "SIGINT")
        #expect(report.failures.first?.message.contains("SIGINT arrived before trying again; not created") == true)
        #expect(await api.webhooks["site_0"]?.isEmpty ?? true)
        #expect(await store.snapshot.unresolvedIntents.isEmpty)
        try await store.close()
    }

    @Test func aFailingDeleteStopsItsSiteOnlyAndNamesTheAction() async throws {
        let stale = LiveWebhook(id: "wh_old", url: "https://old.example.com/x", events: ["goal"])
        let api = FakeWebhookAPI(["site_0": [stale], "site_1": [stale]])
        await api.set { $0.failingDeletes = ["wh_old"] }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (plan, report) = await apply(Self.sites(2, webhooks: 1), api: api, store: store)

        #expect(plan.summary.delete == 2)
        #expect(report.failures.count == 2)
        #expect(report.failures.allSatisfy { $0.action.kind == .delete && $0.message.contains("server error (503)") })
        // Deletes come first in a site's order, so each site stopped there: the creates were not attempted.
        #expect(report.skipped == 2)
        try await store.close()
    }

    @Test func aFullSiteIsReplacedDeleteFirstWithoutEverPassingTheCap() async throws {
        let full = (0..<10).map { LiveWebhook(id: "wh_live\($0)", url: "https://hooks.example.com/site_0/\($0)", events: ["goal"]) }
        let api = FakeWebhookAPI(["site_0": full])
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (plan, report) = await apply(Self.sites(1, webhooks: 10), api: api, store: store)

        #expect(plan.summary.replace == 10)
        #expect(report.isSuccess, "\(report.failures.map(\.message))")
        #expect(await api.webhooks["site_0"]?.count == 10)
        #expect(await store.snapshot.entries.count == 10)
        try await store.close()
    }
}

/// Intent ids in order: int_1, int_2, ...
final class IntentCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> String {
        lock.withLock {
            count += 1
            return "int_\(count)"
        }
    }

    @Test func intentIdsAreDistinctLowercaseVersion4UUIDs() throws {
        let ids = (0..<2000).map { _ in Applier.randomIntentID() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(200) {
            let uuid = try #require(UUID(uuidString: id))
            #expect(id == id.lowercased())
            #expect(uuid.uuid.6 >> 4 == 4)
            #expect(uuid.uuid.8 >> 6 == 0b10)
        }
    }
}
