import Foundation
import InMemoryTracing
import Testing
import Tracing
@testable import ZTAHooksCore

/// Site spans: each site's listing and apply under the run's span, and the site's requests
/// under them, across the task group and the prefetch's tasks.
struct ApplierTracingTests {
    /// An API in memory that opens a span per call, as the HTTP client does, to show where its
    /// requests land in the trace.
    struct SpanningAPI: WebhookAPI {
        let api: FakeWebhookAPI

        func listWebhooks(site: String) async throws(APIError) -> [LiveWebhook] {
            let span = Self.request("GET", site)
            defer { span.end() }
            return try await api.listWebhooks(site: site)
        }

        func createWebhook(_ create: CreateWebhookRequest) async throws(APIError) -> CreatedWebhook {
            let span = Self.request("POST", create.siteId)
            defer { span.end() }
            return try await api.createWebhook(create)
        }

        func deleteWebhook(id: String, site: String) async throws(APIError) {
            let span = Self.request("DELETE", site)
            defer { span.end() }
            try await api.deleteWebhook(id: id, site: site)
        }

        static func request(_ method: String, _ site: String) -> any Span {
            let span = InstrumentationSystem.tracer.startSpan(method, context: InstrumentationContext.current ?? .topLevel)
            span.attributes[TraceAttribute.siteID] = site
            return span
        }
    }

    private func site(_ span: FinishedInMemorySpan) -> String? {
        if case .string(let site) = span.attributes[TraceAttribute.siteID]?.toSpanAttribute() { return site }
        return nil
    }

    @Test func eachSiteIsListedAndAppliedUnderTheRunAndItsRequestsUnderItsSpans() async throws {
        let tracer = InMemoryTracer()
        let api = SpanningAPI(api: FakeWebhookAPI())
        let sites = ApplierTests.sites(3, webhooks: 2)
        let store = try SecretsStore.open(path: "/s/secrets.json", io: SecretsFakeFileIO())
        let runID = await withTracer(tracer) {
            let run = tracer.startSpan("ztahooks apply")
            await InstrumentationContext.withValue(run.context) {
                let prefetch = LivePrefetch(api: api, concurrency: 2)
                for site in sites { prefetch.announce(site.site) }
                let listed = await prefetch.results(for: sites.map(\.site))
                let plan = Planner.plan(sites: sites, live: listed, secrets: await store.snapshot)
                let applier = Applier(api: api, secrets: store, concurrency: 2)
                _ = await applier.apply(plan, live: listed.compactMapValues { try? $0.get() })
            }
            run.end()
            return run.spanContext.spanID
        }
        try await store.close()

        let spans = tracer.finishedSpans
        for phase in ["list site", "apply site"] {
            let siteSpans = spans.filter { $0.operationName == phase }
            #expect(siteSpans.compactMap(site).sorted() == ["site_0", "site_1", "site_2"], "\(phase)")
            #expect(siteSpans.allSatisfy { $0.parentSpanID == runID }, "\(phase)")
        }
        let requests = spans.filter { ["GET", "POST", "DELETE"].contains($0.operationName) }
        #expect(requests.filter { $0.operationName == "POST" }.count == 6)
        for request in requests {
            let parent = try #require(spans.first { $0.spanID == request.parentSpanID })
            #expect(parent.operationName == (request.operationName == "GET" ? "list site" : "apply site"))
            #expect(site(parent) == site(request))
        }
    }

    @Test func withoutATracerNoSpanAndNoContext() async {
        let context = await SiteSpan.around(.apply, site: "site_0") { InstrumentationContext.current }
        #expect(context == nil)
    }
}
