import Foundation
import Testing
@testable import ZTAHooksCore

/// Every finding kind from hand-built inputs, with the clock fixed at `DriftFixtures.now`.
struct DriftAnalyzerTests {
    typealias F = DriftFixtures

    private func kinds(_ drift: SiteDrift) -> [DriftFinding.Kind] { drift.findings.map(\.kind) }

    @Test func declaredNeverRecordedAndNotLiveIsAPendingCreate() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [])
        #expect(kinds(drift) == [.create])
        let finding = drift.findings[0]
        #expect(finding.findingClass == .pending)
        #expect(finding.name == "ops" && finding.id == nil && finding.events == ["alert"])
        #expect(finding.remedy == "run `ztahooks apply` (it creates it with a new secret)")
    }

    @Test func recordedAndGoneIsDeletedOutOfBand() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [], entries: [F.known("wh_gone", "ops", "ops")])
        #expect(kinds(drift) == [.deleted])
        #expect(drift.findings[0].findingClass == .outOfBand)
        #expect(drift.findings[0].id == "wh_gone")
        #expect(drift.findings[0].detail.contains("no longer live"))
        #expect(drift.findings[0].remedy.contains("ztahooks apply"))
    }

    @Test func eventsThatDifferFromARecordedWebhookAreAPendingReplace() {
        let drift = F.analyze(F.siteFile([F.declared("goals", "goals", [.goal, .pageview])]),
                              [F.live("wh_g", "goals", ["goal"])], entries: [F.known("wh_g", "goals", "goals", events: ["goal"])])
        #expect(kinds(drift) == [.replace])
        #expect(drift.findings[0].detail == "events changed: +pageview")
        #expect(drift.findings[0].remedy == "run `ztahooks apply` (it replaces it, create-then-delete)")
        #expect(drift.managed == 1 && drift.live == 1)
    }

    @Test func inactiveIsADisabledHealthFindingThatNamesTheReceiver() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]),
                              [F.live("wh_1", "ops", ["alert"], active: false)], entries: [F.known("wh_1", "ops", "ops")])
        #expect(kinds(drift) == [.disabled])
        #expect(drift.findings[0].findingClass == .health)
        #expect(drift.findings[0].remedy.hasPrefix("fix the receiver, then run `ztahooks apply` (it replaces it"))
    }

    @Test func unknownIdWithAnUnresolvedIntentIsASecretLostInFlight() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [F.live("wh_new", "ops", ["alert"])],
                              intents: [F.intent("ops", "ops")])
        #expect(kinds(drift) == [.secretLost])
        #expect(drift.findings[0].findingClass == .health)
        #expect(drift.findings[0].remedy.contains("it replaces it"))
    }

    @Test func unknownIdWhereAnotherWasRecordedIsReplacedByHand() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [F.live("wh_hand", "ops", ["alert"])],
                              entries: [F.known("wh_mine", "ops", "ops")])
        #expect(kinds(drift) == [.replaced])
        #expect(drift.findings[0].findingClass == .outOfBand)
        #expect(drift.findings[0].id == "wh_hand")
        #expect(drift.findings[0].detail.contains("wh_mine"))
        #expect(drift.findings[0].remedy.contains("`ztahooks rotate site_shop/ops`"))
    }

    @Test func unknownIdWithNoRecordAtAllIsUnrecorded() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [F.live("wh_x", "ops", ["alert"])])
        #expect(kinds(drift) == [.unrecorded])
        #expect(drift.findings[0].remedy.contains("`ztahooks import --site site_shop`"))
    }

    @Test func undeclaredLiveWebhooksArePendingDeletesStrangersOrLostCreates() {
        let live = [F.live("wh_old", "old", ["goal"]), F.live("wh_evil", "https://evil.example.net/c", ["pageview", "event"]),
                    F.live("wh_lost", "lost", ["alert"])]
        let drift = F.analyze(F.siteFile([]), live, entries: [F.known("wh_old", "old", "old")], intents: [F.intent("lost", "lost")])
        #expect(kinds(drift) == [.delete, .added, .secretLost])
        #expect(drift.findings[0].name == "old")
        #expect(drift.findings[0].remedy == "run `ztahooks apply` (it deletes it)")
        let stranger = drift.findings[1]
        #expect(stranger.findingClass == .outOfBand)
        #expect(stranger.url == "https://evil.example.net/c" && stranger.events == ["pageview", "event"])
        #expect(stranger.detail.contains("unknown receiver of this site's analytics"))
        #expect(drift.managed == 0 && drift.live == 3)
    }

    @Test func pruneFalseListsUndeclaredAsUnmanagedNotAsDrift() {
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])], prune: false),
                              [F.live("wh_1", "ops", ["alert"]), F.live("wh_theirs", "theirs", ["goal"])],
                              entries: [F.known("wh_1", "ops", "ops")])
        #expect(drift.findings.isEmpty)
        #expect(drift.unmanaged.map(\.id) == ["wh_theirs"])
    }

    @Test func extrasAtADeclaredURLAreFindingsToo() {
        let live = [F.live("wh_kept", "ops", ["alert"], age: 40), F.live("wh_dup", "ops", ["alert"], age: 20),
                    F.live("wh_stranger", "ops", ["alert"], age: 10)]
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), live,
                              entries: [F.known("wh_kept", "ops", "ops"), F.known("wh_dup", "ops", "ops")])
        #expect(kinds(drift) == [.delete, .added])
        #expect(drift.findings.map(\.id) == ["wh_dup", "wh_stranger"])
        #expect(drift.findings[1].detail.contains("URL of ops (wh_kept)"))
        #expect(drift.managed == 1 && drift.live == 3)
    }

    @Test func adoptedWebhooksAreListedNotFindings() {
        let drift = F.analyze(F.siteFile([F.declared("crm", "crm", [.goal])]), [F.live("wh_c", "crm", ["goal"])],
                              entries: [F.known("wh_c", "crm", "crm", events: ["goal"], adopted: true)])
        #expect(drift.findings.isEmpty)
        #expect(drift.adopted == [AdoptedWebhook(name: "crm", id: "wh_c", url: "\(F.hooks)/crm", events: ["goal"])])
        #expect(drift.managed == 1)
    }

    @Test func staleAfterFlagsQuietAndNeverTriggeredWebhooks() {
        let file = F.siteFile([F.declared("a", "a", [.alert]), F.declared("b", "b", [.alert]),
                               F.declared("c", "c", [.alert]), F.declared("d", "d", [.alert])])
        let live = [F.live("wh_a", "a", ["alert"], quiet: 10), F.live("wh_b", "b", ["alert"], age: 9, quiet: nil),
                    F.live("wh_c", "c", ["alert"], quiet: 1), F.live("wh_d", "d", ["alert"], active: false, quiet: 20)]
        let entries = ["a", "b", "c", "d"].map { F.known("wh_\($0)", $0, $0) }
        let drift = F.analyze(file, live, entries: entries, staleAfter: 7 * 86_400)
        // A disabled webhook is quiet because it is disabled: one finding, not two.
        #expect(kinds(drift) == [.stale, .neverTriggered, .disabled])
        #expect(drift.findings[0].detail == "last triggered 2025-02-19T00:00:00.000Z, 10d ago (--stale-after 7d)")
        #expect(drift.findings[1].detail.contains("never triggered since it was created 2025-02-20T00:00:00.000Z, 9d ago"))
        // Off by default.
        #expect(kinds(F.analyze(file, live, entries: entries)) == [.disabled])
    }

    @Test func aURLChangedInGitIsACreateAndADeleteNotADeletion() {
        // ops moved from /old-ops to /ops in git; the recorded webhook still lives at the old URL.
        let drift = F.analyze(F.siteFile([F.declared("ops", "ops", [.alert])]), [F.live("wh_1", "old-ops", ["alert"])],
                              entries: [F.known("wh_1", "ops", "old-ops")])
        #expect(kinds(drift) == [.create, .delete])
    }

    @Test func aSiteThatCannotBeListedIsAnErrorAndTheOthersAreStillReported() {
        let good = F.siteFile([F.declared("ops", "ops", [.alert])], site: "site_a", file: "sites/a.yaml")
        let bad = F.siteFile([F.declared("ops", "ops", [.alert])], site: "site_b", file: "sites/b.yaml")
        let report = DriftAnalyzer.analyze(
            sites: [bad, good],
            live: ["site_a": .success([F.live("wh_1", "ops", ["alert"])]),
                   "site_b": .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site site_b"))],
            secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", "ops", site: "site_a")]),
            now: F.now, invalidFiles: ["sites/c.yaml"])
        #expect(report.sites.map(\.siteId) == ["site_a", "site_b"])
        #expect(report.sites[1].error != nil)
        #expect(report.summary.sitesChecked == 1 && report.summary.sitesFailed == 1 && report.summary.invalidFiles == 1)
        #expect(report.summary.findings == 0 && report.summary.isIncomplete)
        #expect(report.generatedAt == "2025-03-01T00:00:00.000Z")
    }

    @Test func summaryCountsClassesAndCoverage() {
        let file = F.siteFile([F.declared("ops", "ops", [.alert]), F.declared("new", "new", [.goal])])
        let live = [F.live("wh_1", "ops", ["alert"], active: false), F.live("wh_x", "x", ["goal"]), F.live("wh_y", "y", ["goal"])]
        let report = DriftAnalyzer.analyze(sites: [file], live: [F.site: .success(live)],
                                           secrets: SecretsSnapshot(entries: [F.known("wh_1", "ops", "ops")]), now: F.now)
        let s = report.summary
        let counts: [Int] = [s.pending, s.outOfBand, s.health]
        #expect(counts == [1, 2, 1])
        #expect(s.liveWebhooks == 3 && s.managedWebhooks == 1)
        #expect(s.coverage == 0.3333)
    }
}
