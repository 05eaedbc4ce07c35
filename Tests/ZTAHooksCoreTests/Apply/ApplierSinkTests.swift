import Foundation
import Testing
@testable import ZTAHooksCore

/// `--on-secret` and `--on-delete` in the Applier, with a hand-written sink: a new secret reaches
/// the sink only once durable, and the webhook it replaces goes only after the sink succeeded.
struct ApplierSinkTests {
    /// Records what it was given and what the world looked like at that moment.
    actor FakeSink: SecretSink {
        struct Call: Hashable {
            var webhook: SinkWebhook
            var secret: String?
            /// The secrets file's entry for the webhook when the sink ran, secret included.
            var durable: SecretEntry?
            /// Live ids of the site when the sink ran.
            var live: [String]
        }

        private(set) var calls: [Call] = []
        /// The next this-many calls fail.
        var failures: Int
        let store: SecretsStore
        let api: FakeWebhookAPI

        init(store: SecretsStore, api: FakeWebhookAPI, failures: Int = 0) {
            self.store = store
            self.api = api
            self.failures = failures
        }

        func failNext(_ count: Int) { failures = count }

        func run(for webhook: SinkWebhook, secret: String?) async throws(SinkFailure) {
            let durable = await store.snapshot.entries.first { $0.id == webhook.id }
            let live = (await api.webhooks[webhook.siteId] ?? []).map(\.id)
            calls.append(Call(webhook: webhook, secret: secret, durable: durable, live: live))
            if failures > 0 {
                failures -= 1
                throw SinkFailure("vault unreachable")
            }
        }
    }

    static func site(events: [EventType]) -> SiteFile {
        SiteFile(path: "shop.yaml", site: "site_shop", webhooks: [
            DeclaredWebhook(name: "alerts", url: "https://hooks.example.com/alerts", events: events,
                            location: SourceLocation(file: "shop.yaml", line: 1, column: 1)),
        ])
    }

    private func plan(_ site: SiteFile, api: FakeWebhookAPI, store: SecretsStore) async -> (Plan, [String: [LiveWebhook]]) {
        let live = await api.webhooks
        let plan = Planner.plan(sites: [site], live: [site.site: .success(live[site.site] ?? [])], secrets: await store.snapshot)
        return (plan, live)
    }

    private func apply(_ site: SiteFile, api: FakeWebhookAPI, store: SecretsStore, sinks: SecretSinks) async -> (Plan, ApplyReport) {
        let (plan, live) = await plan(site, api: api, store: store)
        let counter = IntentCounter()
        let applier = Applier(api: api, secrets: store, now: { Date(timeIntervalSince1970: 0) }, makeIntentID: { counter.next() }, sinks: sinks)
        return (plan, await applier.apply(plan, live: live))
    }

    /// A store holding one webhook `alerts` created without sinks: [alert], id wh_1.
    private func seeded() async throws -> (FakeWebhookAPI, SecretsStore) {
        let api = FakeWebhookAPI()
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply(Self.site(events: [.alert]), api: api, store: store, sinks: .none)
        #expect(report.isSuccess)
        return (api, store)
    }

