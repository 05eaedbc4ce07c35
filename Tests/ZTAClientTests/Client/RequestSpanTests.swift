import Foundation
import InMemoryTracing
import Testing
import Tracing
import ZTAHooksCore
@testable import ZTAClient

/// The client's request spans, recorded by an in-memory tracer bound to each test's task.
@Suite struct RequestSpanTests {
    static let listBody = #"{"webhooks": [{"id": "wh_1", "url": "https://a.example/x?key=k1", "events": ["alert"], "secret": "whsec_listed", "active": true}]}"#
    static let createdBody = #"{"webhook": {"id": "wh_2", "url": "https://a.example/y", "events": ["goal"], "secret": "whsec_sekrit", "active": true}}"#

    private func client(_ script: [Result<HTTPExchange, TransportFailure>]) -> ZTAHTTPClient {
        let configuration = ClientConfiguration(baseURL: URL(string: "https://api.example.com/base")!, token: "tok_test_123")
        return ZTAHTTPClient(configuration: configuration, transport: ScriptedTransport(script), timing: RecordedSleeps().timing)
    }

    /// Runs `body` under a run span with `tracer` bound; returns the run span's id.
    private func underRun(_ tracer: InMemoryTracer, _ body: () async -> Void) async -> String {
        await withTracer(tracer) {
            let run = tracer.startSpan("ztahooks apply")
            await InstrumentationContext.withValue(run.context) { await body() }
            run.end()
            return run.spanContext.spanID
        }
    }

    private func attribute(_ span: FinishedInMemorySpan, _ name: String) -> SpanAttribute? {
        span.attributes[name]?.toSpanAttribute()
    }

    @Test func aRetriedListIsOneSpanWithItsAttemptsDelayAndARetryEvent() async throws {
        let tracer = InMemoryTracer()
        let client = client([.answer(429, headers: ["Retry-After": "2"]), .answer(200, Self.listBody)])
        let runID = await underRun(tracer) { _ = try? await client.listWebhooks(site: "site_a") }
        let span = try #require(tracer.finishedSpans.first { $0.operationName == "GET /base/api/webhooks" })
        #expect(span.parentSpanID == runID)
        #expect(span.kind == .client)
        #expect(attribute(span, TraceAttribute.siteID) == .string("site_a"))
        #expect(attribute(span, TraceAttribute.action) == .string("list"))
        #expect(attribute(span, TraceAttribute.httpMethod) == .string("GET"))
        #expect(attribute(span, TraceAttribute.urlPath) == .string("/base/api/webhooks"))
        #expect(attribute(span, TraceAttribute.httpStatus) == .int64(200))
        #expect(attribute(span, TraceAttribute.attempts) == .int64(2))
        #expect(attribute(span, TraceAttribute.retryDelay) == .int64(2000))
        #expect(span.status == nil)
        let retry = try #require(span.events.first)
        #expect(span.events.count == 1)
        #expect(retry.name == "retry")
        #expect(retry.attributes[TraceAttribute.attempt]?.toSpanAttribute() == .int64(1))
        #expect(retry.attributes[TraceAttribute.httpStatus]?.toSpanAttribute() == .int64(429))
        #expect(retry.attributes[TraceAttribute.retryDelay]?.toSpanAttribute() == .int64(2000))
    }

    @Test func aFailedCreateSaysHowInAWordAndNeverWithItsMessage() async throws {
        let tracer = InMemoryTracer()
        let client = client([.answer(500, #"{"error": "boom"}"#)])
        let create = CreateWebhookRequest(siteId: "site_b", url: "https://a.example/y?token=querysecret", events: ["goal"])
        _ = await underRun(tracer) { _ = try? await client.createWebhook(create) }
        let span = try #require(tracer.finishedSpans.first { $0.operationName == "POST /base/api/webhooks" })
        #expect(attribute(span, TraceAttribute.action) == .string("create"))
        #expect(attribute(span, TraceAttribute.siteID) == .string("site_b"))
        #expect(attribute(span, TraceAttribute.httpStatus) == .int64(500))
        #expect(attribute(span, TraceAttribute.errorType) == .string("outcome_unknown"))
        #expect(attribute(span, TraceAttribute.attempts) == .int64(1))
        #expect(span.status?.code == .error)
        #expect(span.errors.isEmpty)
    }

    @Test func listingSitesGivesEachASiteSpanUnderTheRunAndItsRequestUnderIt() async throws {
        let tracer = InMemoryTracer()
        let client = client((0..<3).map { _ in .answer(200, Self.listBody) })
        let runID = await underRun(tracer) { _ = await client.listAll(sites: ["site_a", "site_b", "site_c"], concurrency: 2) }
        let sites = tracer.finishedSpans.filter { $0.operationName == "list site" }
        let siteIDs = sites.compactMap { attribute($0, TraceAttribute.siteID) }.sorted { "\($0)" < "\($1)" }
        #expect(siteIDs == [.string("site_a"), .string("site_b"), .string("site_c")])
        #expect(sites.allSatisfy { $0.parentSpanID == runID })
        let requests = tracer.finishedSpans.filter { $0.operationName == "GET /base/api/webhooks" }
        #expect(requests.count == 3)
        for request in requests {
            let parent = try #require(sites.first { $0.spanID == request.parentSpanID })
            #expect(attribute(parent, TraceAttribute.siteID) == attribute(request, TraceAttribute.siteID))
        }
    }

    @Test func noAttributeHoldsTheTokenASecretOrAQuery() async throws {
        let tracer = InMemoryTracer()
        let client = client([.answer(200, Self.listBody), .answer(503), .answer(201, Self.createdBody), .answer(200, "{}")])
        _ = await underRun(tracer) {
            _ = try? await client.listWebhooks(site: "site a&b")
            _ = try? await client.createWebhook(CreateWebhookRequest(siteId: "site_a", url: "https://a.example/y?key=k2", events: ["goal"]))
            try? await client.deleteWebhook(id: "wh_1", site: "site_a")
        }
        var texts: [String] = []
        for span in tracer.finishedSpans where span.operationName.hasSuffix("/api/webhooks") {
            texts.append(span.operationName)
            span.attributes.forEach { key, value in texts.append("\(key)=\(value)") }
            for event in span.events { event.attributes.forEach { key, value in texts.append("\(key)=\(value)") } }
        }
        #expect(texts.count > 3)
        for text in texts where text.contains("tok_test_123") || text.contains("whsec_") || text.contains("?") || text.contains("Bearer") {
            Issue.record("an attribute leaks: \(text)")
        }
    }

    @Test func withoutATracerNoSpanIsStarted() {
        #expect(RequestSpan.start(.get, site: "site_a", url: "https://api.example.com/api/webhooks?siteId=a") == nil)
        #expect(RequestSpan.path(of: "https://u:p@api.example.com/base/api/webhooks?siteId=a#f") == "/base/api/webhooks")
    }
}
