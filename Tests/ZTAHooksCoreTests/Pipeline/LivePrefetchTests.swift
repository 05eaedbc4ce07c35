import Foundation
import Testing
@testable import ZTAHooksCore

/// Listing sites as their files are parsed: bounded, once per site, stopped by a fatal error.
struct LivePrefetchTests {
    /// Answers after a short pause, counting calls and the most requests in flight at once.
    actor CountingAPI: WebhookAPI {
        private(set) var calls: [String] = []
        private(set) var inFlight = 0
        private(set) var mostInFlight = 0
        let refuse: Set<String>

        init(refuse: Set<String> = []) {
            self.refuse = refuse
        }

        func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
            calls.append(site)
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            try? await Task.sleep(for: .milliseconds(2))
            inFlight -= 1
            if refuse.contains(site) { throw .unauthorized(message: "token refused", context: "listing webhooks of site \(site)") }
            return [LiveWebhook(id: "wh_\(site)", url: "https://hooks.example.com/\(site)", events: ["goal"])]
        }

        func createWebhook(_ create: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
            throw .configuration(message: "not used")
        }

        func deleteWebhook(id: String, site: String) async throws(APIError) {}
    }

    @Test func everySiteIsListedOnceAndNeverMoreThanTheConcurrencyAtOnce() async throws {
        let api = CountingAPI()
        let prefetch = LivePrefetch(api: api, concurrency: 3)
        let sites = (0..<40).map { "site_\($0)" }
        // Room for fewer than come changes nothing but the table's growth.
        prefetch.expect(30)
        for site in sites { prefetch.announce(site) }
        for site in sites.prefix(10) { prefetch.announce(site) }
        // Two sites never announced are listed when asked for.
        let results = await prefetch.results(for: sites + ["late_1", "late_2"])

        #expect(results.count == 42)
        #expect(try results["late_2"]?.get().first?.id == "wh_late_2")
        #expect(await api.calls.count == 42)
        #expect(Set(await api.calls).count == 42)
        #expect(await api.mostInFlight <= 3)
        #expect(await api.mostInFlight >= 2)
    }

    @Test func sitesOutsideTheSelectionAreNotListedAhead() async {
        let api = CountingAPI()
        let prefetch = LivePrefetch(api: api, concurrency: 4, only: ["site_b"])
        prefetch.announce("site_a")
        prefetch.announce("site_b")
        let results = await prefetch.results(for: ["site_b"])

        #expect(results.keys.sorted() == ["site_b"])
        #expect(await api.calls == ["site_b"])
    }

    @Test func aSiteAnnouncedButNotAskedForIsNotHandedOutAndIsListedAgainIfAnnouncedAfter() async throws {
        let api = CountingAPI()
        let prefetch = LivePrefetch(api: api, concurrency: 2)
        for site in ["site_a", "site_b", "site_dropped"] { prefetch.announce(site) }
        let results = await prefetch.results(for: ["site_a", "site_b", "site_a"])

        #expect(results.keys.sorted() == ["site_a", "site_b"])
        #expect(try results["site_b"]?.get().map(\.id) == ["wh_site_b"])
        // The listings were handed over: a later run of the same prefetch lists again.
        let again = await prefetch.results(for: ["site_a"])
        #expect(try again["site_a"]?.get().map(\.id) == ["wh_site_a"])
        #expect(await api.calls.sorted() == ["site_a", "site_a", "site_b", "site_dropped"])
    }

    @Test func afterAFatalErrorNoNewRequestIsSent() async {
        // A refused token refuses every site; one request at a time, so the refusal of the
        // first is known before any other is sent.
        let sites = (0..<20).map { "site_\($0)" }
        let api = CountingAPI(refuse: Set(sites))
        let prefetch = LivePrefetch(api: api, concurrency: 1)
        for site in sites { prefetch.announce(site) }
        let results = await prefetch.results(for: sites)

        #expect(await api.calls.count == 1)
        #expect(results.count == 20)
        #expect(results.values.allSatisfy { if case .failure(let error) = $0 { error.isFatal } else { false } })
    }

    @Test func finishingSendsNothingMoreAndWaitsForWhatIsInFlight() async {
        let api = CountingAPI()
        let prefetch = LivePrefetch(api: api, concurrency: 1)
        for site in (0..<20).map({ "site_\($0)" }) { prefetch.announce(site) }
        await prefetch.finish()

        // At most the one request that held the slot was sent, and it is answered.
        #expect(await api.calls.count <= 1)
        #expect(await api.inFlight == 0)
    }

    @Test func theReconcilerSeesThePrefetchedListingsAsIfItHadListedThemItself() async throws {
        let api = CountingAPI()
        let reconciler = Reconciler(api: api, concurrency: 4)
        let prefetch = reconciler.prefetch()
        for site in ["site_a", "site_b"] { prefetch.announce(site) }
        let viaPrefetch = try await reconciler.observe(siteIDs: ["site_a", "site_b", "site_c"], prefetched: prefetch)
        let direct = try await Reconciler(api: CountingAPI(), concurrency: 4).observe(siteIDs: ["site_a", "site_b", "site_c"])

        #expect(viaPrefetch.webhooks == direct.webhooks)
        #expect(await api.calls.count == 3)
    }
}