    @Test func aReplaceHandsTheDurableSecretOffBeforeDeletingTheOldWebhook() async throws {
        let (api, store) = try await seeded()
        let sink = FakeSink(store: store, api: api)
        let forget = FakeSink(store: store, api: api)
        let (_, report) = await apply(Self.site(events: [.alert, .goal]), api: api, store: store,
                                      sinks: SecretSinks(onSecret: sink, onDelete: forget))

        #expect(report.isSuccess)
        let call = try #require(await sink.calls.first)
        #expect(await sink.calls.count == 1)
        #expect(call.webhook == SinkWebhook(siteId: "site_shop", name: "alerts", id: "wh_2", url: "https://hooks.example.com/alerts",
                                            events: ["alert", "goal"], replaces: "wh_1"))
        #expect(call.secret == "whsec_fake2")
        // Durable first, marked as waiting; the old webhook still live while the sink ran.
        #expect(call.durable?.secret == "whsec_fake2" && call.durable?.handedOff == false)
        #expect(call.live == ["wh_1", "wh_2"])
        // Then the delete, then `--on-delete` without a secret, after the webhook is gone.
        #expect(await forget.calls.map(\.webhook.id) == ["wh_1"])
        #expect(await forget.calls.first?.secret == nil)
        #expect(await forget.calls.first?.live == ["wh_2"])
        #expect(await api.calls.filter { !$0.hasPrefix("GET") }.suffix(2) == ["POST site_shop https://hooks.example.com/alerts", "DELETE wh_1"])
        let entries = await store.snapshot.entries
        #expect(entries.map(\.id) == ["wh_2"])
        #expect(entries.first?.handedOff == nil)
        // The new entry names the webhook it replaced; the report says how long both were live.
        #expect(entries.first?.replaces == "wh_1")
        #expect(await store.snapshot.retired.map(\.entry.id) == ["wh_1"])
        #expect(report.overlaps.map(\.overlap.newId) == ["wh_2"] && report.overlaps.map(\.overlap.oldId) == ["wh_1"])
        #expect(report.overlaps.first?.overlap.sentence == "https://hooks.example.com/alerts: wh_2 and wh_1 both delivered for 0.0 s")
        #expect(ApplySummary.render(report, secretsPath: "s.json", handedOff: true)
            .contains("\n  ~ site_shop: https://hooks.example.com/alerts: wh_2 and wh_1 both delivered for 0.0 s"))
        try await store.close()
    }

    @Test func aFailingSinkLeavesBothLiveAndTheNextApplyHandsOffThenDeletes() async throws {
        let (api, store) = try await seeded()
        let sink = FakeSink(store: store, api: api, failures: 1)
        let declared = Self.site(events: [.alert, .goal])
        let (_, first) = await apply(declared, api: api, store: store, sinks: SecretSinks(onSecret: sink))

        #expect(!first.isSuccess)
        #expect(first.failures.first?.message.contains("--on-secret failed: vault unreachable; wh_1 stays live") == true)
        #expect(await api.webhooks["site_shop"]?.map(\.id) == ["wh_1", "wh_2"])
        #expect(await store.snapshot.entries.map(\.id).sorted() == ["wh_1", "wh_2"])
        #expect(await store.snapshot.entry(id: "wh_2")?.awaitsHandOff == true)

        // The planner keeps the new webhook and deletes the old one, never the other way round.
        let (replan, _) = await plan(declared, api: api, store: store)
        #expect(replan.sites[0].actions.map(\.kind) == [.delete])
        #expect(replan.sites[0].actions.first?.liveID == "wh_1")
        #expect(replan.sites[0].unchanged.map(\.id) == ["wh_2"])

        let (_, second) = await apply(declared, api: api, store: store, sinks: SecretSinks(onSecret: sink))
        #expect(second.isSuccess)
        let calls = await sink.calls
        #expect(calls.map(\.webhook.id) == ["wh_2", "wh_2"])
        // The second hand-off ran while the old webhook was still live: it went only afterwards.
        #expect(calls.last?.live == ["wh_1", "wh_2"])
        #expect(await api.webhooks["site_shop"]?.map(\.id) == ["wh_2"])
        #expect(await store.snapshot.entries.map(\.id) == ["wh_2"])
        #expect(await store.snapshot.entry(id: "wh_2")?.handedOff == nil)
        try await store.close()
    }

    @Test func aDeleteThatFailsAfterTheHandOffKeepsTheEntryPendingUntilTheOldOneIsGone() async throws {
        let (api, store) = try await seeded()
        let sink = FakeSink(store: store, api: api)
        await api.set { $0.failingDeletes = ["wh_1"] }
        let declared = Self.site(events: [.alert, .goal])
        let (_, first) = await apply(declared, api: api, store: store, sinks: SecretSinks(onSecret: sink))
        #expect(!first.isSuccess)
        // Handed off, but the old webhook is live: a kill here looks the same to the next run.
        #expect(await store.snapshot.entry(id: "wh_2")?.awaitsHandOff == true)

        await api.set { $0.failingDeletes = [] }
        let (_, second) = await apply(declared, api: api, store: store, sinks: SecretSinks(onSecret: sink))
        #expect(second.isSuccess)
        #expect(await sink.calls.map(\.webhook.id) == ["wh_2", "wh_2"])
        #expect(await api.webhooks["site_shop"]?.map(\.id) == ["wh_2"])
        #expect(await store.snapshot.entry(id: "wh_2")?.handedOff == nil)
        try await store.close()
    }

    @Test func aPendingHandOffWithoutASinkChangesNothingOfItsSite() async throws {
        let (api, store) = try await seeded()
        let declared = Self.site(events: [.alert, .goal])
        _ = await apply(declared, api: api, store: store, sinks: SecretSinks(onSecret: FakeSink(store: store, api: api, failures: 1)))
        let callsBefore = await api.calls.count

        let (_, report) = await apply(declared, api: api, store: store, sinks: .none)
        #expect(!report.isSuccess)
        #expect(report.sinkFailures.first?.message.contains("no --on-secret") == true)
        #expect(report.skipped == 1)
        #expect(await api.calls.count == callsBefore)
        #expect(await api.webhooks["site_shop"]?.map(\.id) == ["wh_1", "wh_2"])
        try await store.close()
    }

    @Test func aFailingOnDeleteKeepsTheEntryAndTheNextApplyTellsItAgain() async throws {
        let (api, store) = try await seeded()
        let forget = FakeSink(store: store, api: api, failures: 1)
        let gone = SiteFile(path: "shop.yaml", site: "site_shop", prune: true, webhooks: [])
        let (_, first) = await apply(gone, api: api, store: store, sinks: SecretSinks(onDelete: forget))
        #expect(!first.isSuccess)
        #expect(first.failures.first?.message.contains("--on-delete failed: vault unreachable") == true)
        #expect(await api.webhooks["site_shop"] == [])
        #expect(await store.snapshot.entries.map(\.id) == ["wh_1"])

        let (_, second) = await apply(gone, api: api, store: store, sinks: SecretSinks(onDelete: forget))
        #expect(second.isSuccess)
        #expect(await forget.calls.map(\.webhook.id) == ["wh_1", "wh_1"])
        #expect(await forget.calls.map(\.webhook.name) == ["alerts", "alerts"])
        #expect(await store.snapshot.entries.isEmpty)
        try await store.close()
    }
}
