import Foundation
import Testing
@testable import ZTAHooksCore

/// The properties themselves: each one fails on a plan broken the way it guards against, so
/// that a random run passing them means something.
struct ReconcilePropertyCheckTests {
    static let site = "site_0"
    static let declaredURL = "https://hooks.example.com/s0/0"

    /// One `prune: false` site: a declared webhook live with other events (a replace) and
    /// `extra` unmanaged ones.
    static func replaceCase(extra: Int) -> ReconcileCase {
        let declared = DeclaredWebhook(name: "hook-0", url: declaredURL, events: [.alert],
                                       location: SourceLocation(file: "sites/s0.yaml", line: 3, column: 5))
        let file = SiteFile(path: "sites/s0.yaml", site: site, prune: false, webhooks: [declared])
        var live = [stored("wh_old", declaredURL, events: ["goal"])]
        live += (0..<extra).map { stored("wh_other\($0)", "https://ingest.example.org/s0/\($0)", events: ["pageview"]) }
        let entries = [SecretEntry(siteId: site, name: "hook-0", id: "wh_old", url: declaredURL, events: ["goal"],
                                   secret: "whsec_old", createdAt: nil)]
        return ReconcileCase(seed: 0, sites: [file], live: [site: live], secrets: SecretsSnapshot(entries: entries), concurrency: 1)
    }

    static func stored(_ id: String, _ url: String, events: [String]) -> ModelWebhookAPI.Stored {
        ModelWebhookAPI.Stored(webhook: LiveWebhook(id: id, url: url, events: events), secret: "whsec_\(id)", description: nil)
    }

    /// The names of the properties that fail once `adjust` changed the plan.
    static func failing(_ input: ReconcileCase, adjust: @escaping @Sendable (SitePlan) -> SitePlan) async throws -> Set<String> {
        let run = try await ReconcileRun.run(input) { plan in
            Plan(sites: plan.sites.map(adjust), sourceChecksum: plan.sourceChecksum)
        }
        return Set(ReconcileProperties.all.filter { !$0.check(run).isEmpty }.map(\.name))
    }

    static func reordered(_ site: SitePlan, _ order: PlannedAction.ReplaceOrder) -> SitePlan {
        var site = site
        site.actions = site.actions.map { action in
            guard case .replace(var replace) = action else { return action }
            replace.order = order
            return .replace(replace)
        }
        return site
    }

    @Test func theUnbrokenPlanPassesEveryProperty() async throws {
        #expect(try await Self.failing(Self.replaceCase(extra: 1)) { $0 }.isEmpty)
        #expect(try await Self.failing(Self.replaceCase(extra: 9)) { $0 }.isEmpty)
    }

    @Test func deletingFirstWithRoomFailsTheGapProperty() async throws {
        let failed = try await Self.failing(Self.replaceCase(extra: 1)) { Self.reordered($0, .deleteThenCreate) }
        #expect(failed == ["4 never deletes before the replacement exists when there is room"])
    }

    @Test func creatingFirstOnAFullSiteFailsTheCapProperty() async throws {
        let failed = try await Self.failing(Self.replaceCase(extra: 9)) { Self.reordered($0, .createThenDelete) }
        #expect(failed.contains("2 never more than 10 on a site"))
    }

    @Test func deletingAnUnmanagedWebhookFailsItsProperty() async throws {
        let failed = try await Self.failing(Self.replaceCase(extra: 1)) { site in
            var site = site
            site.actions.insert(.delete(DeleteAction(name: nil, url: "https://ingest.example.org/s0/0", events: ["pageview"],
                                                     reasons: [], id: "wh_other0")), at: 0)
            return site
        }
        #expect(failed.contains("3 never deletes an unmanaged webhook"))
        #expect(failed.contains("1 reaches the site files"))
    }

    @Test func skippingTheReplaceFailsReachingAndTheSecondPlan() async throws {
        let failed = try await Self.failing(Self.replaceCase(extra: 1)) { site in
            var site = site
            site.actions = []
            return site
        }
        #expect(failed == ["1 reaches the site files", "5 a second plan is empty"])
    }

    @Test func creatingTwiceFailsTheSecretProperty() async throws {
        let failed = try await Self.failing(Self.replaceCase(extra: 1)) { site in
            var site = site
            site.actions.append(.create(CreateAction(name: "hook-0", url: Self.declaredURL, events: [.alert], reasons: [])))
            return site
        }
        #expect(failed.contains("6 every new secret is kept, nothing created twice"))
        #expect(failed.contains("1 reaches the site files"))
    }

    @Test func theModelLosesAnswersByAttemptAndAnswersTheThird() async throws {
        let api = ModelWebhookAPI([:], answerLoss: AnswerLoss(seed: 1, probability: 1))
        let request = CreateWebhookRequest(siteId: Self.site, url: Self.declaredURL, events: ["goal"])
        for _ in 0..<2 {
            await #expect(throws: APIError.self) { try await api.createWebhook(request) }
        }
        let created = try await api.createWebhook(request)
        #expect(await api.calls.map(\.kind) == [
            .lostCreate(identity: Self.declaredURL, id: "wh_new1"), .lostCreate(identity: Self.declaredURL, id: "wh_new2"),
            .create(identity: Self.declaredURL, id: created.webhook.id),
        ])
        #expect(await api.live(Self.site).count == 3)
    }

    @Test func theModelRefusesTheEleventhWebhookAsTheClientMapsA409() async throws {
        let api = ModelWebhookAPI([Self.site: (0..<10).map { Self.stored("wh_\($0)", "https://h.example.com/\($0)", events: ["goal"]) }])
        await #expect(throws: APIError.unexpectedStatus(status: 409, message: "Maximum 10 webhooks per site",
                                                        context: "creating a webhook for site site_0")) {
            try await api.createWebhook(CreateWebhookRequest(siteId: Self.site, url: "https://h.example.com/x", events: ["goal"]))
        }
        try await api.deleteWebhook(id: "wh_3", site: Self.site)
        let created = try await api.createWebhook(CreateWebhookRequest(siteId: Self.site, url: "https://h.example.com/x", events: ["goal"]))
        #expect(await api.calls.map(\.countAfter) == [10, 9, 10])
        #expect(await api.live(Self.site).count == 10)
        #expect(created.secret.hasPrefix("whsec_"))
    }
}
