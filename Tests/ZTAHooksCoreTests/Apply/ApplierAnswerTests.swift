import Foundation
import Testing
@testable import ZTAHooksCore

/// An API that answers wrongly never makes apply forget or overwrite a secret it recorded.
struct ApplierAnswerTests {
    static func site(_ urls: [String], site: String = "site_0") -> SiteFile {
        SiteFile(path: "\(site).yaml", site: site, webhooks: urls.enumerated().map { index, url in
            DeclaredWebhook(name: "hook-\(index)", url: url, events: [.goal], location: SourceLocation(file: "\(site).yaml", line: 1, column: 1))
        })
    }

    private func apply(_ sites: [SiteFile], api: FakeWebhookAPI, store: SecretsStore) async -> (Plan, ApplyReport) {
        var live: [String: Planner.LiveState] = [:]
        for site in sites { live[site.site] = .success((try? await api.listWebhooks(site: site.site)) ?? []) }
        let plan = Planner.plan(sites: sites, live: live, secrets: await store.snapshot)
        let counter = IntentCounter()
        let applier = Applier(api: api, secrets: store, concurrency: 1, now: { Date(timeIntervalSince1970: 0) },
                              makeIntentID: { counter.next() })
        return (plan, await applier.apply(plan, live: live.compactMapValues { try? $0.get() }))
    }

    @Test func aCreateAnsweredWithARecordedIDOverwritesNothingAndTheNextApplyConverges() async throws {
        let api = FakeWebhookAPI()
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let first = Self.site(["https://a.example/one"])
        _ = await apply([first], api: api, store: store)
        let kept = try #require(await store.snapshot.entries.first)

        // The API now answers every create with the first webhook's id.
        await api.set { $0.answerID = kept.id }
        let both = Self.site(["https://a.example/one", "https://a.example/two"])
        let (_, report) = await apply([both], api: api, store: store)
        #expect(!report.isSuccess)
        let failure = try #require(report.failures.first)
        #expect(failure.message.contains("answered the create of site_0/hook-1 with id \(kept.id), which is already recorded in the secrets file"))
        #expect(failure.message.contains("nothing was overwritten"))
        #expect(await store.snapshot.entries == [kept])
        // Its intent stays: the next plan replaces the webhook whose secret was not kept.
        #expect(await store.snapshot.unresolvedIntents.map(\.url) == ["https://a.example/two"])

        await api.set { $0.answerID = nil }
        let (plan, again) = await apply([both], api: api, store: store)
        #expect(plan.sites[0].actions.map(\.kind) == [.replace])
        #expect(again.isSuccess)
        let entries = await store.snapshot.entries
        #expect(Set(entries.map(\.url)) == ["https://a.example/one", "https://a.example/two"])
        #expect(entries.first { $0.id == kept.id } == kept)
        let live = try await api.listWebhooks(site: "site_0")
        #expect(live.count == 2)
        #expect(Set(live.map(\.id)) == Set(entries.map(\.id)))
    }

    @Test func twoAnswersWithOneIDInOneRunKeepTheFirstSecret() async throws {
        let api = FakeWebhookAPI()
        await api.set { $0.answerID = "wh_same" }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        // Two sites: the second answer's id was named by an answer to another site.
        let (_, report) = await apply([Self.site(["https://a.example/x"], site: "site_a"), Self.site(["https://a.example/y"], site: "site_b")],
                                      api: api, store: store)
        #expect(report.count(.create) == 1)
        #expect(report.failures.count == 1)
        let entries = await store.snapshot.entries
        #expect(entries.map(\.id) == ["wh_same"])
        #expect(entries.map(\.secret) == ["whsec_fake1"])
    }

    @Test func anAnswerWithAnotherURLIsRecordedAsAnsweredAndWarned() async throws {
        let api = FakeWebhookAPI()
        await api.set { $0.answerURLSuffix = "-moved" }
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let (_, report) = await apply([Self.site(["https://a.example/x"])], api: api, store: store)
        #expect(report.isSuccess)
        #expect(report.warnings.map(\.message) == [
            "hook-0: the API created wh_1 with the URL https://a.example/x-moved, not https://a.example/x as asked; "
                + "recorded as answered. The next plan compares it with the site file again",
        ])
        #expect(await store.snapshot.entries.map(\.url) == ["https://a.example/x-moved"])
        let json = ApplyJSONRenderer.render(report, command: "apply", secretsFile: "s.json", newIDs: [:])
        #expect(json.contains(#""message" : "hook-0: the API created wh_1 with the URL https://a.example/x-moved"#))
    }

    @Test func webhooksTheAPINoLongerListsAreRetiredNotErasedAndComeBackWhenListedAgain() async throws {
        let api = FakeWebhookAPI()
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let site = Self.site(["https://a.example/x", "https://a.example/y"])
        _ = await apply([site], api: api, store: store)
        let recorded = await store.snapshot.entries
        #expect(recorded.count == 2)

        // An API that lists nothing for the site (a wrong one, or one gone wrong).
        let saved = await api.webhooks
        await api.set { $0.webhooks = [:] }
        let listedNothing = await apply([Self.site([])], api: api, store: store)
        #expect(listedNothing.0.sites[0].retiring.map(\.id) == recorded.map(\.id))
        #expect(listedNothing.0.summary.retiring == 2)
        var snapshot = await store.snapshot
        #expect(snapshot.entries.isEmpty)
        #expect(snapshot.retired.map(\.entry) == recorded)
        #expect(snapshot.retired.allSatisfy { $0.reason == "no longer listed by the API" && $0.retiredAt == "1970-01-01T00:00:00.000Z" })

        // The right answer again: the plan knows both secrets, and apply restores them.
        await api.set { $0.webhooks = saved }
        let (plan, report) = await apply([site], api: api, store: store)
        #expect(plan.hasChanges == false)
        #expect(plan.sites[0].unchanged.allSatisfy { $0.flags.isEmpty })
        #expect(plan.sites[0].restoring.map(\.id) == recorded.map(\.id))
        #expect(report.isSuccess)
        snapshot = await store.snapshot
        #expect(snapshot.entries == recorded)
        #expect(snapshot.retired.isEmpty)
    }

    @Test func aDeleteAndAReplaceRetireTheirEntriesWithTheReason() async throws {
        let api = FakeWebhookAPI()
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        _ = await apply([Self.site(["https://a.example/x", "https://a.example/y"])], api: api, store: store)
        let before = await store.snapshot.entries
        var changed = Self.site(["https://a.example/x"])
        changed.webhooks[0].events = [.alert]
        _ = await apply([changed], api: api, store: store)
        let retired = await store.snapshot.retired
        let y = try #require(before.first { $0.url == "https://a.example/y" })
        let x = try #require(before.first { $0.url == "https://a.example/x" })
        let newX = try #require(await store.snapshot.entries.first)
        #expect(retired.first { $0.entry.id == y.id }?.reason == "deleted by apply")
        #expect(retired.first { $0.entry.id == x.id }?.reason == "replaced by \(newX.id)")
        #expect(retired.compactMap(\.entry.secret).sorted() == [x.secret, y.secret].compactMap { $0 }.sorted())
    }
}
