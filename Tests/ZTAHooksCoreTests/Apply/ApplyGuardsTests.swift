import Testing
@testable import ZTAHooksCore

struct ApplyGuardsTests {
    typealias F = PlanFixtures

    private func plan(declared: [DeclaredWebhook], live count: Int) -> (Plan, [SiteFile]) {
        let sites = [F.siteFile(declared)]
        let live = (0..<count).map { F.live("wh_\($0)", "https://gone.example.com/\($0)", ["goal"]) }
        return (Planner.plan(sites: sites, live: [F.site: .success(live)], secrets: .empty), sites)
    }

    @Test func tooManyDeletesAreRefusedNamingTheFlag() {
        let (plan, sites) = plan(declared: [F.declared("a", "https://a.example.com/", [.goal])], live: 4)
        let violations = ApplyGuards(maxDeletes: 3).violations(of: plan, sites: sites)
        #expect(violations == [
            "the plan deletes 4 webhooks, more than --max-deletes 3 allows; check the plan, then re-run with --max-deletes 4 if it is right",
        ])
        #expect(ApplyGuards(maxDeletes: 4).violations(of: plan, sites: sites).isEmpty)
    }

    @Test func anEmptiedFileNeedsAllowEmpty() {
        let (plan, sites) = plan(declared: [], live: 2)
        #expect(ApplyGuards().violations(of: plan, sites: sites) == [
            "sites/shop.yaml declares no webhooks, so apply would delete all 2 live webhooks of site site_shop; "
                + "an emptied file is more often a mistake than an intent: re-run with --allow-empty if it is meant",
        ])
        #expect(ApplyGuards(allowEmpty: true).violations(of: plan, sites: sites).isEmpty)
    }

    @Test func replacesDoNotCountAsDeletes() {
        let declared = (0..<10).map { F.declared("w\($0)", "https://a.example.com/\($0)", [.alert]) }
        let live = (0..<10).map { F.live("wh_\($0)", "https://a.example.com/\($0)", ["goal"]) }
        let sites = [F.siteFile(declared)]
        let plan = Planner.plan(sites: sites, live: [F.site: .success(live)], secrets: .empty)
        #expect(ApplyGuards(maxDeletes: 0).violations(of: plan, sites: sites).isEmpty)
    }
}

struct SavedPlanCheckTests {
    typealias F = PlanFixtures

    @Test func aPlanWhoseLiveStateMovedIsRefusedWithExit3NamingTheSite() {
        let sites = [F.siteFile([F.declared("a", "https://a.example.com/", [.goal])])]
        let before = [F.live("wh_1", "https://a.example.com/", ["alert"])]
        let plan = Planner.plan(sites: sites, live: [F.site: .success(before)], secrets: .empty, sourceChecksum: "sha256:x")
        let after = before + [F.live("wh_2", "https://b.example.com/", ["goal"])]
        let result = SavedPlanCheck.check(plan, path: "plan.json", checksum: "sha256:x", live: [F.site: .success(after)], sites: sites)
        guard case .failure(let refusal) = result else {
            Issue.record("a stale plan was accepted")
            return
        }
        #expect(refusal.isStale)
        #expect(refusal.message.hasPrefix("live webhooks changed since plan.json was made, on site site_shop; nothing was changed."))
        #expect(throws: Never.self) {
            try SavedPlanCheck.check(plan, path: "plan.json", checksum: "sha256:x", live: [F.site: .success(before)], sites: sites).get()
        }
    }

    @Test func aPlanMadeFromOtherFilesIsRefused() {
        let sites = [F.siteFile([])]
        let plan = Planner.plan(sites: sites, live: [F.site: .success([])], secrets: .empty, sourceChecksum: "sha256:old")
        let result = SavedPlanCheck.check(plan, path: "p.json", checksum: "sha256:new", live: [F.site: .success([])], sites: sites)
        guard case .failure(let refusal) = result else {
            Issue.record("a plan of other files was accepted")
            return
        }
        #expect(refusal.isStale)
        #expect(refusal.message.contains("the site files changed since p.json was made"))
    }
}
