import Foundation
import Testing
@testable import ZTAHooksCore

/// The pipeline's decisions, without HTTP: what apply would do, or why it refuses.
struct ReconcilerTests {
    private let input = SiteSet(sites: ApplierTests.sites(1, webhooks: 2), diagnostics: [], checksum: "sha256:files")

    private func live(_ webhooks: [LiveWebhook]) -> LiveView {
        LiveView(sites: ["site_0": .success(webhooks)])
    }

    @Test func aFatalListingErrorIsThrownOnceForTheWholeRun() async throws {
        struct RefusingAPI: WebhookAPI {
            func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
                throw .unauthorized(message: "Unauthorized", context: "listing webhooks of site \(site)")
            }
            func createWebhook(_ request: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook { fatalError("not called") }
            func deleteWebhook(id: String, site: String) async throws(APIError) { fatalError("not called") }
        }
        let reconciler = Reconciler(api: RefusingAPI(), concurrency: 4)
        await #expect(throws: APIError.self) { try await reconciler.observe(ApplierTests.sites(5, webhooks: 1)) }
    }

    @Test func aSiteThatCannotBeListedIsCarriedNotThrown() async throws {
        let api = FakeWebhookAPI()
        let reconciler = Reconciler(api: api, concurrency: 2)
        let (plan, view) = try await reconciler.plan(input, secrets: .empty)
        #expect(view.webhooks["site_0"] == [])
        #expect(plan.summary.create == 2)
        #expect(plan.sourceChecksum == "sha256:files")
    }

    @Test func readyWhenThereAreChanges() {
        guard case .ready(let plan) = Reconciler.prepareApply(input, live: live([]), secrets: .empty, guards: ApplyGuards()) else {
            Issue.record("not ready")
            return
        }
        #expect(plan.summary.create == 2)
    }

    @Test func nothingToDoUnlessAnInterruptedRunLeftIntents() {
        let current = [
            LiveWebhook(id: "wh_a", url: "https://hooks.example.com/site_0/0", events: ["pageview"]),
            LiveWebhook(id: "wh_b", url: "https://hooks.example.com/site_0/1", events: ["pageview"]),
        ]
        guard case .nothingToDo = Reconciler.prepareApply(input, live: live(current), secrets: .empty, guards: ApplyGuards()) else {
            Issue.record("expected nothing to do")
            return
        }
        let intent = CreateIntent(intentId: "int_1", siteId: "site_0", name: "hook-0", url: "https://elsewhere.example.com/",
                                  events: ["goal"], startedAt: "2026-01-01T00:00:00.000Z")
        let pending = SecretsSnapshot(entries: [], unresolvedIntents: [intent])
        guard case .ready = Reconciler.prepareApply(input, live: live(current), secrets: pending, guards: ApplyGuards()) else {
            Issue.record("intents left by an interrupted run must be settled")
            return
        }
    }

    @Test func anEntryOfAGoneWebhookIsSettledEvenWithNothingToChange() {
        let current = [
            LiveWebhook(id: "wh_a", url: "https://hooks.example.com/site_0/0", events: ["pageview"]),
            LiveWebhook(id: "wh_b", url: "https://hooks.example.com/site_0/1", events: ["pageview"]),
        ]
        let known = SecretEntry(siteId: "site_0", name: "hook-0", id: "wh_a", url: "https://hooks.example.com/site_0/0",
                                events: ["pageview"], secret: "whsec_a", createdAt: nil)
        guard case .nothingToDo = Reconciler.prepareApply(input, live: live(current), secrets: SecretsSnapshot(entries: [known]),
                                                         guards: ApplyGuards()) else {
            Issue.record("an entry of a live webhook is nothing to do")
            return
        }
        var gone = known
        gone.id = "wh_gone"
        guard case .ready(let plan) = Reconciler.prepareApply(input, live: live(current), secrets: SecretsSnapshot(entries: [known, gone]),
                                                             guards: ApplyGuards()) else {
            Issue.record("the entry of a webhook that is gone must leave the secrets file at this apply")
            return
        }
        #expect(!plan.hasChanges)
    }

    @Test func aGoneWebhookLeavesTheSecretsFileWhenThePlanIsEmpty() async throws {
        let api = FakeWebhookAPI(["site_0": [
            LiveWebhook(id: "wh_a", url: "https://hooks.example.com/site_0/0", events: ["pageview"]),
            LiveWebhook(id: "wh_b", url: "https://hooks.example.com/site_0/1", events: ["pageview"]),
        ]])
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let gone = SecretEntry(siteId: "site_0", name: "old", id: "wh_gone", url: "https://old.example.com/", events: ["goal"],
                               secret: "whsec_gone", createdAt: nil)
        try await store.recordCreated(gone, intentId: "")
        let reconciler = Reconciler(api: api, concurrency: 2)
        let live = try await reconciler.observe(input.sites)
        guard case .ready(let plan) = Reconciler.prepareApply(input, live: live, secrets: await store.snapshot, guards: ApplyGuards()) else {
            Issue.record("not ready")
            return
        }
        let report = await reconciler.execute(plan, live: live, secrets: store)
        #expect(report.isSuccess)
        #expect(await store.snapshot.entries.isEmpty)
        try await store.close()
    }

    @Test func aTrippedGuardRefusesWithThePlanAndTheReason() {
        let strays = (0..<3).map { LiveWebhook(id: "wh_\($0)", url: "https://old.example.com/\($0)", events: ["goal"]) }
        let outcome = Reconciler.prepareApply(input, live: live(strays), secrets: .empty, guards: ApplyGuards(maxDeletes: 2))
        guard case .refused(let plan?, let reasons) = outcome else {
            Issue.record("not refused: \(outcome)")
            return
        }
        #expect(plan.summary.delete == 3)
        #expect(reasons == ["the plan deletes 3 webhooks, more than --max-deletes 2 allows; check the plan, then re-run with --max-deletes 3 if it is right"])
    }

    @Test func aSavedPlanIsRefusedWhenTheFilesOrTheLiveStateMoved() {
        let made = Planner.plan(sites: input.sites, live: live([]).sites, secrets: .empty, sourceChecksum: "sha256:files")
        guard case .ready = Reconciler.prepareApply(input, live: live([]), secrets: .empty, saved: (made, "plan.json"), guards: ApplyGuards()) else {
            Issue.record("a fresh saved plan must be ready")
            return
        }
        let moved = live([LiveWebhook(id: "wh_new", url: "https://hooks.example.com/site_0/0", events: ["pageview"])])
        guard case .refused(nil, let reasons) = Reconciler.prepareApply(input, live: moved, secrets: .empty, saved: (made, "plan.json"), guards: ApplyGuards()) else {
            Issue.record("a plan whose live state moved must be refused")
            return
        }
        #expect(reasons.first?.hasPrefix("live webhooks changed since plan.json was made, on site site_0") == true)
        var edited = input
        edited.checksum = "sha256:other"
        guard case .refused = Reconciler.prepareApply(edited, live: live([]), secrets: .empty, saved: (made, "plan.json"), guards: ApplyGuards()) else {
            Issue.record("a plan of other site files must be refused")
            return
        }
    }
}
