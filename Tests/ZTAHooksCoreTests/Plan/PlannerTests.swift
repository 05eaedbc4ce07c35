import Foundation
import Testing
@testable import ZTAHooksCore

/// Builds inputs for planner tests in a few words.
enum PlanFixtures {
    static let file = "sites/shop.yaml"
    static let site = "site_shop"

    static func declared(_ name: String, _ url: String, _ events: [EventType], description: String? = nil) -> DeclaredWebhook {
        DeclaredWebhook(name: name, url: url, events: events, description: description,
                        location: SourceLocation(file: file, line: 1, column: 1))
    }

    static func siteFile(_ webhooks: [DeclaredWebhook], prune: Bool = true, site: String = site) -> SiteFile {
        SiteFile(path: file, site: site, prune: prune, webhooks: webhooks)
    }

    static func live(_ id: String, _ url: String, _ events: [String], active: Bool = true, createdAt: TimeInterval = 0) -> LiveWebhook {
        LiveWebhook(id: id, url: url, events: events, active: active, createdAt: Date(timeIntervalSince1970: createdAt))
    }

    static func known(_ id: String, _ name: String, _ url: String, secret: String? = "whsec_test", site: String = site,
                      description: String? = nil, adopted: Bool? = nil) -> SecretEntry {
        SecretEntry(siteId: site, name: name, id: id, url: url, events: [], secret: secret, createdAt: nil,
                    adopted: adopted, description: description)
    }
}

struct PlannerTests {
    typealias F = PlanFixtures

