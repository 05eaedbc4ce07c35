import Tracing
import ZTAHooksCore

/// The span of one API request across its attempts, a child of its site's span.
///
/// Named `GET /api/webhooks` and so on (method and path), with the site, the action, the last
/// status and how many attempts it took; each retried attempt adds a `retry` event with its
/// status or failure and the wait before the next. Only the URL's path is kept: the query holds
/// IDs, and the headers hold the token, so neither is ever read here.
struct RequestSpan {
    private let span: any Span
    private var attempts = 0
    private var waited: Duration = .zero

    /// A started span, or nil without a tracer: then the request costs nothing more.
    static func start(_ method: HTTPMethod, site: String, url: String) -> RequestSpan? {
        let tracer = InstrumentationSystem.tracer
        if tracer is NoOpTracer { return nil }
        let path = Self.path(of: url)
        let span = tracer.startSpan("\(method.rawValue) \(path)", context: InstrumentationContext.current ?? .topLevel,
                                    ofKind: .client)
        span.updateAttributes { attributes in
            attributes[TraceAttribute.siteID] = site
            attributes[TraceAttribute.action] = Self.action(method)
            attributes[TraceAttribute.httpMethod] = method.rawValue
            attributes[TraceAttribute.urlPath] = path
        }
        return RequestSpan(span: span)
    }

    /// Records an attempt's answer: the latest status stands on the span.
    mutating func attempted(_ attempt: Int, _ outcome: Result<HTTPExchange, TransportFailure>) {
        attempts = attempt
        switch outcome {
        case .success(let exchange): span.attributes[TraceAttribute.httpStatus] = exchange.status
        case .failure: span.attributes[TraceAttribute.httpStatus] = nil
        }
    }

    /// An event for an attempt that will be retried after `delay`.
    mutating func retrying(_ attempt: Int, after outcome: Result<HTTPExchange, TransportFailure>, delay: Duration) {
        waited += delay
        var attributes: SpanAttributes = [:]
        attributes[TraceAttribute.attempt] = attempt
        attributes[TraceAttribute.retryDelay] = delay.wholeMilliseconds
        switch outcome {
        case .success(let exchange): attributes[TraceAttribute.httpStatus] = exchange.status
        case .failure(let failure): attributes[TraceAttribute.errorType] = Self.errorType(failure.kind)
        }
        span.addEvent(SpanEvent(name: "retry", attributes: attributes))
    }

    /// Marks the request failed with a fixed word for the error: its message may quote a
    /// webhook's URL, query included, so it stays out of the span.
    func failed(_ error: APIError) {
        span.attributes[TraceAttribute.errorType] = Self.errorType(error)
        span.setStatus(SpanStatus(code: .error))
    }

    func end() {
        span.updateAttributes { attributes in
            attributes[TraceAttribute.attempts] = attempts
            attributes[TraceAttribute.retryDelay] = waited.wholeMilliseconds
        }
        span.end()
    }

    /// The path of an absolute URL, without its query or fragment.
    static func path(of url: String) -> String {
        let pathAndQuery = ZTAHTTPClient.pathAndQuery(url)
        return String(pathAndQuery.prefix { $0 != "?" && $0 != "#" })
    }

    static func action(_ method: HTTPMethod) -> String {
        switch method {
        case .get: "list"
        case .post: "create"
        case .delete: "delete"
        }
    }

    static func errorType(_ kind: TransportFailure.Kind) -> String {
        switch kind {
        case .notSent: "not_sent"
        case .timedOut: "timed_out"
        case .connectionLost: "connection_lost"
        case .permanent: "transport"
        case .cancelled: "cancelled"
        }
    }

    static func errorType(_ error: APIError) -> String {
        switch error {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .accessDenied: "access_denied"
        case .notFound: "not_found"
        case .rateLimited: "rate_limited"
        case .server: "server_error"
        case .unexpectedStatus: "unexpected_status"
        case .transport: "transport"
        case .invalidResponse: "invalid_response"
        case .outcomeUnknown: "outcome_unknown"
        case .configuration: "configuration"
        }
    }
}
