import Tracing

/// The span of one site's work in a run: its listing, or its apply.
///
/// A child of the run's span (`ztahooks plan`, `apply`, `drift`) and the parent of the requests
/// made for the site. Without a tracer (no `OTEL_EXPORTER_OTLP_ENDPOINT`) the work runs alone:
/// no span, no context bound, nothing allocated.
public enum SiteSpan {
    public enum Phase: String, Sendable {
        case list
        case apply
    }

    /// Runs `body` under a span named `list site` or `apply site` carrying the site's id.
    public static func around<T>(
        _ phase: Phase,
        site: String,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async -> T
    ) async -> T {
        let tracer = InstrumentationSystem.tracer
        if tracer is NoOpTracer { return await body() }
        let span = tracer.startSpan("\(phase.rawValue) site", context: InstrumentationContext.current ?? .topLevel)
        span.attributes[TraceAttribute.siteID] = site
        defer { span.end() }
        return await InstrumentationContext.withValue(span.context) { await body() }
    }
}
