import Testing
@testable import ZTAHooksCore

struct PlanOrderingTests {
    typealias F = PlanFixtures

    @Test func replacingAllTenWebhooksOfAFullSiteDeletesFirstAndNeverExceedsTen() {
        let declared = (0..<10).map { F.declared("w\($0)", "https://a.example.com/\($0)", [.alert]) }
        let live = (0..<10).map { F.live("wh_\($0)", "https://a.example.com/\($0)", ["goal"]) }
        let plan = Planner.planSite(F.siteFile(declared), live: .success(live), secrets: .empty)
        #expect(plan.actions.count == 10)
        #expect(plan.actions.allSatisfy { $0.kind == .replace && $0.order == .deleteThenCreate })
        #expect(PlanOrdering.peak(liveCount: 10, actions: plan.actions) == 10)
    }

    @Test func replaceCreatesFirstWhenADeleteMakesRoom() {
        var declared = (0..<9).map { F.declared("w\($0)", "https://a.example.com/\($0)", [.alert]) }
        declared[0].events = [.goal]
        let live = (0..<9).map { F.live("wh_\($0)", "https://a.example.com/\($0)", ["alert"]) }
            + [F.live("wh_gone", "https://gone.example.com/", ["alert"])]
        let plan = Planner.planSite(F.siteFile(declared), live: .success(live), secrets: .empty)
        #expect(plan.actions.map(\.kind) == [.delete, .replace])
        #expect(plan.actions[1].order == .createThenDelete)
        #expect(PlanOrdering.peak(liveCount: 10, actions: plan.actions) == 10)
    }

    @Test func createsComeAfterReplacesSoReplacesKeepTheirSpareSlot() {
        var declared = (0..<9).map { F.declared("w\($0)", "https://a.example.com/\($0)", [.alert]) }
        declared[0].events = [.goal]
        declared.append(F.declared("fresh", "https://fresh.example.com/", [.alert]))
        let live = (0..<9).map { F.live("wh_\($0)", "https://a.example.com/\($0)", ["alert"]) }
        let plan = Planner.planSite(F.siteFile(declared), live: .success(live), secrets: .empty)
        #expect(plan.actions.map(\.kind) == [.replace, .create])
        #expect(plan.actions[0].order == .createThenDelete)
        #expect(PlanOrdering.peak(liveCount: 9, actions: plan.actions) == 10)
    }

    /// Every combination of live, kept, changed and new webhooks within the cap stays within it.
    @Test(arguments: 0...10, 0...10)
    func peakNeverExceedsTheCap(live liveCount: Int, declaredCount: Int) {
        for changed in 0...min(liveCount, declaredCount) {
            let declared = (0..<declaredCount).map { i in
                F.declared("w\(i)", "https://a.example.com/\(i)", i < changed ? [.goal] : [.alert])
            }
            // Live webhooks share URLs with the first declared ones; the rest are strays.
            let live = (0..<liveCount).map { i in
                F.live("wh_\(i)", i < declaredCount ? "https://a.example.com/\(i)" : "https://stray.example.com/\(i)", ["alert"])
            }
            let plan = Planner.planSite(F.siteFile(declared), live: .success(live), secrets: .empty)
            #expect(plan.error == nil)
            #expect(PlanOrdering.peak(liveCount: liveCount, actions: plan.actions) <= APILimits.maxWebhooksPerSite)
        }
    }
}
