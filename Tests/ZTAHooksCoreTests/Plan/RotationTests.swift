import Testing
@testable import ZTAHooksCore

struct RotationTests {
    typealias F = PlanFixtures

    private let url = "https://a.example.com/x"

    private func inputs(live count: Int = 1) -> ([SiteFile], [String: Planner.LiveState], Plan) {
        let sites = [F.siteFile([F.declared("ops", url, [.alert], description: "ops channel"), F.declared("new", "https://n.example.com/", [.goal])])]
        let live: [String: Planner.LiveState] = [F.site: .success(
            [F.live("wh_1", url, ["alert"])] + (1..<count).map { F.live("wh_x\($0)", "https://x.example.com/\($0)", ["goal"]) })]
        return (sites, live, Planner.plan(sites: sites, live: live, secrets: .empty))
    }

    @Test func parsesSiteSlashName() {
        #expect(Rotation.Target("site_a/ops") == Rotation.Target("site_a/ops"))
        #expect(Rotation.Target("site_a/ops")?.name == "ops")
        #expect(Rotation.Target("site_a") == nil)
        #expect(Rotation.Target("/ops") == nil)
        #expect(Rotation.Target("a/b/c") == nil)
    }

    @Test func rotatingALiveWebhookIsACreateFirstReplaceWithItsDeclaredDescription() throws {
        let (sites, live, plan) = inputs()
        let rotation = try Rotation.plan(targets: [Rotation.Target("site_shop/ops")!], sites: sites, from: plan, live: live).get()
        #expect(rotation.sites.count == 1)
        let actions = rotation.sites[0].actions
        #expect(actions.count == 1)
        guard case .replace(let replace) = actions[0] else {
            Issue.record("expected a replace, got \(actions[0].kind)")
            return
        }
        #expect(replace.id == "wh_1")
        #expect(replace.order == .createThenDelete)
        #expect(replace.description == "ops channel")
        #expect(replace.reasons == [Rotation.reason])
        // The pending create of `new` is left for apply.
        #expect(rotation.summary.create == 0)
    }

    @Test func aFullSiteRotatesDeleteFirst() throws {
        let (sites, live, plan) = inputs(live: 10)
        // With prune the strays would be deleted; rotation ignores the rest of the plan.
        let rotation = try Rotation.plan(targets: [Rotation.Target("site_shop/ops")!], sites: sites, from: plan, live: live).get()
        #expect(rotation.sites[0].actions.map(\.order) == [.deleteThenCreate])
    }

    @Test func aWebhookNotLiveOrNotDeclaredIsAnError() {
        let (sites, live, plan) = inputs()
        #expect(throws: RotationError(message: "site_shop/new is not live yet: `ztahooks apply` creates it with a new secret")) {
            try Rotation.plan(targets: [Rotation.Target("site_shop/new")!], sites: sites, from: plan, live: live).get()
        }
        #expect(throws: RotationError(message: "site_shop/nope is not declared in sites/shop.yaml")) {
            try Rotation.plan(targets: [Rotation.Target("site_shop/nope")!], sites: sites, from: plan, live: live).get()
        }
    }
}
