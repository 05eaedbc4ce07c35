import Foundation
import Testing
import ZTAHooksCore

/// `WebhookAPI.listAll` on a hand-written fake: bounded parallelism, per-site failures, early stop.
@Suite struct ListAllTests {
    actor Gauge {
        var running = 0
        var peak = 0
        var calls: [String] = []

        func enter(_ site: String) {
            running += 1
            peak = max(peak, running)
            calls.append(site)
        }

        func leave() { running -= 1 }
    }

    struct FakeAPI: WebhookAPI {
        let gauge = Gauge()
        var failures: [String: APIError] = [:]

        func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
            await gauge.enter(site)
            try? await Task.sleep(for: .milliseconds(5))
            await gauge.leave()
            if let failure = failures[site] { throw failure }
            return [LiveWebhook(id: "wh_\(site)", url: "https://h.example/\(site)", events: ["goal"])]
        }

        func createWebhook(_ request: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
            throw .configuration(message: "not used")
        }

        func deleteWebhook(id: String, site: String) async throws(APIError) {}
    }

    @Test func everySiteGetsAResultAndParallelismIsBounded() async {
        let api = FakeAPI(failures: ["s3": .accessDenied(message: "Access denied", context: "listing webhooks of site s3")])
        let sites = (0..<12).map { "s\($0)" }
        let results = await api.listAll(sites: sites, concurrency: 3)
        #expect(results.count == 12)
        #expect(results["s3"] == .failure(.accessDenied(message: "Access denied", context: "listing webhooks of site s3")))
        #expect(results.filter { (try? $0.value.get()) != nil }.count == 11)
        #expect(await api.gauge.peak <= 3)
        #expect(await api.gauge.calls.count == 12)
    }

    /// Sites are listed in no promised order (each is its own task), so every site would
    /// refuse the token: whichever goes first, its answer is the only request sent, and every
    /// site gets that answer. (Expecting `s0` first made the test depend on the scheduler; it failed once in CI.)
    @Test func aFatalErrorStopsTheRest() async {
        let sites = (0..<10).map { "s\($0)" }
        let fatal = APIError.unauthorized(message: "Unauthorized", context: "listing webhooks")
        let api = FakeAPI(failures: Dictionary(uniqueKeysWithValues: sites.map { ($0, fatal) }))
        let results = await api.listAll(sites: sites, concurrency: 1)
        #expect(results.count == 10)
        #expect(results.values.allSatisfy { $0 == .failure(fatal) })
        #expect(await api.gauge.calls.count == 1)
    }

    @Test func duplicatesAreListedOnceAndEmptyInputIsFine() async {
        let api = FakeAPI()
        #expect(await api.listAll(sites: ["a", "a", "b"], concurrency: 8).count == 2)
        #expect(await api.gauge.calls.sorted() == ["a", "b"])
        #expect(await api.listAll(sites: [], concurrency: 8).isEmpty)
    }
}