    @Test func declaredAndNotLiveIsCreated() {
        let plan = Planner.planSite(F.siteFile([F.declared("ops", "https://a.example.com/x", [.alert])]),
                                    live: .success([]), secrets: .empty)
        #expect(plan.actions == [.create(CreateAction(name: "ops", url: "https://a.example.com/x",
                                                      events: [.alert], reasons: ["not live"]))])
        #expect(plan.unchanged.isEmpty)
    }

    @Test func liveAndNotDeclaredIsDeletedWhenPruning() {
        let live = [F.live("wh_1", "https://old.example.com/x", ["goal"])]
        let plan = Planner.planSite(F.siteFile([]), live: .success(live),
                                    secrets: SecretsSnapshot(entries: [F.known("wh_1", "old", "https://old.example.com/x")]))
        #expect(plan.actions.map(\.kind) == [.delete])
        #expect(plan.actions[0].name == "old")
        #expect(plan.actions[0].liveID == "wh_1")
        #expect(plan.actions[0].reasons == ["not declared in sites/shop.yaml"])
    }

    @Test func liveAndNotDeclaredIsUnmanagedWithoutPrune() {
        let live = [F.live("wh_1", "https://old.example.com/x", ["goal"])]
        let plan = Planner.planSite(F.siteFile([], prune: false), live: .success(live), secrets: .empty)
        #expect(plan.actions.isEmpty)
        #expect(plan.unmanaged.map(\.id) == ["wh_1"])
    }

    @Test func sameURLAndEventsIsUnchangedMatchingNormalisedURL() {
        let plan = Planner.planSite(
            F.siteFile([F.declared("ops", "HTTPS://A.Example.com:443/x", [.alert, .goal])]),
            live: .success([F.live("wh_1", "https://a.example.com/x", ["goal", "alert"])]),
            secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", "https://a.example.com/x")]))
        #expect(plan.actions.isEmpty)
        #expect(plan.unchanged == [UnchangedWebhook(name: "ops", id: "wh_1", url: "https://a.example.com/x", events: ["goal", "alert"])])
    }

    @Test func changedEventsAreAReplaceWithAReason() {
        let plan = Planner.planSite(
            F.siteFile([F.declared("ops", "https://a.example.com/x", [.pageview, .alert])]),
            live: .success([F.live("wh_1", "https://a.example.com/x", ["pageview", "goal"])]),
            secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", "https://a.example.com/x")]))
        #expect(plan.actions.count == 1)
        guard case .replace(let replace) = plan.actions[0] else {
            Issue.record("expected a replace, got \(plan.actions[0].kind)")
            return
        }
        #expect(replace.id == "wh_1")
        #expect(replace.reasons == ["events changed: +alert −goal"])
        #expect(replace.order == .createThenDelete)
        #expect(replace.currentEvents == ["pageview", "goal"])
    }

    @Test func disabledWebhookIsReplaced() {
        let plan = Planner.planSite(
            F.siteFile([F.declared("ops", "https://a.example.com/x", [.alert])]),
            live: .success([F.live("wh_1", "https://a.example.com/x", ["alert"], active: false)]),
            secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", "https://a.example.com/x")]))
        #expect(plan.actions.map(\.kind) == [.replace])
        #expect(plan.actions[0].reasons == [
            "disabled by ZTA after failed deliveries (active: false); re-creating is the only way to re-enable it",
        ])
    }

    @Test func duplicatesKeepTheBestMatchAndDeleteTheRest() {
        let url = "https://a.example.com/x"
        let live = [
            F.live("wh_old_disabled", url, ["alert"], active: false, createdAt: 1),
            F.live("wh_wrong_events", url, ["goal"], createdAt: 2),
            F.live("wh_good_unknown", url, ["alert"], createdAt: 3),
            F.live("wh_good_known", url, ["alert"], createdAt: 4),
        ]
        let plan = Planner.planSite(F.siteFile([F.declared("ops", url, [.alert])]), live: .success(live),
                                    secrets: SecretsSnapshot(entries: [F.known("wh_good_known", "ops", url)]))
        #expect(plan.unchanged.map(\.id) == ["wh_good_known"])
        #expect(Set(plan.actions.compactMap(\.liveID)) == ["wh_old_disabled", "wh_wrong_events", "wh_good_unknown"])
        #expect(plan.actions.allSatisfy { $0.kind == .delete && $0.reasons == ["duplicate of wh_good_known (same URL)"] })
    }

    @Test func secretLostInFlightIsReplacedAndSaysWhy() {
        let url = "https://a.example.com/x"
        let intent = CreateIntent(intentId: "i1", siteId: F.site, name: "ops", url: url, events: ["alert"], startedAt: "2026-01-01T00:00:00.000Z")
        let plan = Planner.planSite(F.siteFile([F.declared("ops", url, [.alert])]),
                                    live: .success([F.live("wh_orphan", url, ["alert"])]),
                                    secrets: SecretsSnapshot(entries: [], unresolvedIntents: [intent]))
        #expect(plan.actions.map(\.kind) == [.replace])
        #expect(plan.actions[0].reasons == [
            "created by an interrupted apply whose answer was lost: its secret is unknown, so it is re-created",
        ])
    }

    @Test func unknownSecretIsFlaggedNotChanged() {
        let url = "https://a.example.com/x"
        let plan = Planner.planSite(F.siteFile([F.declared("ops", url, [.alert])]),
                                    live: .success([F.live("wh_1", url, ["alert"])]), secrets: .empty)
        #expect(plan.actions.isEmpty)
        #expect(plan.unchanged.first?.flags == ["secret unknown; `ztahooks rotate site_shop/ops` mints a new one"])
    }

    @Test func changedDescriptionIsANoteOnly() {
        let url = "https://a.example.com/x"
        let plan = Planner.planSite(F.siteFile([F.declared("ops", url, [.alert], description: "new words")]),
                                    live: .success([F.live("wh_1", url, ["alert"])]),
                                    secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", url, description: "old words")]))
        #expect(plan.actions.isEmpty)
        #expect(plan.notes.count == 1)
        #expect(plan.notes[0].hasPrefix("ops: description differs from the one sent at creation"))
    }

    @Test func apiFailureBecomesTheSiteErrorAndNothingElse() {
        let plan = Planner.planSite(F.siteFile([F.declared("ops", "https://a.example.com/x", [.alert])]),
                                    live: .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site site_shop")),
                                    secrets: .empty)
        #expect(plan.actions.isEmpty)
        #expect(plan.error == "listing webhooks of site site_shop: access denied (403): \"Access denied\"; the token does not own this site")
    }

    @Test func unmanagedPlusDeclaredOverTheCapIsAnError() {
        let declared = (0..<9).map { F.declared("w\($0)", "https://a.example.com/\($0)", [.alert]) }
        let live = (0..<2).map { F.live("wh_u\($0)", "https://other.example.com/\($0)", ["goal"]) }
        let plan = Planner.planSite(F.siteFile(declared, prune: false), live: .success(live), secrets: .empty)
        #expect(plan.actions.isEmpty)
        #expect(plan.error?.hasPrefix("site site_shop would hold 11 webhooks (9 declared + 2 unmanaged with prune: false)") == true)
    }

    @Test func sitesNotDeclaredAreNeverTouched() {
        let plan = Planner.plan(
            sites: [F.siteFile([], site: "site_a")],
            live: ["site_a": .success([]), "site_b": .success([F.live("wh_b", "https://b.example.com/", ["goal"])])],
            secrets: .empty)
        #expect(plan.sites.map(\.siteId) == ["site_a"])
        #expect(!plan.hasChanges)
    }

    @Test func summaryCountsDeclaredUnchangedAndUnmanagedApart() {
        let url = "https://a.example.com/x"
        let plan = Planner.plan(
            sites: [F.siteFile([F.declared("ops", url, [.alert]), F.declared("new", "https://n.example.com/", [.goal])], prune: false)],
            live: [F.site: .success([F.live("wh_1", url, ["alert"]), F.live("wh_2", "https://u.example.com/", ["goal"])])],
            secrets: .empty)
        #expect(plan.summary == PlanSummary(sites: plan.sites))
        #expect(plan.summary.create == 1)
        #expect(plan.summary.unchanged == 1)
        #expect(plan.summary.unmanaged == 1)
    }

    @Test func fingerprintIgnoresOrderButSeesEveryChange() {
        let a = F.live("wh_1", "https://a.example.com/x", ["alert", "goal"])
        let b = F.live("wh_2", "https://b.example.com/x", ["goal"])
        #expect(LiveFingerprint.of([a, b]) == LiveFingerprint.of([b, a]))
        var disabled = a
        disabled.active = false
        #expect(LiveFingerprint.of([a, b]) != LiveFingerprint.of([disabled, b]))
        var moreEvents = b
        moreEvents.events.append("alert")
        #expect(LiveFingerprint.of([a, b]) != LiveFingerprint.of([a, moreEvents]))
    }
}
